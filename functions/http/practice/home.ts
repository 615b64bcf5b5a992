import * as practice from '../../../shared/contracts/areas/practice.js';
import { listProgramsFor } from '../../../shared/coaching/programs.js';
import { listStaff } from '../../../shared/db/firm.js';
import { can } from '../../../shared/domain/access.js';
import { HOME_PAGE_SIZE, homeListFilter, homeQueryInput, homeQuerySchema, homeRows, type HomeQuery } from '../../../shared/domain/practice-home.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { ValidationError } from '../../../shared/errors.js';
import { homePage } from '../../../shared/web/home-page.js';
import { homeWords } from '../../../shared/web/home-words.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';

/** Owners and admins see up to this many staff in the coach filter (one Query; firms have far fewer). */
const STAFF_LIST_LIMIT = 200;

/**
 * The coach's home: one page of their programs (owners and admins: the firm's, or one coach's), stalled ones first.
 * One Query per page of programs; owners and admins also read the firm's staff list (one Query, beside it) for the
 * coach filter and column. Filters the form cannot send are a 400 page with the message by the field.
 */
export const handler = staffPageHandler(practice.homePage, async ({ principal, w, frame, event, now }) => {
  const hw = homeWords(w);
  const manager = can(principal.role, 'clients:assign');
  const typed = homeQueryInput(event.rawQueryString);
  let query: HomeQuery;
  try {
    query = parseInput(homeQuerySchema, typed);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const staff = manager ? (await listStaff(principal.scope, STAFF_LIST_LIMIT)).items : undefined;
    return { status: 400, page: homePage(hw, frame('home'), { query: {}, typed, staff, rows: [], tenant: principal.tenant, now, problems: error.fields }) };
  }
  const staffList = manager ? listStaff(principal.scope, STAFF_LIST_LIMIT).then((s) => s.items) : Promise.resolve(undefined);
  // Read beside the programs; its failure surfaces where it is awaited, not as an unhandled rejection meanwhile.
  staffList.catch(() => undefined);
  let programs;
  try {
    programs = await listProgramsFor(principal, { ...homeListFilter(query, manager), limit: HOME_PAGE_SIZE, cursor: query.cursor });
  } catch (error) {
    // A cursor of another filter, or tampered with: the message by the page links, not a 500.
    if (!(error instanceof ValidationError)) throw error;
    const problems = [{ field: 'cursor', message: error.message }];
    return { status: 400, page: homePage(hw, frame('home'), { query: { ...query, cursor: undefined }, typed, staff: await staffList, rows: [], tenant: principal.tenant, now, problems }) };
  }
  const staff = await staffList;
  const rows = homeRows(programs.items, query, principal.tenant, now);
  return {
    status: 200,
    page: homePage(hw, frame('home'), { query, staff, rows, next: programs.next, tenant: principal.tenant, now }),
  };
});
