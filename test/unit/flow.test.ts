import { describe, expect, it } from 'vitest';
import type { Action } from '../../shared/domain/coaching.js';
import { FLOW_RULE, FLOW_SUMMARY_CHECKS, flowSuggestions, flowSummary, flowZone, type FlowZone } from '../../shared/domain/flow.js';

/** The flow rule over its whole grid, the program page's flow summary and the agenda's split and stretch suggestions. */
const [A, B, F, P] = ['anxiety', 'boredom', 'flow', 'apathy'] as const satisfies readonly FlowZone[];

/** Rows: challenge 5 (top) down to 1; columns: skill 1 to 5. Written out by hand, as the README's table shows it. */
const GRID: readonly (readonly FlowZone[])[] = [
  /* challenge 5 */ [A, A, A, F, F],
  /* challenge 4 */ [A, A, F, F, F],
  /* challenge 3 */ [A, P, F, F, B],
  /* challenge 2 */ [P, P, P, B, B],
  /* challenge 1 */ [P, P, B, B, B],
];
const expected = (challenge: number, skill: number) => GRID[5 - challenge]![skill - 1]!;
const cells = [1, 2, 3, 4, 5].flatMap((challenge) => [1, 2, 3, 4, 5].map((skill) => ({ challenge, skill })));

describe('the flow rule', () => {
  it('names its thresholds in one place', () => {
    expect(FLOW_RULE).toEqual({ wellAbove: 2, highEnough: 3 });
  });

  for (const { challenge, skill } of cells) {
    it(`challenge ${challenge}, skill ${skill}: ${expected(challenge, skill)}`, () => {
      expect(flowZone(challenge, skill)).toBe(expected(challenge, skill));
    });
  }

  it('covers all 25 cells, and each zone has some', () => {
    expect(cells).toHaveLength(25);
    const zones = cells.map(({ challenge, skill }) => flowZone(challenge, skill));
    expect(new Set(zones)).toEqual(new Set([A, B, F, P]));
  });

  it('moves cells when a threshold changes', () => {
    // A one-point gap becomes "well above": challenge 3 / skill 2 turns from apathy to anxiety, 4/5 from flow to boredom.
    expect(flowZone(3, 2)).toBe(P);
    expect(flowZone(3, 2, { ...FLOW_RULE, wellAbove: 1 })).toBe(A);
    expect(flowZone(4, 5, { ...FLOW_RULE, wellAbove: 1 })).toBe(B);
    // A higher bar for flow: 3/3 and 3/4 become apathy, 4/4 stays flow.
    expect(flowZone(3, 3, { ...FLOW_RULE, highEnough: 4 })).toBe(P);
    expect(flowZone(3, 4, { ...FLOW_RULE, highEnough: 4 })).toBe(P);
    expect(flowZone(4, 4, { ...FLOW_RULE, highEnough: 4 })).toBe(F);
    // A wider gap: challenge 5 / skill 3 is no longer anxiety but flow.
    expect(flowZone(5, 3, { ...FLOW_RULE, wellAbove: 3 })).toBe(F);
  });
});

let n = 0;
const checked = (challenge: number, skill: number, at: string, over: Partial<Action> = {}): Action => ({
  actionId: over.actionId ?? `A${++n}`,
  programId: 'P',
  title: over.title ?? `Step ${n}`,
  status: 'done',
  createdBy: { kind: 'client' },
  archived: false,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: at,
  decidedAt: at,
  flow: { challenge, skill, at },
  version: 2,
  ...over,
});
const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}T09:00:00.000Z`;

describe('the flow summary', () => {
  it('counts the latest FLOW_SUMMARY_CHECKS checks per zone, each with its zone, newest first', () => {
    const old = Array.from({ length: 4 }, (_, i) => checked(1, 1, day(1 + i)));
    const recent = [checked(5, 1, day(10)), checked(4, 4, day(11)), checked(1, 5, day(12)), checked(2, 1, day(13))];
    const more = Array.from({ length: FLOW_SUMMARY_CHECKS - recent.length }, (_, i) => checked(3, 3, day(14 + i)));
    const unchecked = { ...checked(5, 1, day(28)), flow: undefined };
    const archived = checked(5, 1, day(29), { archived: true });
    const summary = flowSummary([...old, ...recent, ...more, unchecked, archived]);
    expect(summary.latest).toBe(FLOW_SUMMARY_CHECKS);
    expect(summary.recent).toHaveLength(FLOW_SUMMARY_CHECKS);
    // The four old apathy checks fall out of the window; the unchecked and the archived action never count.
    expect(summary.counts).toEqual({ anxiety: 1, boredom: 1, flow: 1 + more.length, apathy: 1 });
    expect(summary.recent.at(-1)).toEqual({ actionId: recent[0]!.actionId, title: recent[0]!.title, status: 'done', challenge: 5, skill: 1, at: day(10), zone: A });
    expect(summary.recent[0]!.at).toBe(day(14 + more.length - 1));
  });

  it('is all zeros without checks', () => {
    expect(flowSummary([])).toMatchObject({ counts: { anxiety: 0, boredom: 0, flow: 0, apathy: 0 }, recent: [] });
  });
});

describe('split and stretch suggestions', () => {
  it('come from the checks since the last session: splits first, then stretches, each oldest first', () => {
    const actions = [
      checked(5, 1, day(2), { actionId: 'before' }),
      checked(1, 5, day(12), { actionId: 'easy-late' }),
      checked(5, 2, day(13), { actionId: 'hard-late' }),
      checked(4, 1, day(11), { actionId: 'hard-early', status: 'not_done' }),
      checked(2, 5, day(11), { actionId: 'easy-early' }),
      checked(4, 4, day(11), { actionId: 'in-flow' }),
      checked(2, 2, day(11), { actionId: 'apathetic' }),
    ];
    const suggestions = flowSuggestions(actions, day(10));
    expect(suggestions.map((s) => `${s.kind}:${s.actionId}`)).toEqual(['split:hard-early', 'split:hard-late', 'stretch:easy-early', 'stretch:easy-late']);
    expect(suggestions[0]).toEqual({ kind: 'split', actionId: 'hard-early', title: actions[3]!.title, status: 'not_done', challenge: 4, skill: 1, at: day(11) });
  });

  it('before the first session, come from the latest FLOW_SUMMARY_CHECKS checks', () => {
    const first = checked(5, 1, day(1), { actionId: 'oldest' });
    const rest = Array.from({ length: FLOW_SUMMARY_CHECKS }, (_, i) => checked(1, 5, day(2 + i)));
    const suggestions = flowSuggestions([first, ...rest], undefined);
    expect(suggestions).toHaveLength(FLOW_SUMMARY_CHECKS);
    expect(suggestions.every((s) => s.kind === 'stretch')).toBe(true);
    expect(flowSuggestions([first], undefined).map((s) => s.actionId)).toEqual(['oldest']);
  });
});
