import type { Action, ActionStatus } from './coaching.js';

/**
 * The flow check: where an action sat between too hard and too easy, from the challenge and skill (1-5 each) the
 * client rated when they marked it. Plain functions; the program page shows the summary, the agenda the suggestions.
 */
export const FLOW_ZONES = ['anxiety', 'boredom', 'flow', 'apathy'] as const;
export type FlowZone = (typeof FLOW_ZONES)[number];

/**
 * The two thresholds of the rule.
 * - `wellAbove: 2`: a gap of one point is within how people use a 1-5 self-rating (and a slight stretch, challenge
 *   just above skill, is where flow theory puts flow itself); two points is a gap the client felt.
 * - `highEnough: 3`: the scale's middle. Balanced but with challenge or skill below it is the apathy corner: nothing
 *   at stake, nothing to grow. Flow needs both at least there.
 * So the borderline cells fall as: challenge 3 / skill 2 (and 2/3) apathy, not anxiety (a one-point gap, and a 2);
 * 5/3 anxiety and 3/5 boredom (two points); 4/3 and 3/4 flow (a slight stretch, both at least 3).
 */
export const FLOW_RULE = { wellAbove: 2, highEnough: 3 } as const;
export type FlowRule = { wellAbove: number; highEnough: number };

/** The zone of one flow check; total over the 5x5 grid (the README shows it). */
export function flowZone(challenge: number, skill: number, rule: FlowRule = FLOW_RULE): FlowZone {
  if (challenge - skill >= rule.wellAbove) return 'anxiety';
  if (skill - challenge >= rule.wellAbove) return 'boredom';
  return challenge >= rule.highEnough && skill >= rule.highEnough ? 'flow' : 'apathy';
}

/** How many of the latest flow checks the summary counts: about two or three sessions' worth of actions. */
export const FLOW_SUMMARY_CHECKS = 10;

export interface FlowCheckView {
  actionId: string;
  title: string;
  status: ActionStatus;
  challenge: number;
  skill: number;
  at: string;
  zone: FlowZone;
}

const checked = (actions: readonly Action[]): (Action & { flow: NonNullable<Action['flow']> })[] =>
  actions.filter((a): a is Action & { flow: NonNullable<Action['flow']> } => !a.archived && !!a.flow);

const newestFirst = (a: { flow: { at: string } }, b: { flow: { at: string } }) => (a.flow.at < b.flow.at ? 1 : a.flow.at > b.flow.at ? -1 : 0);

const checkView = (a: Action & { flow: NonNullable<Action['flow']> }): FlowCheckView => ({
  actionId: a.actionId,
  title: a.title,
  status: a.status,
  challenge: a.flow.challenge,
  skill: a.flow.skill,
  at: a.flow.at,
  zone: flowZone(a.flow.challenge, a.flow.skill),
});

/** Where the latest FLOW_SUMMARY_CHECKS flow checks sit: each with its zone (newest first), and counts per zone. */
export function flowSummary(actions: readonly Action[]) {
  const recent = checked(actions).sort(newestFirst).slice(0, FLOW_SUMMARY_CHECKS).map(checkView);
  const counts = Object.fromEntries(FLOW_ZONES.map((zone) => [zone, recent.filter((c) => c.zone === zone).length])) as Record<FlowZone, number>;
  return { latest: FLOW_SUMMARY_CHECKS, rule: { ...FLOW_RULE }, counts, recent };
}

/** An agenda suggestion from a flow check: split an action that was too hard, stretch one that was too easy. */
export type FlowSuggestion = { kind: 'split' | 'stretch' } & Omit<FlowCheckView, 'zone'>;

/**
 * The suggestions for the next session, from the flow checks since the last session (before the first session: the
 * latest FLOW_SUMMARY_CHECKS), splits before stretches (an overwhelmed client is the likelier to stop), each oldest
 * check first.
 */
export function flowSuggestions(actions: readonly Action[], lastSessionAt: string | undefined): FlowSuggestion[] {
  const all = checked(actions).sort(newestFirst);
  const considered = lastSessionAt === undefined ? all.slice(0, FLOW_SUMMARY_CHECKS) : all.filter((a) => a.flow.at >= lastSessionAt);
  const views = considered.reverse().map(checkView);
  const of = (zone: FlowZone, kind: FlowSuggestion['kind']): FlowSuggestion[] => views.filter((v) => v.zone === zone).map(({ zone: _zone, ...v }) => ({ kind, ...v }));
  return [...of('anxiety', 'split'), ...of('boredom', 'stretch')];
}
