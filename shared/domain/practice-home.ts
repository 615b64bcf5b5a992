import * as z from 'zod/mini';
import { coachDigestPolicy, stallReasons, type StallReason } from './coach-digest.js';
import { PROGRAM_STATUSES, type Program } from './coaching.js';
import { staffUserId } from './staff.js';
import type { Tenant } from './tenant.js';
import { lazySchema, text } from './validation.js';

/**
 * The coach's home (GET /app): their programs (owners and admins: the firm's, or one coach's), with the programs that
 * stall first, for the same reasons and by the same policy as the coach's daily digest.
 */

/** Programs read per page: one Query, however many the firm has. */
export const HOME_PAGE_SIZE = 50;

/**
 * The filters as the form sends them. A field left at "all" comes as an empty string: the same as absent. A value
 * the form cannot send (a hand-edited link) is a 400 page with the message by its field.
 */
export const homeQuerySchema = /* @__PURE__ */ lazySchema(() =>
  // Not strict: a link with more in it (a tracking parameter) still opens the page; the extra is dropped.
  z.object({
    status: z.optional(z.enum(PROGRAM_STATUSES)),
    stalled: z.optional(z.literal('on')),
    coach: z.optional(staffUserId()),
    q: z.optional(text(1, 100)),
    cursor: z.optional(z.string().check(z.maxLength(1000))),
  }));
export type HomeQuery = z.output<typeof homeQuerySchema>;

/**
 * The query string's fields as a browser's form sends them (`+` for a space, `%2B` for a plus), empty ones dropped:
 * the form sends every field. A repeated field counts once (its first value).
 */
export function homeQueryInput(rawQueryString: string | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString ?? '')) if (!(name in fields) && value.trim() !== '') fields[name] = value;
  return fields;
}

/**
 * What the one Query reads (listProgramsFor keeps a coach to their own programs): a manager's coach filter (a coach's
 * is themselves, whatever the link says); "stalled only" reads active programs, the only ones that stall.
 */
export function homeListFilter(query: HomeQuery, manager: boolean): { coachId?: string; status?: string } {
  const status = query.status ?? (query.stalled ? 'active' : undefined);
  return { ...(manager && query.coach ? { coachId: query.coach } : {}), ...(status ? { status } : {}) };
}

/** Case and accents do not matter when looking for a client by name ("zoe" finds "Zoë"). */
const folded = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('en');

export interface HomeRow {
  program: Program;
  stalls: StallReason[];
}

/**
 * The rows of one page of programs: the search and "stalled only" apply to the page read (so a page may show fewer
 * rows than it read, and the next page goes on looking); stalled programs first, otherwise in the list's order.
 */
export function homeRows(programs: readonly Program[], query: Pick<HomeQuery, 'q' | 'stalled'>, tenant: Pick<Tenant, 'coachDigest'>, now: Date): HomeRow[] {
  const policy = coachDigestPolicy(tenant);
  const needle = query.q ? folded(query.q) : undefined;
  const rows = programs
    .filter((p) => !needle || folded(p.client.name).includes(needle))
    .map((program) => ({ program, stalls: stallReasons(program, policy, now) }))
    .filter((r) => !query.stalled || r.stalls.length > 0);
  const stalled = rows.filter((r) => r.stalls.length > 0);
  return [...stalled, ...rows.filter((r) => r.stalls.length === 0)];
}
