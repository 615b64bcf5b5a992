import * as z from 'zod/mini';
import { ConflictError, ForbiddenError } from '../errors.js';
import type { StaffPrincipal } from './access.js';
import type { StaffRole, StaffUser } from './tenant.js';
import { email, text } from './validation.js';

export const INVITATION_DAYS = 7;

/** Matches the Cognito pool's policy (infra/stacks/waymark-stack.ts), so a weak password is a clear 400 here. */
export const password = () =>
  z.string().check(
    z.minLength(12),
    z.maxLength(256),
    z.regex(/[a-z]/, 'needs a lowercase letter'),
    z.regex(/[A-Z]/, 'needs an uppercase letter'),
    z.regex(/[0-9]/, 'needs a digit'),
  );

export const invitableRole = () => z.enum(['admin', 'coach']);

export const invitationCreateSchema = z.strictObject({
  email: email(),
  name: text(1, 120),
  role: invitableRole(),
});
export type InvitationCreate = z.output<typeof invitationCreateSchema>;

export const invitationAcceptSchema = z.strictObject({
  token: z.string().check(z.minLength(1), z.maxLength(200)),
  password: password(),
  name: z.optional(text(1, 120)),
});

export const staffUpdateSchema = z
  .strictObject({
    name: z.optional(text(1, 120)),
    role: z.optional(invitableRole()),
    status: z.optional(z.enum(['active', 'deactivated'])),
  })
  .check(z.refine((v) => Object.keys(v).length > 0, 'give at least one of name, role, status'));
export type StaffUpdate = z.output<typeof staffUpdateSchema>;

export const ownershipTransferSchema = z.strictObject({ userId: z.string().check(z.minLength(1), z.maxLength(64)) });

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
  /** Hash of the secret of the current link (a resend replaces it). */
  linkHash: string;
  acceptedUserId?: string;
}

export const isExpired = (invitation: Invitation, now: Date) => invitation.validUntil <= Math.floor(now.getTime() / 1000);

/** The public view of an invitation: never the link hash. */
export function invitationView(invitation: Invitation, now: Date) {
  const { linkHash: _hash, ...rest } = invitation;
  return { ...rest, expired: invitation.status === 'pending' && isExpired(invitation, now) };
}

/**
 * Checks a change of a staff user against the firm's rules; returns the fields to write.
 * `owners` is the number of active owners in the firm.
 */
export function planStaffChange(actor: StaffPrincipal, target: StaffUser, change: StaffUpdate, owners: number): Partial<Pick<StaffUser, 'name' | 'role' | 'status'>> {
  const demotes = change.role !== undefined && change.role !== target.role;
  const deactivates = change.status === 'deactivated' && target.status !== 'deactivated';
  if (target.role === 'owner' && actor.role !== 'owner' && (demotes || change.status !== undefined || change.name !== undefined)) {
    throw new ForbiddenError('Only an owner can change an owner');
  }
  if (target.role === 'owner' && target.status === 'active' && (demotes || deactivates) && owners <= 1) {
    throw new ConflictError('The last owner cannot be removed; transfer ownership first', [
      { field: demotes ? 'role' : 'status', message: 'would leave the firm without an owner' },
    ]);
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

/** Public view of a staff user. */
export const staffView = (s: StaffUser) => ({ userId: s.userId, email: s.email, name: s.name, role: s.role, status: s.status, createdAt: s.createdAt });
