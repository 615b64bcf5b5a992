import * as coaching from '../../../shared/contracts/areas/coaching.js';
import { recordCoachView } from '../../../shared/coaching/assessments.js';
import { programCollection } from '../../../shared/coaching/programs.js';
import { assessmentPathSchema, coachViewSchema } from '../../../shared/domain/assessments.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { jsonBody, pathParams } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';

/** The coach's own view of one round of the self-assessment. */
export const handler = staffHandler(coaching.recordCoachView, async ({ event, principal, now }) => {
  const { programId, round } = pathParams(event, assessmentPathSchema);
  const input = parseInput(coachViewSchema, jsonBody(event));
  const collection = await programCollection(principal, programId);
  return { status: 200, body: { assessment: await recordCoachView(principal, collection, round, input, now) } };
});
