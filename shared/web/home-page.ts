import type { Locale } from '../domain/tenant.js';
import { dayText } from './dates.js';
import type { HomeQuery, HomeRow } from '../domain/practice-home.js';
import { PROGRAM_STATUSES } from '../domain/coaching.js';
import { FLOW_ZONES } from '../domain/flow.js';
import { completionOfCounters, flowZonesOfCounters, localDate, overdueCount } from '../domain/program.js';
import type { StaffUser, Tenant } from '../domain/tenant.js';
import type { FieldIssue } from '../errors.js';
import { checkbox, input, select } from './app-forms.js';
import { errorSummary, renderAppPage, type AppFrame } from './app-layout.js';
import type { HomeWords } from './home-words.js';
import { inWords } from './forms.js';
import { html, type Html } from './html.js';
import type { Page } from './layout.js';

/**
 * The coach's home: the filters, then one page of programs as a table; below 48rem each row becomes a card whose
 * cells carry their column's name (`data-label`), so nothing scrolls sideways at 360 px.
 */
const HOME_CSS = [
  '.filters{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:flex-end;margin:0 0 16px}',
  '.filters>div{flex:1 1 12rem}',
  '.filters .choice{margin:0 0 10px}',
  '.programs td.attn ul{margin:4px 0 0;padding-left:1.1rem}',
  'tr.stalls>td:first-child{border-left:4px solid #8a1c13}',
  '.muted{color:#4a5450;font-size:.875rem}',
  '.pager{display:flex;gap:16px;margin:16px 0 0}',
  '@media (max-width:47.99rem){.programs thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}',
  '.programs,.programs tbody,.programs tr,.programs td{display:block}',
  '.programs tr{border-top:1px solid #c4cbc7;padding:8px 0}',
  'tr.stalls>td:first-child{border-left:0}',
  'tr.stalls{border-left:4px solid #8a1c13;padding-left:8px}',
  '.programs td{border:0;padding:2px 0;display:flex;gap:8px}',
  '.programs td::before{content:attr(data-label);flex:0 0 8.5rem;font-weight:600;font-size:.875rem;color:#3a4440}}',
].join('');

export interface HomePageInput {
  query: HomeQuery;
  /** Owners and admins: the firm's staff, for the coach filter and column. */
  staff?: readonly StaffUser[];
  rows: readonly HomeRow[];
  next?: string;
  tenant: Tenant;
  now: Date;
  problems?: readonly FieldIssue[];
  /** The filter values as typed, shown again with a problem. */
  typed?: Record<string, string>;
}

const homeLink = (query: Partial<HomeQuery>): string => {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  const search = params.toString();
  return search ? `/app?${search}` : '/app';
};

function filters(w: HomeWords, input_: Pick<HomePageInput, 'query' | 'staff' | 'problems' | 'typed'>): Html {
  const h = w.home;
  const typed = input_.typed ?? {};
  const value = (name: keyof HomeQuery) => typed[name] ?? input_.query[name];
  const staffOptions = [...(input_.staff ?? [])]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((s) => ({ value: s.userId, label: s.status === 'active' ? s.name : h.formerStaff(s.name) }));
  return html`<form method="get" action="/app" class="filters" role="search" aria-label="${h.filtersLabel}" novalidate>
<div>${input({ name: 'q', type: 'search', label: h.search, hint: h.searchHint, value: value('q'), problems: input_.problems })}</div>
<div>${select({ name: 'status', label: h.status, value: value('status'), problems: input_.problems, options: [{ value: '', label: h.anyStatus }, ...PROGRAM_STATUSES.map((s) => ({ value: s, label: h.statuses[s]! }))] })}</div>
${input_.staff ? html`<div>${select({ name: 'coach', label: h.coach, value: value('coach'), problems: input_.problems, options: [{ value: '', label: h.anyCoach }, ...staffOptions] })}</div>` : ''}
<div>${checkbox({ name: 'stalled', label: h.stalledOnly, checked: value('stalled') === 'on', problems: input_.problems })}</div>
<div><button type="submit">${h.apply}</button> <a href="/app">${h.clear}</a></div></form>`;
}


function row(w: HomeWords, r: HomeRow, input_: HomePageInput, coachNames: Map<string, string> | undefined, day: (iso: string) => string): Html {
  const h = w.home;
  // The next session as planned, while it is still to come in the client's calendar.
  const upcoming = r.program.nextSessionOn && r.program.nextSessionOn >= localDate(input_.now, r.program.client.timeZone) ? r.program.nextSessionOn : undefined;
  const p = r.program;
  const rate = completionOfCounters(p).rate;
  const cell = (label: string, content: Html | string | number, cls = '') => html`<td data-label="${label}"${cls ? html` class="${cls}"` : ''}>${content}</td>`;
  const attention = r.stalls.length
    ? html`<div><strong class="flag">${h.stalls}</strong><ul>${r.stalls.map((s) => html`<li>${h.reason(s)}</li>`)}</ul></div>`
    : p.status === 'active'
      ? h.fine
      : h.notRunning;
  return html`<tr${r.stalls.length ? html` class="stalls"` : ''}>${cell(h.cols.client, p.client.name)}${cell(h.cols.attention, attention, 'attn')}${cell(
    h.cols.program,
    html`<a href="/app/programs/${p.programId}">${p.title}</a>`,
  )}${cell(h.cols.status, h.statuses[p.status] ?? p.status)}${cell(
    h.cols.sessions,
    // One element, so the card's cell keeps its label and its content side by side.
    html`<div>${h.sessionsOf(p.sessionsHeld, p.sessionsPlanned)}${upcoming ? html`<br><strong>${h.nextSession(dayText(w.lang as Locale, upcoming))}</strong>` : ''}${p.lastSessionAt ? html`<br><span class="muted">${h.lastSession(day(p.lastSessionAt))}</span>` : ''}</div>`,
  )}${cell(h.cols.activity, p.lastClientActivityAt ? day(p.lastClientActivityAt) : h.never)}${cell(h.cols.completion, rate === null ? '–' : `${Math.round(rate * 100)} %`)}${cell(
    h.cols.obstacles,
    p.obstaclesOpen,
  )}${cell(h.cols.overdue, overdueCount(p, input_.now))}${cell(h.cols.flow, flowText(h, p))}${coachNames ? cell(h.cols.coach, coachNames.get(p.coachId) ?? '–') : ''}</tr>`;
}

/** The program's flow checks by zone, the zones that have any: "3 in flow, 1 too hard". */
function flowText(h: HomeWords['home'], p: Parameters<typeof flowZonesOfCounters>[0]): string {
  const zones = flowZonesOfCounters(p);
  const parts = (['flow', ...FLOW_ZONES.filter((z) => z !== 'flow')] as const).filter((z) => zones[z] > 0).map((z) => `${zones[z]} ${h.flowZones[z]}`);
  return parts.length ? parts.join(', ') : h.never;
}

export function homePage(w: HomeWords, frame: AppFrame, input_: HomePageInput): Page {
  const h = w.home;
  const manager = input_.staff !== undefined;
  const problems = inWords(w, input_.problems);
  const coachNames = input_.staff && new Map(input_.staff.map((s) => [s.userId, s.name]));
  const dateFormat = new Intl.DateTimeFormat(w.lang === 'de' ? 'de-CH' : 'en-GB', { dateStyle: 'medium', timeZone: input_.tenant.timeZone });
  const day = (iso: string) => dateFormat.format(new Date(iso));
  const q = input_.query;
  const filtered = Boolean(q.q || q.stalled || q.status || (manager && q.coach));
  const stalled = input_.rows.filter((r) => r.stalls.length > 0).length;
  const { cursor: _cursor, ...filtersOnly } = q;
  let list: Html;
  if (problems?.length) list = html``;
  else if (input_.rows.length === 0 && !filtered && !q.cursor && !input_.next) {
    list = html`<p class="notice">${h.emptyFirm}</p><p><a href="/app/clients">${h.addClient}</a></p>`;
  } else {
    list = html`${input_.rows.length
      ? html`<p class="muted" role="status">${h.pageSummary(input_.rows.length, stalled)}</p>
<table class="programs" aria-label="${h.tableLabel}"><thead><tr><th scope="col">${h.cols.client}</th><th scope="col">${h.cols.attention}</th><th scope="col">${h.cols.program}</th><th scope="col">${h.cols.status}</th><th scope="col">${h.cols.sessions}</th><th scope="col">${h.cols.activity}</th><th scope="col">${h.cols.completion}</th><th scope="col">${h.cols.obstacles}</th><th scope="col">${h.cols.overdue}</th><th scope="col">${h.cols.flow}</th>${manager ? html`<th scope="col">${h.cols.coach}</th>` : ''}</tr></thead>
<tbody>${input_.rows.map((r) => row(w, r, input_, coachNames, day))}</tbody></table>`
      : html`<p class="notice" role="status">${h.emptyFiltered}</p>`}${q.q || q.stalled ? html`<p class="muted">${h.filteredNote}</p>` : ''}
${q.cursor || input_.next ? html`<nav class="pager" aria-label="${h.pagerLabel}">${q.cursor ? html`<a href="${homeLink(filtersOnly)}">${h.first}</a>` : ''}${input_.next ? html`<a href="${homeLink({ ...filtersOnly, cursor: input_.next })}" rel="next">${h.next}</a>` : ''}</nav>` : ''}`;
  }
  return renderAppPage(
    w,
    frame,
    w.nav.home,
    html`<h1>${w.nav.home}</h1>${errorSummary(w, problems)}<p>${manager ? h.introManager : h.introCoach}</p>${filters(w, { ...input_, problems })}${list}`,
    HOME_CSS,
  );
}
