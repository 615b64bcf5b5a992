import { describe, expect, it } from 'vitest';
import { STAGE_WORDS } from '../../shared/web/assessment-words.js';
import { STAGE_PLOT, stageChart, stageChartInput, stageCoordinates } from '../../shared/web/stage-chart.js';

/** The stage chart's markup: the drawing where it should be, and a text equivalent that says every point. */
const points = [
  { date: '2026-01-31', stage: 4 },
  { date: '2026-01-01', stage: 1 },
  { date: '2026-01-11', stage: 3 },
] as const;

const circles = (markup: string) => [...markup.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
const rows = (markup: string) => [...markup.matchAll(/<tr><th scope="row">([^<]+)<\/th>((?:<td>[^<]*<\/td>)+)<\/tr>/g)].map((m) => [m[1], ...[...m[2]!.matchAll(/<td>([^<]*)<\/td>/g)].map((c) => c[1])]);

describe('the stage chart', () => {
  it('puts each point by its date and stage (stage 4 on top; x spans first to last date)', () => {
    expect(STAGE_PLOT).toMatchObject({ left: 28, right: 304, stage4Y: 16, stage1Y: 124 });
    const markup = stageChart({ competency: 'Delegation', points }, 'en').value;
    // 1 Jan at the left edge, 11 Jan a third of the way (10 of 30 days), 31 Jan at the right edge; stages 36 apart.
    expect(circles(markup)).toEqual([
      { x: 28, y: 124 },
      { x: 120, y: 52 },
      { x: 304, y: 16 },
    ]);
    expect(markup).toContain('<polyline points="28,124 120,52 304,16"');
    expect(markup).toMatch(/<svg class="stage-plot" viewBox="0 0 320 160" width="100%" aria-hidden="true"/);
    expect(stageCoordinates([{ date: '2026-03-01', stage: 2 }], ['2026-03-01'])).toEqual([{ x: 166, y: 88 }]);
  });

  it('states the baseline against the latest in words, and lists every point in a table', () => {
    const markup = stageChart({ competency: 'Delegation', points }, 'en').value;
    expect(markup).toContain('<strong>Baseline 1 · now 4</strong>');
    expect(markup).toContain('from “I didn’t know I couldn’t” to “I do it without thinking”');
    expect(rows(markup)).toEqual([
      ['1 Jan 2026', '1 · I didn’t know I couldn’t'],
      ['11 Jan 2026', '3 · I can, with effort'],
      ['31 Jan 2026', '4 · I do it without thinking'],
    ]);
    expect(markup).not.toContain('stage-legend');
  });

  it('draws the coach’s view as a second series with a legend, and the table gives both', () => {
    const markup = stageChart({ competency: 'Feedback', points: [{ date: '2026-02-01', stage: 2 }, { date: '2026-03-01', stage: 3 }], coachPoints: [{ date: '2026-03-01', stage: 2 }] }, 'en').value;
    expect(markup).toContain('<ul class="stage-legend">');
    expect(markup).toContain('stroke-dasharray="6 4"');
    expect([...markup.matchAll(/<rect /g)]).toHaveLength(2); // the coach's point and its legend swatch
    expect(markup).toContain('Self-assessment: <strong>Baseline 2 · now 3</strong>');
    expect(markup).toContain('Coach’s view: <strong>Baseline 2 · no later assessment yet</strong>');
    expect(rows(markup)).toEqual([
      ['1 Feb 2026', '2 · I know I can’t yet', 'not assessed'],
      ['1 Mar 2026', '3 · I can, with effort', '2 · I know I can’t yet'],
    ]);
  });

  it('one point is a dot in the middle; no points is a sentence', () => {
    const one = stageChart({ competency: 'Presence', points: [{ date: '2026-03-01', stage: 2 }] }, 'en').value;
    expect(circles(one)).toEqual([{ x: 166, y: 88 }]);
    expect(one).not.toContain('<polyline');
    expect(one).toContain('Baseline 2 · no later assessment yet');
    const none = stageChart({ competency: 'Presence', points: [] }, 'en').value;
    expect(none).toContain('There is no assessment of Presence yet.');
    expect(none).not.toContain('<svg');
  });

  it('escapes the competency and speaks German', () => {
    const markup = stageChart({ competency: '<script>alert(1)</script>', points }, 'de').value;
    expect(markup).not.toContain('<script>');
    expect(markup).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(markup).toContain('Ausgangswert 1 · jetzt 4');
    expect(markup).toContain(STAGE_WORDS.de[4].name);
    expect(stageChart({ competency: '<b>', points: [] }, 'de').value).toContain('Zu &lt;b&gt; gibt es noch keine Einschätzung.');
  });

  it('takes a competency’s progress from the assessments: the coach’s view only where the caller asks for it', () => {
    const progress = { competency: 'Delegation', points: [{ round: '2026-11-01', stage: 1 as const }, { round: '2026-11-29', stage: 2 as const }], coachPoints: [{ round: '2026-11-29', stage: 3 as const }] };
    expect(stageChartInput(progress, false)).toEqual({ competency: 'Delegation', points: [{ date: '2026-11-01', stage: 1 }, { date: '2026-11-29', stage: 2 }] });
    expect(stageChartInput(progress, true).coachPoints).toEqual([{ date: '2026-11-29', stage: 3 }]);
    expect(stageChart(stageChartInput(progress, false), 'en').value).not.toContain('Coach’s view');
  });
});
