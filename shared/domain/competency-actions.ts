import type { Action } from './coaching.js';
import { completionOf } from './program.js';

/** How many actions each competency lists (newest first); its completion counts them all. */
export const COMPETENCY_ACTIONS_LISTED = 10;

/**
 * The actions linked to each competency and their completion: the program's competencies in program order (with no
 * actions too), then competencies that actions still name but the program no longer has, under their own name.
 * Actions without a competency and archived ones are left out.
 */
export function actionsByCompetency(competencies: readonly string[], actions: readonly Action[]) {
  const live = actions.filter((a) => !a.archived && a.competency !== undefined);
  const former = [...new Set(live.map((a) => a.competency!))].filter((c) => !competencies.includes(c));
  return [...competencies, ...former].map((competency) => {
    const linked = live.filter((a) => a.competency === competency);
    return {
      competency,
      inProgram: competencies.includes(competency),
      completion: completionOf(linked),
      actions: linked
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
        .slice(0, COMPETENCY_ACTIONS_LISTED)
        .map((a) => ({ actionId: a.actionId, title: a.title, status: a.status })),
    };
  });
}
