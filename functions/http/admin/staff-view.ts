import { listInvitations, listStaff } from '../../../shared/db/firm.js';
import { isExpired } from '../../../shared/domain/staff.js';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../../../shared/errors.js';
import { staffPage, type StaffPageView } from '../../../shared/web/admin-pages.js';
import type { AdminWords } from '../../../shared/web/admin-words.js';
import { adminInvitationPathSchema } from '../../../shared/domain/admin-forms.js';
import type { StaffPrincipal } from '../../../shared/domain/access.js';
import type { Deps } from '../../../shared/tenancy/staff.js';
import { pathParams } from '../../middleware/http.js';
import type { StaffPageRequest } from '../../middleware/staff-pages.js';
import { adminWordsOf } from './common.js';

/** Staff users and invitations per page of the staff page: one Query each, however large the firm's history. */
export const STAFF_PER_PAGE = 25;
export const INVITATIONS_PER_PAGE = 20;

/**
 * The staff page: a page of the staff list and one of the invitations (newest first), read in parallel. The forms of
 * the page post to their own routes, which answer a refusal with this page again (and the problem at its top).
 */
export async function staffPageReply(
  { principal, w, frame, now }: StaffPageRequest,
  opts: { status: 200 | 400 | 409; cursors?: { staff?: string; invitations?: string }; notice?: string; alert?: string; invite?: StaffPageView['invite'] },
) {
  const { scope } = principal;
  let pages;
  try {
    pages = await Promise.all([listStaff(scope, STAFF_PER_PAGE, opts.cursors?.staff), listInvitations(scope, INVITATIONS_PER_PAGE, opts.cursors?.invitations)]);
  } catch (error) {
    // A cursor of another list or firm names no page.
    if (error instanceof ValidationError) throw new NotFoundError('No such page of the staff list');
    throw error;
  }
  const [staff, invitations] = pages;
  const page = staffPage(w, adminWordsOf(w), frame('firm'), {
    staff: staff.items,
    ...(staff.next ? { staffNext: staff.next } : {}),
    staffFirst: !opts.cursors?.staff,
    invitations: invitations.items.map((i) => ({ ...i, expired: i.status === 'pending' && isExpired(i, now) })),
    ...(invitations.next ? { invitationsNext: invitations.next } : {}),
    me: { userId: principal.userId, role: principal.role },
    locale: w.lang === 'de' ? 'de' : 'en',
    timeZone: principal.tenant.timeZone,
    ...(opts.notice ? { notice: opts.notice } : {}),
    ...(opts.alert ? { alert: opts.alert } : {}),
    ...(opts.invite ? { invite: opts.invite } : {}),
  });
  return { status: opts.status, page };
}

/** What the domain's refusal of a staff change says, in the page's words (its field message names the case). */
export function conflictInWords(a: AdminWords, error: ConflictError): string {
  const said = error.fields?.[0]?.message ?? error.message;
  if (/yourself|own role/.test(said)) return a.conflicts.self!;
  if (/without an owner|last owner/.test(said)) return a.conflicts.lastOwner!;
  if (/already on your staff/.test(said)) return a.conflicts.onStaff!;
  if (/pending invitation/.test(said)) return a.conflicts.pending!;
  if (/not active|active staff user/.test(said)) return a.conflicts.notActive!;
  if (/no longer pending|is (accepted|revoked) already/.test(said)) return a.conflicts.notPending!;
  return a.staffConflict;
}

/** A refused invitation form's problems: bad input by field, an address already taken by its field. */
export function inviteProblems(a: AdminWords, error: unknown): { status: 400 | 409; problems: FieldIssue[] } {
  if (error instanceof ValidationError) return { status: 400, problems: (error.fields ?? []).map((p) => ({ field: p.field, message: a.problems[p.field] ?? a.fieldProblem })) };
  if (error instanceof ConflictError) return { status: 409, problems: [{ field: 'email', message: conflictInWords(a, error) }] };
  throw error;
}

/** A button on an invitation of the staff page (resend, revoke): the domain step, then back to the page with a notice. */
export async function invitationStep(request: StaffPageRequest, step: (actor: StaffPrincipal, invitationId: string, deps: Deps) => Promise<unknown>, done: 'resent' | 'revoked') {
  const { principal, event, now, appUrl, log } = request;
  try {
    await step(principal, pathParams(event, adminInvitationPathSchema).invitationId, { now, appUrl, log });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return staffPageReply(request, { status: 409, alert: conflictInWords(adminWordsOf(request.w), error) });
  }
  return { status: 303 as const, location: `/app/firm/staff?done=${done}` };
}
