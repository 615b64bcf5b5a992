import * as coaching from '../../../shared/contracts/areas/coaching.js';
import { clientView, updateClient, visibleClient } from '../../../shared/coaching/clients.js';
import { keys } from '../../../shared/db/keys.js';
import { clientPathSchema, clientUpdateSchema, type Client } from '../../../shared/domain/coaching.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { byMethod, jsonBody, pathParams } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';
import { loadedItem, loadNamed } from '../load.js';

/** The client the path names, read with the auth (one BatchGet). */
const load = { load: loadNamed('clientId', 'path', keys.client) };
const clientIn = (loaded: readonly Record<string, unknown>[], clientId: string) => loadedItem<Client>(loaded, 'Client', 'clientId', clientId);

/** One client: read it, change it (archive, reactivate, move to another coach). */
export const handler = byMethod({
  GET: staffHandler(
    coaching.getClient,
    async ({ event, principal, loaded }) => {
      const client = visibleClient(principal, clientIn(loaded, pathParams(event, clientPathSchema).clientId));
      return { status: 200, body: { client: clientView(client) } };
    },
    load,
  ),
  PATCH: staffHandler(
    coaching.updateClient,
    async ({ event, principal, loaded, now }) => {
      const current = clientIn(loaded, pathParams(event, clientPathSchema).clientId);
      const client = await updateClient(principal, current, parseInput(clientUpdateSchema, jsonBody(event)), { now });
      return { status: 200, body: { client: clientView(client) } };
    },
    load,
  ),
});
