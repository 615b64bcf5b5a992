import { auditItem, type AuditEvent } from '../db/audit.js';
import {
  checkActiveStaffItem,
  checkInvitationItem,
  claimAddressForInvitationItem,
  claimAddressForStaffItem,
  closeInvitationItem,
  countOwnersItem,
  getAddressHolder,
  getInvitation,
  getStaff,
  getStaffUsers,
  getTenantAndInvitation,
  pendingInvitationsSentBy,
  putInvitationItem,
  digestEntryChange,
  putStaffItem,
  releaseAddressItem,
  resendInvitationItem,
  updateStaffItem,
} from '../db/firm.js';
import type { TenantScope } from '../db/keys.js';
import { ConditionFailed, transact, type TransactItem } from '../db/transact.js';
import type { StaffPrincipal } from '../domain/access.js';
import {
  endsInviting,
  INVITATION_DAYS,
  invitationView,
  isExpired,
  lastOwnerError,
  ownerCountChange,
  planStaffChange,
  type Invitation,
  type InvitationCreate,
  type StaffUpdate,
} from '../domain/staff.js';
import type { StaffUser, Tenant } from '../domain/tenant.js';
import { queueEmailItem, sendNow } from '../email/outbox.js';
import { invitationEmail } from '../email/templates/staff.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { createStaffLogin, deleteStaffLogin, setStaffLoginEnabled, setStaffLoginRole, setStaffPassword, signOutEverywhere } from '../identity/cognito.js';
import { newId, newSecret } from '../ids.js';
import { checkLink, claimLinkItem, issueLink, LinkNotUsableError, releaseLink, useLinkItem } from '../links/tokens.js';
import { invitationCharges, rateLimitFailure, rateLimitItems } from '../limits/rate.js';
import type { Logger } from '../log.js';
import { endSessionsFields } from './sessions.js';
import { scheduleCoachDigest } from '../domain/coach-digest-schedule.js';

/** Staff management of one firm: invitations, changes of role and status, ownership. Every change is audited. */
export interface Deps {
  now: Date;
  appUrl: string;
  log: Logger;
}

/** Roles that may invite; an invitation is only as good as its sender's standing when it is accepted. */
const INVITING_ROLES = ['owner', 'admin'] as const;
/**
 * Invitations revoked in the transaction that ends their sender's right to invite (each takes two items of the 100 a
 * transaction may hold); any beyond are revoked right after, and acceptance checks the sender in any case.
 */
const REVOKE_IN_CHANGE = 40;

const actorOf = (p: StaffPrincipal): AuditEvent['actor'] => ({ kind: 'staff', id: p.userId });
const audit = (p: StaffPrincipal, action: string, resource: string, now: Date, details?: Record<string, unknown>) =>
  auditItem(p.scope, { actor: actorOf(p), action, resource, ...(details ? { details } : {}) }, now);

const notFound = (what: string) => new NotFoundError(`No ${what} with that id in your firm`);

export async function inviteStaff(actor: StaffPrincipal, input: InvitationCreate, deps: Deps) {
  const invitationId = newId(deps.now.getTime());
  const link = issueLink(actor.scope, 'invitation', invitationId, INVITATION_DAYS * 86_400, deps.now);
  const invitation: Invitation = {
    invitationId,
    email: input.email,
    name: input.name,
    role: input.role,
    status: 'pending',
    invitedBy: actor.userId,
    createdAt: deps.now.toISOString(),
    validUntil: link.validUntil,
    sends: 1,
    linkGeneration: 0,
  };
  const email = invitationEmail(actor.tenant, invitation, actor.name, link, INVITATION_DAYS, deps.appUrl);
  const change = [
    claimAddressForInvitationItem(actor.scope, input.email, invitationId, link.validUntil, deps.now),
    putInvitationItem(actor.scope, invitation),
    link.item,
    queueEmailItem(actor.scope, email, deps.now),
    // The inviter must still be allowed to invite when the invitation is written.
    checkActiveStaffItem(actor.scope, actor.userId, INVITING_ROLES),
    audit(actor, 'invitation.created', `invitation/${invitationId}`, deps.now, { role: input.role }),
  ];
  const charges = invitationCharges(actor.scope, actor.tenant, input.email, deps.now);
  try {
    await transact([...change, ...rateLimitItems(charges, deps.now)]);
  } catch (error) {
    const limited = error instanceof ConditionFailed ? rateLimitFailure(error, charges, change.length, deps.now) : undefined;
    if (limited) throw limited;
    if (error instanceof ConditionFailed && error.failed.includes(0)) {
      const held = await getAddressHolder(actor.scope, input.email);
      throw held?.holder === 'staff'
        ? new ConflictError('This address is already on your staff', [{ field: 'email', message: 'is already on your staff' }])
        : new ConflictError('This address has a pending invitation; resend it instead', [{ field: 'email', message: 'has a pending invitation' }]);
    }
    throw error;
  }
  const delivery = await sendNow(actor.scope, email, deps.now, deps.log, link.token);
  return { invitation: invitationView(invitation, deps.now), email: delivery };
}

async function pendingInvitation(scope: TenantScope, invitationId: string): Promise<Invitation> {
  const invitation = await getInvitation(scope, invitationId);
  if (!invitation) throw notFound('invitation');
  if (invitation.status !== 'pending') throw new ConflictError(`This invitation is ${invitation.status} already`);
  return invitation;
}

/** Sends a pending invitation again with a new link; every earlier link of it stops working. */
export async function resendInvitation(actor: StaffPrincipal, invitationId: string, deps: Deps) {
  const invitation = await pendingInvitation(actor.scope, invitationId);
  const generation = invitation.linkGeneration + 1;
  const link = issueLink(actor.scope, 'invitation', invitationId, INVITATION_DAYS * 86_400, deps.now, generation);
  const next: Invitation = { ...invitation, sends: invitation.sends + 1, linkGeneration: generation, validUntil: link.validUntil };
  const email = invitationEmail(actor.tenant, next, actor.name, link, INVITATION_DAYS, deps.appUrl);
  const change = [
    resendInvitationItem(actor.scope, invitation, next),
    claimAddressForInvitationItem(actor.scope, invitation.email, invitationId, link.validUntil, deps.now),
    link.item,
    queueEmailItem(actor.scope, email, deps.now),
    audit(actor, 'invitation.resent', `invitation/${invitationId}`, deps.now),
  ];
  const charges = invitationCharges(actor.scope, actor.tenant, invitation.email, deps.now);
  try {
    await transact([...change, ...rateLimitItems(charges, deps.now)]);
  } catch (error) {
    const limited = error instanceof ConditionFailed ? rateLimitFailure(error, charges, change.length, deps.now) : undefined;
    if (limited) throw limited;
    if (error instanceof ConditionFailed && error.failed.some((i) => i < 2)) throw new ConflictError('The invitation changed meanwhile; reload and try again');
    throw error;
  }
  return { invitation: invitationView(next, deps.now), email: await sendNow(actor.scope, email, deps.now, deps.log, link.token) };
}

/**
 * The items that revoke a pending invitation: closed, out of the sender's index, and its address free again. An
 * expired invitation's claim on the address may already belong to a newer invitation (an expired claim can be taken
 * over), so it is left as it is: it binds nobody.
 */
const revokeItems = (scope: TenantScope, invitation: Pick<Invitation, 'invitationId' | 'email' | 'validUntil'>, by: string, now: Date): TransactItem[] => [
  closeInvitationItem(scope, invitation.invitationId, 'revoked', now, { revokedBy: by }),
  ...(isExpired(invitation, now) ? [] : [releaseAddressItem(scope, invitation.email, invitation.invitationId)]),
];

export async function revokeInvitation(actor: StaffPrincipal, invitationId: string, deps: Deps): Promise<void> {
  const invitation = await pendingInvitation(actor.scope, invitationId);
  try {
    await transact([...revokeItems(actor.scope, invitation, actor.userId, deps.now), audit(actor, 'invitation.revoked', `invitation/${invitationId}`, deps.now)]);
  } catch (error) {
    if (error instanceof ConditionFailed) throw new ConflictError('The invitation is no longer pending');
    throw error;
  }
}

/** What the invitation page shows for a link: the invitation and the firm's look; a dead link is a LinkNotUsableError. */
export async function invitationLinkContext(token: string, now: Date): Promise<{ tenant: Tenant; invitation: Invitation }> {
  const checked = await checkLink(token, 'invitation', now);
  if (!checked.ok) throw new LinkNotUsableError(checked.problem, 'invitation', checked.scope);
  const { tenant, invitation } = await getTenantAndInvitation(checked.scope, checked.link.subjectId);
  if (!tenant || !invitation || invitation.status !== 'pending' || invitation.linkGeneration !== checked.link.generation) throw new LinkNotUsableError('superseded', 'invitation', checked.scope);
  return { tenant, invitation };
}

/**
 * Accepting an invitation. The link is claimed first (with the invitation still pending at this link generation and
 * its sender still an active owner or admin), then the login is made, then one transaction records it all; a
 * failure after the claim gives the link back. Of parallel acceptances exactly one acts.
 */
export async function acceptInvitation(input: { token: string; password: string; name?: string }, deps: Deps) {
  const checked = await checkLink(input.token, 'invitation', deps.now);
  if (!checked.ok) throw new LinkNotUsableError(checked.problem, 'invitation', checked.scope);
  const { scope } = checked;
  const { tenant, invitation } = await getTenantAndInvitation(scope, checked.link.subjectId);
  if (!tenant || !invitation || invitation.status !== 'pending' || invitation.linkGeneration !== checked.link.generation) throw new LinkNotUsableError('superseded', 'invitation', checked.scope);

  const claimId = newSecret();
  const senderStillInvites = checkActiveStaffItem(scope, invitation.invitedBy, INVITING_ROLES);
  try {
    await transact([claimLinkItem(scope, checked.hash, claimId, deps.now), checkInvitationItem(scope, invitation.invitationId, invitation.linkGeneration), senderStillInvites]);
  } catch (error) {
    if (error instanceof ConditionFailed) throw new LinkNotUsableError(error.failed.includes(0) ? 'used' : 'superseded', 'invitation', scope);
    throw error;
  }

  const name = input.name ?? invitation.name;
  let userId: string | undefined;
  try {
    userId = await createStaffLogin({ email: invitation.email, name, tenantId: scope.tenantId, role: invitation.role, emailField: 'email' });
    await setStaffPassword(invitation.email, input.password);
    const joined: StaffUser = { tenantId: scope.tenantId, userId, email: invitation.email, name, role: invitation.role, status: 'active', createdAt: deps.now.toISOString(), linkGeneration: 0 };
    const staff: StaffUser = { ...joined, ...scheduleCoachDigest(joined, tenant, deps.now) };
    await transact([
      putStaffItem(scope, staff),
      closeInvitationItem(scope, invitation.invitationId, 'accepted', deps.now, { acceptedUserId: userId }),
      useLinkItem(scope, checked.hash, claimId, deps.now),
      claimAddressForStaffItem(scope, invitation.email, userId, invitation.invitationId),
      senderStillInvites,
      auditItem(scope, { actor: { kind: 'staff', id: userId }, action: 'invitation.accepted', resource: `invitation/${invitation.invitationId}`, details: { role: staff.role } }, deps.now),
    ]);
    return { staff, tenant };
  } catch (error) {
    if (userId) await deleteStaffLogin(invitation.email).catch((cleanupError: unknown) => deps.log.error('could not remove the login of a failed acceptance', { cleanupError }));
    await releaseLink(scope, checked.hash, claimId).catch((releaseError: unknown) => deps.log.warn('could not release an invitation link', { releaseError }));
    if (error instanceof ConditionFailed) throw new LinkNotUsableError('superseded', 'invitation', checked.scope);
    throw error;
  }
}

export async function changeStaff(actor: StaffPrincipal, userId: string, change: StaffUpdate, deps: Deps): Promise<StaffUser> {
  const target = await getStaff(actor.scope, userId);
  if (!target) throw notFound('staff user');
  const fields = planStaffChange(actor, target, change);
  if (Object.keys(fields).length === 0) return target;
  const owners = ownerCountChange(target, fields);
  // A user who can no longer invite leaves no invitation behind that could bring them back.
  const revoking = endsInviting(target, fields) ? await pendingInvitationsSentBy(actor.scope, userId, 1_000) : [];
  const revokeNow = revoking.slice(0, REVOKE_IN_CHANGE);
  // Deactivation ends the user's daily digest; reactivation starts it again.
  const schedule = fields.status ? scheduleCoachDigest({ ...target, status: fields.status }, actor.tenant, deps.now) : undefined;
  const digest = schedule ? digestEntryChange(actor.scope, target, schedule) : undefined;
  const revokeItemsFor = (invitations: Pick<Invitation, 'invitationId' | 'email' | 'validUntil'>[]) =>
    invitations.flatMap((invitation) => revokeItems(actor.scope, invitation, actor.userId, deps.now));
  try {
    await transact([
      // Deactivation also ends every session, so a later reactivation does not bring old tokens back.
      updateStaffItem(actor.scope, target, { ...(fields.status === 'deactivated' ? { ...fields, ...endSessionsFields(deps.now) } : fields), ...digest?.set }, deps.now, digest?.remove),
      ...(owners !== 0 ? [countOwnersItem(actor.scope, owners)] : []),
      audit(actor, 'staff.updated', `staff/${userId}`, deps.now, { ...fields, ...(revoking.length ? { invitationsRevoked: revoking.map((i) => i.invitationId) } : {}) }),
      ...revokeItemsFor(revokeNow),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed && owners < 0 && error.failed.includes(1)) throw lastOwnerError(fields.role !== undefined ? 'role' : 'status');
    if (error instanceof ConditionFailed) throw new ConflictError('Your firm changed meanwhile; reload and try again');
    throw error;
  }
  for (let i = REVOKE_IN_CHANGE; i < revoking.length; i += REVOKE_IN_CHANGE) {
    await transact(revokeItemsFor(revoking.slice(i, i + REVOKE_IN_CHANGE))).catch((error: unknown) =>
      deps.log.warn('some invitations of a former inviter were not revoked; acceptance refuses them anyway', { error }),
    );
  }
  // The table decides access at once; Cognito follows so a disabled user cannot even get a new token.
  if (fields.status !== undefined) await setStaffLoginEnabled(target.email, fields.status === 'active');
  if (fields.status === 'deactivated') await signOutEverywhere(target.email);
  if (fields.role !== undefined) await setStaffLoginRole(target.email, fields.role);
  if (!schedule) return { ...target, ...fields };
  const { digestAt: _before, ...rest } = target;
  return { ...rest, ...fields, ...schedule };
}

export async function transferOwnership(actor: StaffPrincipal, userId: string, deps: Deps): Promise<{ from: StaffUser; to: StaffUser }> {
  if (userId === actor.userId) throw new ConflictError('You are the owner already', [{ field: 'userId', message: 'is yourself' }]);
  const staff = await getStaffUsers(actor.scope, [actor.userId, userId]);
  const from = staff.get(actor.userId);
  const to = staff.get(userId);
  if (!to) throw notFound('staff user');
  if (!from || from.role !== 'owner') throw new ConflictError('Only an owner can hand over ownership');
  if (to.status !== 'active') throw new ConflictError('Ownership can go only to an active staff user', [{ field: 'userId', message: 'is not active' }]);
  try {
    await transact([
      updateStaffItem(actor.scope, to, { role: 'owner' }, deps.now),
      updateStaffItem(actor.scope, from, { role: 'admin' }, deps.now),
      audit(actor, 'ownership.transferred', `staff/${userId}`, deps.now, { from: from.userId, to: to.userId }),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed) throw new ConflictError('Your firm changed meanwhile; reload and try again');
    throw error;
  }
  await Promise.all([setStaffLoginRole(to.email, 'owner'), setStaffLoginRole(from.email, 'admin')]);
  return { from: { ...from, role: 'admin' }, to: { ...to, role: 'owner' } };
}
