import * as coaching from '../../../shared/contracts/areas/coaching.js';
import { createProgram, listProgramsFor, programSummaryView } from '../../../shared/coaching/programs.js';
import { keys } from '../../../shared/db/keys.js';
import { programCreateSchema, programListQuerySchema, type Client } from '../../../shared/domain/coaching.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { byMethod, jsonBody } from '../../middleware/http.js';
import { staffHandler } from '../../middleware/staff.js';
import { loadedItem, loadNamed } from '../load.js';

/** Start a program; list programs with their summary counters (one Query, no children read). */
export const handler = byMethod({
  POST: staffHandler(
    coaching.createProgram,
    async ({ event, principal, loaded, now }) => {
      const input = parseInput(programCreateSchema, jsonBody(event));
      const program = await createProgram(principal, loadedItem<Client>(loaded, 'Client', 'clientId', input.clientId), input, { now });
      return { status: 201, body: { program: programSummaryView(program, now) } };
    },
    // The client the program is for, read with the auth.
    { load: loadNamed('clientId', 'body', keys.client) },
  ),
  GET: staffHandler(coaching.listPrograms, async ({ event, principal, now }) => {
    const page = await listProgramsFor(principal, parseInput(programListQuerySchema, event.queryStringParameters ?? {}, 'query'));
    return { status: 200, body: { programs: page.items.map((p) => programSummaryView(p, now)), ...(page.next ? { next: page.next } : {}) } };
  }),
});
