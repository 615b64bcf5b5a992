import type { Assessment, Stage } from '../domain/assessments.js';
import type { Program, Session } from '../domain/coaching.js';
import type { Locale } from '../domain/tenant.js';
import type { FieldIssue } from '../errors.js';
import { errorSummary, renderAppPage, type AppFrame } from './app-layout.js';
import type { AppWords } from './app-words.js';
import { checkbox, input, postForm, textarea } from './app-forms.js';
import { STAGE_WORDS } from './assessment-words.js';
import { coachFormWords, type CoachFormWords } from './coach-forms-words.js';
import { html, type Html } from './html.js';
import type { Page } from './layout.js';
import { dayText } from './dates.js';
import { programWords } from './program-words.js';

/**
 * The coach's forms of a program that the JSON API had first: the coach's own view of a self-assessment round (beside
 * what the client said), a session edited or archived; and their parts on the program page.
 */
const STAGES: readonly Stage[] = [1, 2, 3, 4];
const CSS = '.said{margin:0 0 8px}.stage{align-items:flex-start}.stage input{margin-top:4px}.stage strong{display:block}';
/** Rounds listed on the program page: the latest; the rest say how many. */
export const ROUNDS_SHOWN = 6;

/** Problems in the forms' words: by the field's kind (`stage-2` says what a stage must be); a session's fields as the record-session form says them. */
const inWords = (w: AppWords, c: CoachFormWords, problems: readonly FieldIssue[] | undefined): FieldIssue[] | undefined => {
  const p = programWords(w.lang as Locale);
  return problems?.map((f) => {
    const kind = f.field.replace(/-\d+$/, '');
    return { field: f.field, message: c.problems[kind] ?? p.problems[kind] ?? w.fieldProblem };
  });
};

export interface CoachViewPageInput {
  program: Program;
  round: Pick<Assessment, 'round' | 'client' | 'coach'>;
  /** The form as posted, when it comes back with problems; else the coach's saved view fills it. */
  values?: Record<string, string | undefined>;
  problems?: readonly FieldIssue[];
}

export function coachViewPage(w: AppWords, frame: AppFrame, input_: CoachViewPageInput): Page {
  const locale = w.lang as Locale;
  const c = coachFormWords(locale);
  const { program, round } = input_;
  const problems = inWords(w, c, input_.problems);
  const stageName = (s: Stage) => c.stageOf(s, STAGE_WORDS[locale][s].name);
  const title = c.coachViewTitle(dayText(locale, round.round));
  const fieldsets = program.competencies.map((competency, i) => {
    const saved = round.coach?.answers.find((a) => a.competency === competency);
    const said = round.client?.answers.find((a) => a.competency === competency);
    const stage = input_.values ? (input_.values[`stage-${i}`] ?? '') : saved ? String(saved.stage) : '';
    const note = input_.values ? input_.values[`note-${i}`] : saved?.note;
    const stageProblem = problems?.find((p) => p.field === `stage-${i}`);
    const options = [...STAGES.map((s) => ({ value: String(s), label: stageName(s), hint: STAGE_WORDS[locale][s].plain })), { value: '', label: c.noView, hint: '' }];
    return html`<fieldset${stageProblem ? html` aria-describedby="stage-${i}-error"` : ''}><legend>${competency}</legend><input type="hidden" name="competency-${i}" value="${competency}">
<p class="said">${said ? c.clientSaid(stageName(said.stage)) : c.clientNoAnswer}${said?.note ? html`<br>${c.clientNote(said.note)}` : ''}</p>
<p><strong>${c.yourStage}</strong></p>${options.map(
      (o, k) =>
        html`<label class="choice stage" for="stage-${i}-${k + 1}"><input type="radio" id="stage-${i}-${k + 1}" name="stage-${i}" value="${o.value}"${stage === o.value ? html` checked` : ''}><span><strong>${o.label}</strong>${o.hint ? html`<span class="hint">${o.hint}</span>` : ''}</span></label>`,
    )}${stageProblem ? html`<p class="error" id="stage-${i}-error">${stageProblem.message}</p>` : ''}
${textarea({ name: `note-${i}`, label: c.note, rows: 2, value: note, problems })}</fieldset>`;
  });
  // The summary links a stage's problem to its first radio.
  const summary = problems?.map((p) => ({ ...p, field: /^stage-\d+$/.test(p.field) ? `${p.field}-1` : p.field }));
  const content = html`<h1>${title}</h1>${errorSummary(w, summary)}
<p>${programWords(locale).programTitle(program.client.name, program.title)}</p><p>${c.coachViewIntro}</p>
${postForm(`/app/programs/${program.programId}/assessments/${round.round}/coach-view`, html`${fieldsets}`, c.saveView)}
<p><a href="/app/programs/${program.programId}">${programWords(locale).backToProgram}</a></p>`;
  return renderAppPage(w, frame, title, content, CSS);
}

export interface EditSessionPageInput {
  program: Program;
  session: Session;
  values: { date?: string | undefined; sharedSummary?: string | undefined; privateNotes?: string | undefined; archived?: string | undefined };
  problems?: readonly FieldIssue[];
}

export function editSessionPage(w: AppWords, frame: AppFrame, input_: EditSessionPageInput): Page {
  const locale = w.lang as Locale;
  const c = coachFormWords(locale);
  const p = programWords(locale);
  const { program, session, values } = input_;
  const problems = inWords(w, c, input_.problems);
  const title = c.editTitle(session.number);
  const content = html`<h1>${title}</h1>${errorSummary(w, problems)}
<p>${p.programTitle(program.client.name, program.title)}</p>
${postForm(
  `/app/programs/${program.programId}/sessions/${session.sessionId}`,
  html`${input({ name: 'date', label: p.date, type: 'date', hint: p.dateHint, value: values.date, required: true, problems })}
${textarea({ name: 'sharedSummary', label: p.sharedSummaryLabel, hint: p.sharedSummaryHint, value: values.sharedSummary, rows: 4, problems })}
${textarea({ name: 'privateNotes', label: p.privateNotesLabel, hint: p.privateNotesHint, value: values.privateNotes, rows: 4, problems })}
${checkbox({ name: 'archived', label: c.archive, checked: values.archived === 'on', problems })}`,
  c.saveSession,
)}
<p><a href="/app/programs/${program.programId}">${p.backToProgram}</a></p>`;
  return renderAppPage(w, frame, title, content);
}

/** The program page's link to edit a session. */
export const sessionEditLink = (locale: Locale, programId: string, session: { sessionId: string; number: number }): Html => {
  const c = coachFormWords(locale);
  return html`<p><a href="/app/programs/${programId}/sessions/${session.sessionId}" aria-label="${c.editLabel(session.number)}">${c.edit}</a></p>`;
};

/** A round as the program page lists it: whether the client answered and the coach gave a view. */
export interface RoundLine {
  round: string;
  client: boolean;
  coach: boolean;
}

/** The program page's part of the self-assessment for the coach: "ask now" and each round with its coach-view link. */
export function coachAssessmentPart(locale: Locale, programId: string, rounds: readonly RoundLine[], canAsk: boolean): Html {
  const c = coachFormWords(locale);
  const shown = rounds.slice(0, ROUNDS_SHOWN);
  return html`${shown.length ? html`<h3>${c.roundsTitle}</h3><ul>${shown.map(
    (r) => html`<li>${c.round(dayText(locale, r.round))} (${r.client ? c.clientAnswered : c.clientNotYet}${r.coach ? html`; ${c.coachViewGiven}` : ''}): <a href="/app/programs/${programId}/assessments/${r.round}/coach-view">${c.coachViewLink}</a></li>`,
  )}</ul>${rounds.length > shown.length ? html`<p class="meta">${c.moreRounds(rounds.length - shown.length)}</p>` : ''}` : ''}
${canAsk ? html`${postForm(`/app/programs/${programId}/assessments`, '', c.askNow)}<p class="hint">${c.askNowHint}</p>` : ''}`;
}
