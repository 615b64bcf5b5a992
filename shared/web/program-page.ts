import { dayText, instantText } from './dates.js';
import type { programPageView } from '../coaching/programs.js';
import type { previewReport } from '../coaching/reports.js';
import type { FieldIssue } from '../errors.js';
import type { Locale } from '../domain/tenant.js';
import { renderAppPage, errorSummary, type AppFrame } from './app-layout.js';
import type { AppWords } from './app-words.js';
import { postForm, select, textarea } from './app-forms.js';
import { html, type Html } from './html.js';
import type { Page } from './layout.js';
import { programWords, type ProgramWords } from './program-words.js';
import { actionWords } from './action-words.js';
import { REPORT_CSS, reportBody } from './report-page.js';
import { STAGE_CHART_CSS, stageChart, stageChartInput } from './stage-chart.js';
import { coachAssessmentPart, sessionEditLink, type RoundLine } from './coach-forms-page.js';

/**
 * A program's page in the staff web app: everything the coach needs before the next session, from the one Query of
 * the program's collection (programPageView, the JSON page's view). Lists are capped so the page stays small however
 * long the program runs; each says how many more there are.
 */
export const PAGE_CAPS = { agenda: 20, sessions: 10, actions: 50 } as const;

export interface ProgramPageInput {
  view: ReturnType<typeof programPageView>;
  preview: ReturnType<typeof previewReport>;
  timeZone: string;
  /** The program's sponsors' names by id (one that is gone is named by its place in the program's list). */
  sponsorNames?: ReadonlyMap<string, string>;
  /** What the last form did (`?done=`). */
  notice?: string;
  /** A refused "resolve" form: its obstacle, its problems and the note as typed. */
  resolveProblem?: { obstacleId: string; fields: readonly FieldIssue[]; note: string };
  /** The self-assessment's rounds, newest first, each linked to the coach's view of it. */
  rounds?: readonly RoundLine[];
}

export const PROGRAM_PAGE_CSS = [
  '.facts{display:flex;flex-wrap:wrap;gap:4px 16px;margin:0 0 12px}',
  '.links{display:flex;flex-wrap:wrap;gap:8px 20px;align-items:center;margin:0 0 8px}',
  '.button{display:inline-block;padding:10px 18px;border-radius:4px;font-weight:600;text-decoration:none;background:#1d2421;color:#fff}',
  '.agenda>li{padding:10px 0}',
  '.kind{font-weight:700}',
  'section{margin-top:8px}',
  '.report{border:1px solid #dfe4e1;padding:8px 12px;margin:8px 0}',
  '.private p{margin:0}',
  // Titles wrap; the short columns (status, due date, competency) keep their words whole.
  'td,th{overflow-wrap:break-word}',
  '.scroll td+td,.scroll th+th{white-space:nowrap}',
].join('');

const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)} %`);

type View = ProgramPageInput['view'];

function agendaItem(p: ProgramWords, locale: Locale, programId: string, item: View['agenda'][number], problem: ProgramPageInput['resolveProblem'], w: AppWords): Html {
  const action = (actionId: string, title: string) => html`<a href="/app/programs/${programId}/actions/${actionId}">${title}</a>`;
  switch (item.kind) {
    case 'obstacle': {
      const mine = problem?.obstacleId === item.obstacleId ? problem : undefined;
      const problems = mine?.fields.map((f) => ({ field: 'note', message: p.problems[f.field] ?? w.fieldProblem }));
      return html`<li><span class="kind">${p.agenda.obstacle}</span> (${p.categories[item.category] ?? item.category}) ${item.actionTitle ? p.onAction(item.actionTitle) : ''}: ${item.text}
<details${mine ? html` open` : ''}><summary>${p.resolveSummary}</summary>${postForm(
        `/app/programs/${programId}/obstacles/${item.obstacleId}/resolve`,
        textarea({ name: 'note', id: `note-${item.obstacleId}`, label: p.resolveNote, rows: 2, value: mine?.note, problems }),
        p.resolveButton,
      )}</details></li>`;
    }
    case 'not-done':
      return html`<li><span class="kind">${p.agenda.notDone(p.actionStatus[item.status] ?? item.status)}</span>: ${action(item.actionId, item.title)}</li>`;
    case 'overdue':
      return html`<li><span class="kind late">${p.agenda.overdue(dayText(locale, item.dueDate))}</span>: ${action(item.actionId, item.title)}</li>`;
    case 'due-soon':
      return html`<li><span class="kind">${p.agenda.dueSoon(dayText(locale, item.dueDate))}</span>: ${action(item.actionId, item.title)}</li>`;
    default:
      return html`<li><span class="kind">${item.kind === 'split' ? p.agenda.split : p.agenda.stretch}</span>: ${action(item.actionId, item.title)} <span class="meta">(${p.agenda.flowRating(item.challenge, item.skill)})</span></li>`;
  }
}

/** Open actions first (soonest due first), then the decided ones, newest first. */
function actionsShown(actions: View['actions']) {
  const open = actions.filter((a) => a.status === 'open').sort((a, b) => ((a.dueDate ?? '9999') < (b.dueDate ?? '9999') ? -1 : 1));
  const decided = actions.filter((a) => a.status !== 'open').sort((a, b) => ((a.decidedAt ?? a.updatedAt) < (b.decidedAt ?? b.updatedAt) ? 1 : -1));
  return [...open, ...decided];
}

export function programPage(w: AppWords, frame: AppFrame, input: ProgramPageInput): Page {
  const locale = w.lang as Locale;
  const p = programWords(locale);
  const { view, preview } = input;
  const program = view.program;
  const id = program.programId;
  const client = program.client.name;
  const title = p.programTitle(client, program.title);
  const sponsorLabel = (sponsorId: string) =>
    input.sponsorNames?.get(sponsorId) ?? p.sponsor(program.sponsorIds.indexOf(sponsorId) + 1 || program.sponsorIds.length + 1);
  const instant = (iso: string) => instantText(locale, iso, input.timeZone);

  const agenda = view.agenda.slice(0, PAGE_CAPS.agenda);
  const sessions = [...view.sessions].reverse();
  const actions = actionsShown(view.actions);
  const shownActions = actions.slice(0, PAGE_CAPS.actions);
  const sharing = view.sharing;
  const assessments = view.assessments;
  const resolveProblems = input.resolveProblem ? input.resolveProblem.fields.map((f) => ({ field: `note-${input.resolveProblem!.obstacleId}`, message: p.problems[f.field] ?? w.fieldProblem })) : undefined;

  const content = html`<h1>${title}</h1>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ''}${errorSummary(w, resolveProblems)}
<p class="facts"><span>${p.facts(p.status[program.status] ?? program.status, program.sessionsHeld, program.sessionsPlanned)}</span><span>${p.completion(percent(view.completion.rate))}</span>${program.nextSessionOn ? html`<span>${p.nextSessionFact(dayText(locale, program.nextSessionOn))}</span>` : ''}${view.overdueActions.length ? html`<span class="late">${p.overdueCount(view.overdueActions.length)}</span>` : ''}</p>
<p class="links"><a class="button" href="/app/programs/${id}/sessions/new">${p.recordSession}</a><a href="/app/programs/${id}/edit">${p.editSettings}</a></p>

<section aria-labelledby="agenda"><h2 id="agenda">${p.agendaTitle}</h2>
${agenda.length ? html`<ul class="items agenda">${agenda.map((item) => agendaItem(p, locale, id, item, input.resolveProblem, w))}</ul>` : html`<p>${p.agendaEmpty}</p>`}
${view.agenda.length > agenda.length ? html`<p class="meta">${p.more(view.agenda.length - agenda.length)}</p>` : ''}</section>

<section aria-labelledby="sessions"><h2 id="sessions">${p.sessionsTitle}</h2>
${sessions.length ? html`<ul class="items">${sessions.slice(0, PAGE_CAPS.sessions).map(
    (s) => html`<li><h3>${p.session(s.number, instant(s.heldAt))}</h3><p class="meta">${p.sessionActions(s.completion.total, s.completion.done)}</p>
<p><strong>${p.sharedSummary}:</strong></p><p class="summary">${s.sharedSummary || p.noSummary}</p>
${s.privateNotes ? html`<div class="private"><p><strong>${p.privateNotes}:</strong></p><p class="summary">${s.privateNotes}</p></div>` : ''}${sessionEditLink(locale, id, s)}</li>`,
  )}</ul>${sessions.length > PAGE_CAPS.sessions ? html`<p class="meta">${p.olderSessions(sessions.length - PAGE_CAPS.sessions)}</p>` : ''}` : html`<p>${p.sessionsEmpty}</p>`}</section>

<section aria-labelledby="actions"><h2 id="actions">${p.actionsTitle}</h2>
${shownActions.length ? html`<div class="scroll"><table><thead><tr><th scope="col">${p.col.action}</th><th scope="col">${p.col.status}</th><th scope="col">${p.col.due}</th><th scope="col">${p.col.competency}</th></tr></thead><tbody>${shownActions.map(
    (a) => html`<tr><td><a href="/app/programs/${id}/actions/${a.actionId}">${a.title}</a>${a.createdBy.kind === 'client' ? html` <span class="meta">(${p.byClient})</span>` : ''}</td><td${view.overdueActions.includes(a.actionId) ? html` class="late"` : ''}>${p.actionStatus[a.status] ?? a.status}</td><td>${a.dueDate ? dayText(locale, a.dueDate) : ''}</td><td>${a.competency ?? ''}</td></tr>`,
  )}</tbody></table></div>${actions.length > shownActions.length ? html`<p class="meta">${p.moreActions(actions.length - shownActions.length)}</p>` : ''}` : html`<p>${p.actionsEmpty}</p>`}
<p class="links"><a href="/app/programs/${id}/actions/new">${actionWords(locale).addAction}</a></p></section>

<section aria-labelledby="assessments"><h2 id="assessments">${p.assessmentsTitle}</h2>
${assessments.open ? html`<p>${p.openRound(dayText(locale, assessments.open.round))}</p>` : ''}${assessments.next ? html`<p>${p.nextRound(dayText(locale, assessments.next.opensOn))}</p>` : ''}
${assessments.progress.length ? assessments.progress.map((progress) => stageChart(stageChartInput(progress, true), locale)) : html`<p>${p.assessmentsNone}</p>`}
${coachAssessmentPart(locale, id, input.rounds ?? [], program.status === 'active' && assessments.progress.length > 0)}</section>

<section aria-labelledby="reports"><h2 id="reports">${p.reportsTitle}</h2>
<h3>${p.sharingTitle}</h3>
<p>${p.proposed(p.sharingLevels[sharing.proposed] ?? sharing.proposed)} ${sharing.agreed ? p.agreed(p.sharingLevels[sharing.agreed.level] ?? sharing.agreed.level, instant(sharing.agreed.at)) : p.notAgreed}</p>
<p><strong>${p.effective(p.sharingLevels[sharing.effective] ?? sharing.effective)}</strong></p>
${program.sponsorIds.length ? html`<ul>${view.reports.next.map((n) => html`<li>${p.nextReport(sponsorLabel(n.sponsorId), dayText(locale, n.reportDay))}</li>`)}</ul>` : html`<p>${p.noSponsors}</p>`}
<h3>${p.sentTitle}</h3>
${view.reports.sent.length ? html`<ul>${view.reports.sent.map(
    (r) => html`<li>${p.sentReport(sponsorLabel(r.sponsorId), dayText(locale, r.period.start), dayText(locale, r.period.end), instant(r.sentAt))}${r.trigger === 'now' ? html` <span class="meta">(${p.onDemand})</span>` : ''}</li>`,
  )}</ul>` : html`<p>${p.sentNone}</p>`}
<details><summary>${p.previewSummary}</summary><div class="report">${reportBody(locale, preview.content)}</div></details>
${program.sponsorIds.length ? postForm(`/app/programs/${id}/reports`, select({ name: 'sponsorId', label: p.sendNowLabel, options: [{ value: '', label: p.allSponsors }, ...program.sponsorIds.map((s) => ({ value: s, label: sponsorLabel(s) }))] }), p.sendNow) : ''}
<h3>${p.pulseTitle}</h3><p class="meta">${p.pulseScale}</p>
${view.pulse.answers.length ? html`<ul>${view.pulse.answers.map((a) => html`<li>${p.pulseAnswer(sponsorLabel(a.sponsorId), a.subject, a.answer, dayText(locale, a.periodEnd))}</li>`)}</ul>` : html`<p>${p.pulseNone}</p>`}</section>

<section aria-labelledby="client-link"><h2 id="client-link">${p.clientLinkTitle}</h2><p>${p.clientLinkIntro(client)}</p>
<div class="actions-row">${postForm(`/app/programs/${id}/client-link`, '', p.resend)}${postForm(`/app/programs/${id}/client-link/revoke`, '', p.revoke, { secondary: true })}</div>
<p class="hint">${p.revokeHint}</p></section>`;
  return renderAppPage(w, frame, title, content, PROGRAM_PAGE_CSS + STAGE_CHART_CSS + REPORT_CSS);
}
