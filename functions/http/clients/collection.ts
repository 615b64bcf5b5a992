import * as coaching from '../../../shared/contracts/areas/coaching.js';
import { clientView, createClient, listClientsFor } from '../../../shared/coaching/clients.js';
import { clientCreateSchema, clientListQuerySchema } from '../../../shared/domain/coaching.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { byMethod, jsonBody } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';

/** Add a client; list the clients the caller works with. */
export const handler = byMethod({
  POST: staffHandler(coaching.createClient, async ({ event, principal, now }) => {
    const client = await createClient(principal, parseInput(clientCreateSchema, jsonBody(event)), { now });
    return { status: 201, body: { client: clientView(client) } };
  }),
  GET: staffHandler(coaching.listClients, async ({ event, principal }) => {
    const page = await listClientsFor(principal, parseInput(clientListQuerySchema, event.queryStringParameters ?? {}, 'query'));
    return { status: 200, body: { clients: page.items.map(clientView), ...(page.next ? { next: page.next } : {}) } };
  }),
});
