import * as coaching from '../../../shared/contracts/areas/coaching.js';
import { createSponsor, listSponsorsOf, sponsorView } from '../../../shared/coaching/clients.js';
import { sponsorCreateSchema, sponsorListQuerySchema } from '../../../shared/domain/coaching.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { byMethod, jsonBody } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';

/** Add a sponsor; list the firm's sponsors. */
export const handler = byMethod({
  POST: staffHandler(coaching.createSponsor, async ({ event, principal, now }) => {
    const sponsor = await createSponsor(principal, parseInput(sponsorCreateSchema, jsonBody(event)), { now });
    return { status: 201, body: { sponsor: sponsorView(sponsor) } };
  }),
  GET: staffHandler(coaching.listSponsors, async ({ event, principal }) => {
    const page = await listSponsorsOf(principal, parseInput(sponsorListQuerySchema, event.queryStringParameters ?? {}, 'query'));
    return { status: 200, body: { sponsors: page.items.map(sponsorView), ...(page.next ? { next: page.next } : {}) } };
  }),
});
