import * as coaching from '../../../shared/contracts/areas/coaching.js';
import { sponsorOf, sponsorView, updateSponsor } from '../../../shared/coaching/clients.js';
import { keys } from '../../../shared/db/keys.js';
import { sponsorPathSchema, sponsorUpdateSchema, type Sponsor } from '../../../shared/domain/coaching.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { byMethod, jsonBody, pathParams } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';
import { loadedItem, loadNamed } from '../load.js';

/** The sponsor the path names, read with the auth (one BatchGet). */
const load = { load: loadNamed('sponsorId', 'path', keys.sponsor) };
const sponsorIn = (loaded: readonly Record<string, unknown>[], sponsorId: string) => loadedItem<Sponsor>(loaded, 'Sponsor', 'sponsorId', sponsorId);

/** One sponsor: read it, change or archive it. */
export const handler = byMethod({
  GET: staffHandler(
    coaching.getSponsor,
    async ({ event, loaded }) => {
      const sponsor = sponsorOf(sponsorIn(loaded, pathParams(event, sponsorPathSchema).sponsorId));
      return { status: 200, body: { sponsor: sponsorView(sponsor) } };
    },
    load,
  ),
  PATCH: staffHandler(
    coaching.updateSponsor,
    async ({ event, principal, loaded, now }) => {
      const current = sponsorIn(loaded, pathParams(event, sponsorPathSchema).sponsorId);
      const sponsor = await updateSponsor(principal, current, parseInput(sponsorUpdateSchema, jsonBody(event)), { now });
      return { status: 200, body: { sponsor: sponsorView(sponsor) } };
    },
    load,
  ),
});
