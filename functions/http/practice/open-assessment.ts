import * as practice from '../../../shared/contracts/areas/practice.js';
import { openAssessmentNow } from '../../../shared/coaching/assessments.js';
import { programPagePathSchema } from '../../../shared/domain/program-forms.js';
import { pathParams } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { backToProgram, collectionOf, orRefused } from './program-pages.js';

/** "Ask for a self-assessment now", by the API's own code: a second ask the same day sends nothing and says so. */
export const handler = staffPageHandler(practice.openAssessmentSubmit, async ({ event, principal, w, frame, now, appUrl, log }) => {
  const { programId } = pathParams(event, programPagePathSchema);
  const collection = await collectionOf(principal, programId);
  return orRefused(w, frame('home'), programId, async () => {
    const opened = await openAssessmentNow(principal, collection, { now, appUrl, log });
    return backToProgram(programId, opened.email === 'sent-already' ? 'assessmentSentAlready' : opened.email === 'sent' ? 'assessmentSent' : 'assessmentQueued');
  });
});
