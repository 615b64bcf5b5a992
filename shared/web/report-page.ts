import type { ReportContent, ReportSnapshot } from '../domain/reports.js';
import type { Locale } from '../domain/tenant.js';
import { reportDay, reportWords, stageMovement } from '../email/templates/report-words.js';
import { html, type Html } from './html.js';
import { words } from './i18n.js';
import { renderPage, type Brand, type Page } from './layout.js';

/**
 * The web version of a sponsor report: the stored snapshot, exactly what the email said (no live data), in the
 * sponsor's language. The trend's bars are `meter` elements with their value beside them as text; no script, no
 * form: the page changes nothing.
 */
/** The report's table of numbers and its bars (meters with their value beside them), fluid down to 320 px. */
export const REPORT_CSS = [
  '.numbers{border-collapse:collapse;width:100%}.numbers th,.numbers td{padding:4px 8px 4px 0;text-align:right;overflow-wrap:anywhere}.numbers th[scope=row]{text-align:left;font-weight:400}',
  '.bars{list-style:none;padding:0;margin:0}.bars li{display:flex;align-items:center;gap:8px;margin:4px 0}.bars li>span{flex:0 1 7rem;min-width:0;overflow-wrap:anywhere}.bars meter{flex:1 1 4rem;min-width:3rem;height:1rem}',
].join('');

/**
 * A report's body: everything under its title, in the report's language. The sponsor's web version and the client's
 * preview (shared/web/sharing-page.ts) both render it, so what the client previews is what the sponsor sees.
 */
export function reportBody(locale: Locale, c: ReportContent): Html {
  const w = reportWords[locale];
  const last = new Date(Date.parse(`${c.period.end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const p = c.actions.period;
  const o = c.actions.overall;
  const row = (label: string, period: number | string, overall: number) => html`<tr><th scope="row">${label}</th><td>${period}</td><td>${overall}</td></tr>`;
  const none = html`<p>${w.noneInPeriod}</p>`;
  return html`<section class="report">
<p>${w.intro(c.clientName, c.programTitle, reportDay(locale, c.period.start), reportDay(locale, last))}</p>
<p class="meta">${w.sharedAs(w.levels[c.sharingLevel])}</p>
<h2>${w.sessionsTitle}</h2><p>${w.sessions(c.sessions.heldInPeriod, c.sessions.heldSoFar, c.sessions.planned)}</p>
<h2>${w.actionsTitle}</h2>
<table class="numbers"><thead><tr><td></td><th scope="col">${w.thisPeriod}</th><th scope="col">${w.overall}</th></tr></thead><tbody>
${row(w.captured, p.captured, o.captured)}${row(w.done, p.done, o.done)}${row(w.partly, p.partly, o.partly)}${row(w.notDone, p.notDone, o.notDone)}${row(w.open, '–', o.open)}
</tbody></table>
<h2>${w.trendTitle}</h2><p class="hint">${w.trendHint}</p>
<ul class="bars">${c.trend.map((t, i) => {
    const label = w.since(reportDay(locale, t.start));
    const value = t.completion === null ? w.noneDecided : `${t.completion}%`;
    return html`<li><span id="bar-${i}">${label}</span><meter min="0" max="100" value="${t.completion ?? 0}" aria-labelledby="bar-${i}"></meter><span>${value}</span></li>`;
  })}</ul>
${c.actionTitles ? html`<h2>${w.actionTitlesTitle}</h2>${c.actionTitles.length ? html`<ul>${c.actionTitles.map((a) => html`<li>${a.title} <span class="meta">(${w.status[a.status]})</span></li>`)}</ul>` : none}` : ''}
${c.competenceStages ? html`<h2>${w.stagesTitle}</h2><ul>${c.competenceStages.map((s) => html`<li>${s.competency}: ${stageMovement(w, s)}</li>`)}</ul>` : ''}
${c.obstacles ? html`<h2>${w.obstaclesTitle}</h2>${c.obstacles.length ? html`<ul>${c.obstacles.map((x) => html`<li>${x.actionTitle}: ${x.text} <span class="meta">(${w.category[x.category]})</span></li>`)}</ul>` : none}` : ''}
${c.reflections ? html`<h2>${w.reflectionsTitle}</h2>${c.reflections.length ? html`<ul>${c.reflections.map((r) => html`<li>${r.actionTitle}: ${r.text}</li>`)}</ul>` : none}` : ''}
</section>`;
}

export function reportPage(brand: Brand, snapshot: ReportSnapshot): Page {
  const w = reportWords[snapshot.locale];
  const content = html`<h1>${w.pageTitle}: ${snapshot.content.clientName}</h1>
${reportBody(snapshot.locale, snapshot.content)}`;
  return renderPage(words[snapshot.locale], brand, w.pageTitle, content, REPORT_CSS);
}
