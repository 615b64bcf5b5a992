import * as practice from '../../../shared/contracts/areas/practice.js';
import { programPagePathSchema, programPageQuerySchema } from '../../../shared/domain/program-forms.js';
import { pathParams } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { collectionOf, renderProgramPage } from './program-pages.js';

/** A program's page: the session check, then one Query of the program's collection. */
export const handler = staffPageHandler(practice.programPage, async ({ event, principal, w, frame, now }) => {
  const collection = await collectionOf(principal, pathParams(event, programPagePathSchema).programId);
  const query = programPageQuerySchema.safeParse(event.queryStringParameters ?? {});
  const done = query.success ? query.data.done : undefined;
  return { status: 200, page: renderProgramPage(w, frame('home'), principal, collection, now, done ? { done } : {}) };
});
