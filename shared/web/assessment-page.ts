import type { AnswerSet, CompetencyProgress, Stage } from '../domain/assessments.js';
import type { actionsByCompetency } from '../domain/competency-actions.js';
import type { pulseView } from '../domain/pulse.js';
import { STAGES } from '../domain/assessments.js';
import type { Program } from '../domain/coaching.js';
import type { FieldIssue } from '../errors.js';
import type { AssessmentWords as Words } from './assessment-words.js';
import { html, type Html } from './html.js';
import { renderPage, type Brand, type Page } from './layout.js';
import { STAGE_CHART_CSS, stageChart, stageChartInput } from './stage-chart.js';

/**
 * The client's self-assessment page behind their link: the round open now as one form (a fieldset per competency with
 * the four stages in plain words, and a note), and how each competency has moved so far. No script; the form posts
 * the link token and the round it showed, so answers never land in a round that closed meanwhile.
 */
export interface AssessmentPageInput {
  token: string;
  program: Pick<Program, 'title' | 'competencies' | 'client'>;
  open?: { round: string; closesOn?: string; answers?: AnswerSet['answers']; answeredAt?: string };
  next?: { opensOn: string };
  progress: CompetencyProgress[];
  readOnly: boolean;
  /** The actions linked to each competency, with their completion. */
  competencies?: ReturnType<typeof actionsByCompetency>;
  /** The sponsors' pulse answers: given only when the client shares `full` with them. */
  pulse?: ReturnType<typeof pulseView>['answers'];
  /** After a save, or when the round closed meanwhile. */
  notice?: string;
  /** A refused form: what was wrong (fields as `stage-<i>`, `note-<i>`) and what was typed. */
  problems?: { fields: readonly FieldIssue[]; values: Record<string, string> };
}

/** Stage radios and notes stack on small screens: the label text wraps beside its radio. */
const ASSESSMENT_CSS = '.stage{align-items:flex-start}.stage input{margin-top:4px}.stage strong{display:block}.points{padding-left:20px}';

const dayIn = (locale: string, date: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

/** An issue of the form as the page names its fields: `answers.2.stage` is `stage-2`. */
export function pageField(field: string): string {
  const m = /^answers\.(\d+)\.(stage|note|competency)$/.exec(field);
  if (!m) return field;
  return m[2] === 'competency' ? `stage-${m[1]}` : `${m[2]}-${m[1]}`;
}

function problemText(w: Words, field: string): string {
  const kind = field.replace(/-\d+$/, '');
  return w.fieldProblems[kind] ?? w.fieldProblem;
}

function competencyFieldset(w: Words, input: AssessmentPageInput, competency: string, i: number): Html {
  const a = w.assessment;
  const values = input.problems?.values;
  const given = values ? values[`stage-${i}`] : input.open?.answers?.find((x) => x.competency === competency)?.stage.toString();
  const note = values ? values[`note-${i}`] : input.open?.answers?.find((x) => x.competency === competency)?.note;
  const stageProblem = input.problems?.fields.find((p) => p.field === `stage-${i}`);
  const noteProblem = input.problems?.fields.find((p) => p.field === `note-${i}`);
  return html`<fieldset${stageProblem ? html` aria-describedby="stage-${i}-error"` : ''}><legend>${competency}</legend><input type="hidden" name="competency-${i}" value="${competency}">
<p class="hint">${a.pickStage}</p>${STAGES.map(
    (s: Stage) =>
      html`<label class="choice stage" for="stage-${i}-${s}"><input type="radio" id="stage-${i}-${s}" name="stage-${i}" value="${s}"${given === String(s) ? html` checked` : ''}><span><strong>${a.stageOf(s, w.stages[s].name)}</strong><span class="hint">${w.stages[s].plain}</span></span></label>`,
  )}${stageProblem ? html`<p class="error" id="stage-${i}-error">${problemText(w, `stage-${i}`)}</p>` : ''}
<label for="note-${i}">${a.note}</label><textarea id="note-${i}" name="note-${i}" rows="2"${noteProblem ? html` aria-invalid="true" aria-describedby="note-${i}-error"` : ''}>${note ?? ''}</textarea>${noteProblem ? html`<p class="error" id="note-${i}-error">${problemText(w, `note-${i}`)}</p>` : ''}</fieldset>`;
}

/**
 * Each competency's stages so far as a chart (SVG, with the same points as a table and the baseline against the
 * latest in words), and the actions linked to it with their completion.
 */
function history(w: Words, input: AssessmentPageInput): Html {
  const a = w.assessment;
  const answered = input.progress.filter((p) => p.points.length);
  if (!answered.length) return html`<p>${a.historyEmpty}</p>`;
  const lang = input.program.client.locale;
  return html`${answered.map((p) => {
    const linked = input.competencies?.find((c) => c.competency === p.competency);
    return html`${stageChart(stageChartInput(p, false), lang)}${
      linked && linked.completion.total
        ? html`<p class="meta">${a.linkedActions(linked.completion.done, linked.completion.total)}</p><ul class="points">${linked.actions.map((x) => html`<li>${x.title} <span class="meta">(${w.client.status[x.status]})</span></li>`)}</ul>`
        : ''
    }`;
  })}`;
}

/** What the sponsors answered to their reports' question, oldest first. */
function pulseList(w: Words, answers: NonNullable<AssessmentPageInput['pulse']>, locale: string): Html {
  const a = w.assessment;
  return html`<h2>${a.pulseTitle}</h2><p class="hint">${a.pulseIntro}</p><ul class="points">${answers.map(
    (p) => html`<li>${a.pulseAnswer(dayIn(locale, p.periodEnd), p.subject, p.answer)}</li>`,
  )}</ul>`;
}

export function assessmentPage(w: Words, brand: Brand, input: AssessmentPageInput): Page {
  const a = w.assessment;
  const locale = input.program.client.locale === 'de' ? 'de-CH' : 'en-GB';
  const { open, problems } = input;
  const summary = problems
    ? html`<div class="errors" role="alert"><p><strong>${w.client.errorSummary}</strong></p><ul>${problems.fields.map(
        (p) => html`<li><a href="#${/^stage-\d+$/.test(p.field) ? `${p.field}-1` : p.field}">${problemText(w, p.field)}</a></li>`,
      )}</ul></div>`
    : '';
  const form = open && !input.readOnly
    ? html`<h2>${a.openTitle}</h2><p class="meta">${a.openSince(dayIn(locale, open.round))} ${open.closesOn ? a.changeUntil(dayIn(locale, open.closesOn)) : a.changeAnyTime}</p>
${open.answeredAt ? html`<p class="meta">${a.answeredAt(new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: input.program.client.timeZone }).format(new Date(open.answeredAt)))}</p>` : ''}
<form method="post" action="/client/assessment" novalidate><input type="hidden" name="token" value="${input.token}"><input type="hidden" name="round" value="${open.round}">
${input.program.competencies.map((c, i) => competencyFieldset(w, input, c, i))}<button type="submit">${a.save}</button></form>`
    : html`<p>${input.readOnly ? a.readOnly : input.program.competencies.length ? a.noneOpen : a.noCompetencies}</p>${!input.readOnly && input.next ? html`<p>${a.nextOn(dayIn(locale, input.next.opensOn))}</p>` : ''}`;
  return renderPage(
    w,
    brand,
    a.title,
    html`${input.notice ? html`<div class="notice" role="status"><p>${input.notice}</p></div>` : ''}${summary}<h1>${a.title}</h1><p class="meta">${input.program.title}</p><p>${a.intro}</p>
${form}
<h2>${a.historyTitle}</h2>${history(w, input)}${input.pulse?.length ? pulseList(w, input.pulse, locale) : ''}
<p><a href="/client?token=${encodeURIComponent(input.token)}">${a.back}</a></p>`,
    ASSESSMENT_CSS + STAGE_CHART_CSS,
  );
}
