import { openPulseLink, recordPulse } from '../../../shared/coaching/pulse.js';
import { pulseAnswerOf, pulseInputSchema } from '../../../shared/domain/pulse.js';
import { toFieldIssues } from '../../../shared/domain/validation.js';
import { brandOf } from '../../../shared/web/layout.js';
import { pulseAnsweredPage, pulseConfirmPage } from '../../../shared/web/pulse-page.js';
import { assertSameOrigin, formBody, type HttpReply } from '../../middleware/http.js';
import { pageHandler } from '../../middleware/pages.js';

/**
 * The sponsor's pulse (`link` auth: the report's own link is the credential, in the query for GET, in the form for
 * POST). GET is the page an answer link of the report email opens: the question with that answer chosen and a button;
 * it records nothing. POST records the answer once. An answer off the scale is the page again with what is wrong (400),
 * nothing written; a dead link is the report link's 410 page.
 */
export const handler = pageHandler(async ({ event, now }): Promise<HttpReply> => {
  const post = event.requestContext.http.method === 'POST';
  if (post) assertSameOrigin(event, { requireProof: false });
  const input = post ? formBody(event) : (event.queryStringParameters ?? {});
  const opened = await openPulseLink(input.token ?? '', now);
  const brand = brandOf(opened.tenant);
  const snapshot = { ...opened.snapshot, pulse: opened.question };
  const parsed = pulseInputSchema.safeParse(input);
  if (!parsed.success) {
    const fields = toFieldIssues(parsed.error.issues).map((i) => i.field);
    return { status: 400, page: pulseConfirmPage(brand, snapshot, { token: input.token!, problem: fields.includes('answer') ? 'answer' : 'other' }) };
  }
  const answer = pulseAnswerOf(parsed.data.answer);
  if (!post) {
    if (opened.pulse) return { status: 200, page: pulseAnsweredPage(brand, snapshot, { result: 'recorded-already', answer: opened.pulse.answer }) };
    return { status: 200, page: pulseConfirmPage(brand, snapshot, { token: parsed.data.token, answer }) };
  }
  const recorded = await recordPulse(opened, answer, now);
  return { status: 200, page: pulseAnsweredPage(brand, snapshot, recorded.result === 'full' ? recorded : { result: recorded.result, answer: recorded.pulse.answer }) };
});
