import * as coaching from '../../../shared/contracts/areas/coaching.js';
import { programCollection } from '../../../shared/coaching/programs.js';
import { previewReport, sendReportsNow } from '../../../shared/coaching/reports.js';
import { programPathSchema } from '../../../shared/domain/coaching.js';
import { byMethod, pathParams } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';

/** The coach's preview of the next sponsor report (sends and stores nothing), and "send the sponsors a report now". */
export const handler = byMethod({
  GET: staffHandler(coaching.previewReport, async ({ event, principal, now }) => {
    const collection = await programCollection(principal, pathParams(event, programPathSchema).programId);
    return { status: 200, body: previewReport(collection, principal.tenant, now) };
  }),
  POST: staffHandler(coaching.sendReports, async ({ event, principal, now, appUrl, log }) => {
    const collection = await programCollection(principal, pathParams(event, programPathSchema).programId);
    return { status: 202, body: await sendReportsNow(principal, collection, { now, appUrl, log }) };
  }),
});
