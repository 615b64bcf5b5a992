import * as practice from '../../../shared/contracts/areas/practice.js';
import { sendReportsNow } from '../../../shared/coaching/reports.js';
import { programPagePathSchema, sendReportFormSchema } from '../../../shared/domain/program-forms.js';
import { NotFoundError } from '../../../shared/errors.js';
import { formBody, pathParams } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { backToProgram, collectionOf, orRefused } from './program-pages.js';

/** "Send now": a report to one sponsor of the program (or each), by the API's own code, up to the client's today. */
export const handler = staffPageHandler(practice.sendReportSubmit, async ({ event, principal, w, frame, now, appUrl, log }) => {
  const { programId } = pathParams(event, programPagePathSchema);
  const collection = await collectionOf(principal, programId);
  const form = sendReportFormSchema.safeParse(formBody(event));
  const sponsorId = form.success && form.data.sponsorId ? form.data.sponsorId : undefined;
  if (sponsorId !== undefined && !collection.program.sponsorIds.includes(sponsorId)) throw new NotFoundError('No such sponsor of this program');
  return orRefused(w, frame('home'), programId, async () => {
    const sent = await sendReportsNow(principal, collection, { now, appUrl, log }, sponsorId ? { sponsorId } : {});
    return backToProgram(programId, sent.reports.every((r) => r.email === 'sent-already') ? 'reportSentAlready' : 'reportSent');
  });
});
