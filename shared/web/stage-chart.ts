import type { CompetencyProgress, Stage } from '../domain/assessments.js';
import type { Locale } from '../domain/tenant.js';
import { STAGE_WORDS } from './assessment-words.js';
import { html, type Html } from './html.js';

/**
 * One competency's stage of competence (1-4) over time, as an inline SVG that needs no script and no asset, with its
 * text equivalent: the baseline (first assessment) against the latest in words, and a table of every point. The SVG is
 * hidden from screen readers (`aria-hidden`): the table says the same. The coach's own view is a second series
 * (dashed line, hollow squares: told apart without colour), drawn only where the caller passes it. Stages are named
 * in the self-assessment's own words (STAGE_WORDS), so the chart and the form say the same.
 */
export interface StageChartPoint {
  date: string;
  stage: Stage;
}
export interface StageChartInput {
  competency: string;
  points: readonly StageChartPoint[];
  coachPoints?: readonly StageChartPoint[];
}

/** A competency's progress as the assessments give it (a round is the date it opened); the coach's view only when asked. */
export const stageChartInput = (progress: CompetencyProgress, withCoach: boolean): StageChartInput => ({
  competency: progress.competency,
  points: progress.points.map((p) => ({ date: p.round, stage: p.stage })),
  ...(withCoach ? { coachPoints: progress.coachPoints.map((p) => ({ date: p.round, stage: p.stage })) } : {}),
});

const CHART_WORDS = {
  en: {
    noneYet: (competency: string) => `There is no assessment of ${competency} yet.`,
    baseline: (first: Stage, latest: Stage) => `Baseline ${first} · now ${latest}`,
    onlyBaseline: (first: Stage) => `Baseline ${first} · no later assessment yet`,
    fromTo: (first: string, latest: string) => `from “${first}” to “${latest}”`,
    seriesNone: 'no assessment yet',
    self: 'Self-assessment',
    coach: 'Coach’s view',
    caption: 'Stage by date',
    date: 'Date',
    stage: 'Stage',
    notAssessed: 'not assessed',
  },
  de: {
    noneYet: (competency: string) => `Zu ${competency} gibt es noch keine Einschätzung.`,
    baseline: (first: Stage, latest: Stage) => `Ausgangswert ${first} · jetzt ${latest}`,
    onlyBaseline: (first: Stage) => `Ausgangswert ${first} · noch keine spätere Einschätzung`,
    fromTo: (first: string, latest: string) => `von «${first}» zu «${latest}»`,
    seriesNone: 'noch keine Einschätzung',
    self: 'Selbsteinschätzung',
    coach: 'Sicht des Coachs',
    caption: 'Stufe nach Datum',
    date: 'Datum',
    stage: 'Stufe',
    notAssessed: 'nicht eingeschätzt',
  },
} satisfies Record<Locale, Record<string, unknown>>;

/** The chart's rules; the page adds them with `renderPage(..., STAGE_CHART_CSS)` (its CSP hashes the sheet). */
export const STAGE_CHART_CSS = [
  '.stage-chart{margin:16px 0}.stage-chart figcaption{font-weight:600}.stage-chart p{margin:4px 0}',
  '.stage-plot{display:block;width:100%;height:auto;margin:8px 0}',
  '.stage-legend{list-style:none;padding:0;margin:4px 0;display:flex;flex-wrap:wrap;gap:4px 16px;font-size:.875rem}.stage-legend svg{vertical-align:middle;margin-right:6px}',
  '.stage-table{border-collapse:collapse;width:100%;font-size:.875rem}.stage-table caption{text-align:left;font-weight:600;padding:4px 0}',
  '.stage-table th,.stage-table td{text-align:left;vertical-align:top;padding:4px 8px 4px 0;border-top:1px solid #dfe4e1;overflow-wrap:anywhere}.stage-table th[scope=row]{white-space:nowrap}',
].join('');

/** The drawing's geometry in viewBox units: 320 wide (a 360 px phone's content width), stage 4 on top. */
export const STAGE_PLOT = { width: 320, height: 160, left: 28, right: 304, stage4Y: 16, stage1Y: 124 } as const;

const SERIES = {
  self: { colour: '#1d4ed8', dash: undefined },
  coach: { colour: '#b45309', dash: '6 4' },
} as const;
type SeriesKind = keyof typeof SERIES;

const round = (n: number) => Math.round(n * 10) / 10;
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`);
const shortDate = (locale: Locale, date: string) =>
  new Intl.DateTimeFormat(locale === 'de' ? 'de-CH' : 'en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(dayOf(date)));
const longDate = (locale: Locale, date: string) =>
  new Intl.DateTimeFormat(locale === 'de' ? 'de-CH' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(dayOf(date)));

const stageY = (stage: Stage) => STAGE_PLOT.stage1Y - ((stage - 1) * (STAGE_PLOT.stage1Y - STAGE_PLOT.stage4Y)) / 3;

/** Where each point goes: x by its date between the first and the last date of all series (one date: the middle). */
export function stageCoordinates(points: readonly StageChartPoint[], dates: readonly string[]): { x: number; y: number }[] {
  const first = Math.min(...dates.map(dayOf));
  const span = Math.max(...dates.map(dayOf)) - first;
  const width = STAGE_PLOT.right - STAGE_PLOT.left;
  return points.map((p) => ({ x: round(span === 0 ? STAGE_PLOT.left + width / 2 : STAGE_PLOT.left + ((dayOf(p.date) - first) / span) * width), y: round(stageY(p.stage)) }));
}

const marker = (kind: SeriesKind, x: number, y: number): Html =>
  kind === 'self'
    ? html`<circle cx="${x}" cy="${y}" r="4.5" fill="${SERIES.self.colour}"/>`
    : html`<rect x="${round(x - 4.5)}" y="${round(y - 4.5)}" width="9" height="9" fill="#ffffff" stroke="${SERIES.coach.colour}" stroke-width="2"/>`;

const line = (kind: SeriesKind, coords: readonly { x: number; y: number }[]): Html =>
  coords.length < 2
    ? html``
    : html`<polyline points="${coords.map((c) => `${c.x},${c.y}`).join(' ')}" fill="none" stroke="${SERIES[kind].colour}" stroke-width="2"${SERIES[kind].dash ? html` stroke-dasharray="${SERIES[kind].dash}"` : ''}/>`;

const swatch = (kind: SeriesKind): Html =>
  html`<svg width="28" height="12" viewBox="0 0 28 12" aria-hidden="true" focusable="false"><line x1="0" y1="6" x2="28" y2="6" stroke="${SERIES[kind].colour}" stroke-width="2"${SERIES[kind].dash ? html` stroke-dasharray="${SERIES[kind].dash}"` : ''}/>${marker(kind, 14, 6)}</svg>`;

const byDate = (points: readonly StageChartPoint[]) => [...points].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

/** The chart of one competency, with its text equivalent, in the reader's language. */
export function stageChart(input: StageChartInput, locale: Locale): Html {
  const w = CHART_WORDS[locale];
  const names = STAGE_WORDS[locale];
  const series = [
    { kind: 'self' as const, label: w.self, points: byDate(input.points) },
    ...(input.coachPoints ? [{ kind: 'coach' as const, label: w.coach, points: byDate(input.coachPoints) }] : []),
  ];
  const dates = [...new Set(series.flatMap((s) => s.points.map((p) => p.date)))].sort();
  if (dates.length === 0) return html`<figure class="stage-chart"><figcaption>${input.competency}</figcaption><p>${w.noneYet(input.competency)}</p></figure>`;

  const { width, height, left, right } = STAGE_PLOT;
  const stages = [1, 2, 3, 4] as const;
  const grid = stages.map((s) => html`<line x1="${left}" y1="${stageY(s)}" x2="${right}" y2="${stageY(s)}" stroke="#dfe4e1" stroke-width="1"/><text x="12" y="${stageY(s) + 4}" font-size="12" text-anchor="middle" fill="#4a5450">${s}</text>`);
  const dateLabels =
    dates.length === 1
      ? html`<text x="${(left + right) / 2}" y="${height - 8}" font-size="11" text-anchor="middle" fill="#4a5450">${shortDate(locale, dates[0]!)}</text>`
      : html`<text x="${left}" y="${height - 8}" font-size="11" text-anchor="start" fill="#4a5450">${shortDate(locale, dates[0]!)}</text><text x="${right}" y="${height - 8}" font-size="11" text-anchor="end" fill="#4a5450">${shortDate(locale, dates.at(-1)!)}</text>`;
  const drawn = series.map((s) => {
    const coords = stageCoordinates(s.points, dates);
    return html`<g>${line(s.kind, coords)}${coords.map((c) => marker(s.kind, c.x, c.y))}</g>`;
  });

  const baseline = (s: (typeof series)[number]): Html => {
    const prefix = series.length > 1 ? `${s.label}: ` : '';
    const first = s.points[0];
    const latest = s.points.at(-1);
    if (!first || !latest) return html`<p>${prefix}${w.seriesNone}</p>`;
    if (s.points.length === 1) return html`<p>${prefix}<strong>${w.onlyBaseline(first.stage)}</strong> (${names[first.stage].name})</p>`;
    return html`<p>${prefix}<strong>${w.baseline(first.stage, latest.stage)}</strong>: ${w.fromTo(names[first.stage].name, names[latest.stage].name)}</p>`;
  };
  const cell = (points: readonly StageChartPoint[], date: string) => {
    const at = points.filter((p) => p.date === date);
    return at.length ? at.map((p) => `${p.stage} · ${names[p.stage].name}`).join('; ') : w.notAssessed;
  };

  return html`<figure class="stage-chart"><figcaption>${input.competency}</figcaption>
${series.map(baseline)}
<svg class="stage-plot" viewBox="0 0 ${width} ${height}" width="100%" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">${grid}${dateLabels}${drawn}</svg>
${series.length > 1 ? html`<ul class="stage-legend">${series.map((s) => html`<li>${swatch(s.kind)}${s.label}</li>`)}</ul>` : ''}
<table class="stage-table"><caption>${w.caption}</caption>
<thead><tr><th scope="col">${w.date}</th>${series.length > 1 ? series.map((s) => html`<th scope="col">${s.label}</th>`) : html`<th scope="col">${w.stage}</th>`}</tr></thead>
<tbody>${dates.map((d) => html`<tr><th scope="row">${longDate(locale, d)}</th>${series.map((s) => html`<td>${cell(s.points, d)}</td>`)}</tr>`)}</tbody></table></figure>`;
}
