import * as coaching from '../../../shared/contracts/areas/coaching.js';
import { assessmentsView } from '../../../shared/coaching/assessment-rounds.js';
import { openAssessmentNow } from '../../../shared/coaching/assessments.js';
import { programCollection } from '../../../shared/coaching/programs.js';
import { assessmentOpenSchema } from '../../../shared/domain/assessments.js';
import { programPathSchema } from '../../../shared/domain/coaching.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { byMethod, jsonBody, pathParams } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';

/** The program's self-assessment (one Query of its collection), and the coach's "send one now". */
export const handler = byMethod({
  GET: staffHandler(coaching.listAssessments, async ({ event, principal, now }) => {
    const collection = await programCollection(principal, pathParams(event, programPathSchema).programId);
    return { status: 200, body: assessmentsView(collection, now) };
  }),
  POST: staffHandler(coaching.openAssessment, async ({ event, principal, now, appUrl, log }) => {
    const { programId } = pathParams(event, programPathSchema);
    if (event.body) parseInput(assessmentOpenSchema, jsonBody(event));
    const collection = await programCollection(principal, programId);
    return { status: 202, body: await openAssessmentNow(principal, collection, { now, appUrl, log }) };
  }),
});
