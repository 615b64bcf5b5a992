import * as z from 'zod/mini';
import { ConflictError, ForbiddenError } from '../errors.js';
import type { StaffPrincipal } from './access.js';
import { effectiveDigest, type StaffRole, type StaffUser, type Tenant } from './tenant.js';
import { ULID_PATTERN } from '../ids.js';
import { email, lazySchema, pageQuery, text } from './validation.js';

export const INVITATION_DAYS = 7;

/** Matches the Cognito pool's policy (infra/stacks/identity.ts), so a weak password is a clear 400 here. */
export const password = () =>
  z.string().check(
    z.minLength(12),
    z.maxLength(256),
    z.regex(/[a-z]/, 'needs a lowercase letter'),
    z.regex(/[A-Z]/, 'needs an uppercase letter'),
    z.regex(/[0-9]/, 'needs a digit'),
  );

export const invitableRole = () => z.enum(['admin', 'coach']);

export const invitationCreateSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
  email: email(),
  name: text(1, 120),
  role: invitableRole(),
}));
export type InvitationCreate = z.output<typeof invitationCreateSchema>;

export const invitationAcceptSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
  token: z.string().check(z.minLength(1), z.maxLength(200)),
  password: password(),
  name: z.optional(text(1, 120)),
}));

export const staffUpdateSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject({
      name: z.optional(text(1, 120)),
      role: z.optional(invitableRole()),
      status: z.optional(z.enum(['active', 'deactivated'])),
    })
    .check(z.refine((v) => Object.keys(v).length > 0, 'give at least one of name, role, status')));
export type StaffUpdate = z.output<typeof staffUpdateSchema>;

/** Staff user ids are Cognito `sub`s (UUIDs); anything else cannot name a staff user. */
export const staffUserId = () => z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a staff user id'));
export const invitationId = () => z.string().check(z.regex(ULID_PATTERN, 'must be an invitation id'));

export const ownershipTransferSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ userId: staffUserId() }));
export const staffPathSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ userId: staffUserId() }));
export const invitationPathSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ invitationId: invitationId() }));
export const staffListQuerySchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject(pageQuery()));
export const invitationListQuerySchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject(pageQuery()));

export type InvitationStatus = 'pending' | 'accepted' | 'revoked';

export interface Invitation {
  invitationId: string;
  email: string;
  name: string;
  role: Exclude<StaffRole, 'owner'>;
  status: InvitationStatus;
  invitedBy: string;
  createdAt: string;
  /** Epoch seconds after which the link no longer works; a resend starts a new period. */
  validUntil: number;
  sends: number;
  /** Links issued for an older generation no longer work: a resend bumps it. */
  linkGeneration: number;
  acceptedUserId?: string;
  closedAt?: string;
}

export const isExpired = (invitation: Pick<Invitation, 'validUntil'>, now: Date) => invitation.validUntil <= Math.floor(now.getTime() / 1000);

/** The public view of an invitation. */
export function invitationView(invitation: Invitation & { revokedBy?: string }, now: Date) {
  // Named fields only: what the table keeps for its own use (link generation, TTL) stays out of the API.
  const { invitationId, email, name, role, status, invitedBy, createdAt, validUntil, sends, acceptedUserId, revokedBy, closedAt } = invitation;
  return {
    invitationId,
    email,
    name,
    role,
    status,
    invitedBy,
    createdAt,
    validUntil,
    sends,
    ...(acceptedUserId ? { acceptedUserId } : {}),
    ...(revokedBy ? { revokedBy } : {}),
    ...(closedAt ? { closedAt } : {}),
    expired: status === 'pending' && isExpired(invitation, now),
  };
}

/**
 * Checks a change of a staff user against the firm's rules; returns the fields to write. Whether an owner would be
 * the last one is decided by the firm's owner counter in the same transaction (see `ownerCountChange`).
 */
export function planStaffChange(actor: StaffPrincipal, target: StaffUser, change: StaffUpdate): Partial<Pick<StaffUser, 'name' | 'role' | 'status'>> {
  const demotes = change.role !== undefined && change.role !== target.role;
  const deactivates = change.status === 'deactivated' && target.status !== 'deactivated';
  if (target.role === 'owner' && actor.role !== 'owner' && (demotes || change.status !== undefined || change.name !== undefined)) {
    throw new ForbiddenError('Only an owner can change an owner');
  }
  if (target.userId === actor.userId && (demotes || deactivates)) {
    throw new ConflictError('You cannot change your own role or deactivate yourself; ask another owner or admin', [
      { field: demotes ? 'role' : 'status', message: 'cannot be changed on yourself' },
    ]);
  }
  const fields: Partial<Pick<StaffUser, 'name' | 'role' | 'status'>> = {};
  if (change.name !== undefined && change.name !== target.name) fields.name = change.name;
  if (demotes) fields.role = change.role;
  if (change.status !== undefined && change.status !== target.status) fields.status = change.status;
  return fields;
}

/** How a change moves the firm's count of active owners: -1 (must leave one), +1, or 0. */
export function ownerCountChange(target: StaffUser, fields: Partial<Pick<StaffUser, 'role' | 'status'>>): -1 | 0 | 1 {
  const activeOwner = (s: Pick<StaffUser, 'role' | 'status'>) => s.role === 'owner' && s.status === 'active';
  const before = activeOwner(target);
  const after = activeOwner({ role: fields.role ?? target.role, status: fields.status ?? target.status });
  return before === after ? 0 : after ? 1 : -1;
}

export const lastOwnerError = (field: 'role' | 'status') =>
  new ConflictError('The last owner cannot be removed; transfer ownership first', [{ field, message: 'would leave the firm without an owner' }]);

/** Whether a change ends a user's right to invite (deactivation, or an owner or admin becoming a coach). */
export const endsInviting = (target: StaffUser, fields: Partial<Pick<StaffUser, 'role' | 'status'>>): boolean =>
  target.role !== 'coach' && target.status === 'active' && (fields.status === 'deactivated' || fields.role === 'coach');

/** A staff user's digest as owners, admins and the user see it: as it applies, and when the next one is due. */
export const digestView = (s: StaffUser, tenant: Pick<Tenant, 'timeZone' | 'coachDigest'>) => ({ ...effectiveDigest(s, tenant), ...(s.digestAt ? { nextAt: s.digestAt } : {}) });

/** Public view of a staff user. */
export const staffView = (s: StaffUser, tenant: Pick<Tenant, 'timeZone' | 'coachDigest'>) => ({
  userId: s.userId,
  email: s.email,
  name: s.name,
  role: s.role,
  status: s.status,
  createdAt: s.createdAt,
  digest: digestView(s, tenant),
});
