import { auditItem, type AuditEvent } from '../db/audit.js';
import { checkStaffItem, closeInvitationItem, getFirm, getInvitation, putInvitationItem, putStaffItem, updateStaffItem } from '../db/firm.js';
import type { TenantScope } from '../db/keys.js';
import { ConditionFailed, transact } from '../db/transact.js';
import type { StaffPrincipal } from '../domain/access.js';
import { INVITATION_DAYS, invitationView, isExpired, planStaffChange, type Invitation, type InvitationCreate, type StaffUpdate } from '../domain/staff.js';
import type { StaffUser } from '../domain/tenant.js';
import { queueEmailItem, sendNow } from '../email/outbox.js';
import { invitationEmail } from '../email/templates/staff.js';
import { ConflictError, NotFoundError, WaymarkError } from '../errors.js';
import { createStaffLogin, deleteStaffLogin, setStaffLoginEnabled, setStaffLoginRole, setStaffPassword } from '../identity/cognito.js';
import { newId } from '../ids.js';
import { checkLink, issueLink, revokeLinkItem, useLinkItem, type LinkCheck } from '../links/tokens.js';
import type { Logger } from '../log.js';

/** Staff management of one firm: invitations, changes of role and status, ownership. Every change is audited. */
export interface Deps {
  now: Date;
  appUrl: string;
  log: Logger;
}

const actorOf = (p: StaffPrincipal): AuditEvent['actor'] => ({ kind: 'staff', id: p.userId });
const audit = (p: StaffPrincipal, action: string, resource: string, now: Date, details?: Record<string, unknown>) =>
  auditItem(p.scope, { actor: actorOf(p), action, resource, ...(details ? { details } : {}) }, now);

const notFound = (what: string) => new NotFoundError(`No ${what} with that id in your firm`);

export async function inviteStaff(actor: StaffPrincipal, input: InvitationCreate, deps: Deps) {
  const firm = await getFirm(actor.scope);
  if (firm.staff.some((s) => s.email === input.email)) {
    throw new ConflictError(`${input.email} is already on your staff`, [{ field: 'email', message: 'is already on your staff' }]);
  }
  if (firm.invitations.some((i) => i.email === input.email && i.status === 'pending' && !isExpired(i, deps.now))) {
    throw new ConflictError(`${input.email} has a pending invitation; resend it instead`, [{ field: 'email', message: 'has a pending invitation' }]);
  }
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
    linkHash: link.hash,
  };
  const email = invitationEmail(actor.tenant, invitation, actor.name, link.token, INVITATION_DAYS, deps.appUrl);
  await transact([
    putInvitationItem(actor.scope, invitation, 'new'),
    link.item,
    queueEmailItem(actor.scope, email, deps.now),
    audit(actor, 'invitation.created', `invitation/${invitationId}`, deps.now, { email: input.email, role: input.role }),
  ]);
  const delivery = await sendNow(actor.scope, email, deps.now, deps.log);
  return { invitation: invitationView(invitation, deps.now), email: delivery };
}

async function pendingInvitation(scope: TenantScope, invitationId: string): Promise<Invitation> {
  const invitation = await getInvitation(scope, invitationId);
  if (!invitation) throw notFound('invitation');
  if (invitation.status !== 'pending') throw new ConflictError(`This invitation is ${invitation.status} already`);
  return invitation;
}

export async function resendInvitation(actor: StaffPrincipal, invitationId: string, deps: Deps) {
  const invitation = await pendingInvitation(actor.scope, invitationId);
  const link = issueLink(actor.scope, 'invitation', invitationId, INVITATION_DAYS * 86_400, deps.now);
  const next: Invitation = { ...invitation, sends: invitation.sends + 1, linkHash: link.hash, validUntil: link.validUntil };
  const email = invitationEmail(actor.tenant, next, actor.name, link.token, INVITATION_DAYS, deps.appUrl);
  try {
    await transact([
      putInvitationItem(actor.scope, next, { sends: invitation.sends }),
      revokeLinkItem(actor.scope, invitation.linkHash, deps.now),
      link.item,
      queueEmailItem(actor.scope, email, deps.now),
      audit(actor, 'invitation.resent', `invitation/${invitationId}`, deps.now),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed) throw new ConflictError('The invitation changed meanwhile; reload and try again');
    throw error;
  }
  return { invitation: invitationView(next, deps.now), email: await sendNow(actor.scope, email, deps.now, deps.log) };
}

export async function revokeInvitation(actor: StaffPrincipal, invitationId: string, deps: Deps): Promise<void> {
  const invitation = await pendingInvitation(actor.scope, invitationId);
  try {
    await transact([
      closeInvitationItem(actor.scope, invitationId, 'revoked', deps.now, { revokedBy: actor.userId }),
      revokeLinkItem(actor.scope, invitation.linkHash, deps.now),
      audit(actor, 'invitation.revoked', `invitation/${invitationId}`, deps.now),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed) throw new ConflictError('The invitation is no longer pending');
    throw error;
  }
}

/** A link that does not work gets one answer that says what to do, whatever the reason. */
export class LinkNotUsableError extends WaymarkError {
  constructor(problem: Exclude<LinkCheck, { ok: true }>['problem'] | 'superseded') {
    const why = problem === 'expired' ? 'has expired' : problem === 'used' ? 'was used already' : 'is not valid any more';
    super(410, 'link_not_usable', `This link ${why}. Ask for a new one: an admin can resend your invitation, and "forgot password" sends a new password link.`);
  }
}

export async function acceptInvitation(input: { token: string; password: string; name?: string }, deps: Deps) {
  const checked = await checkLink(input.token, 'invitation', deps.now);
  if (!checked.ok) throw new LinkNotUsableError(checked.problem);
  const { scope } = checked;
  const invitation = await getInvitation(scope, checked.link.subjectId);
  if (!invitation || invitation.status !== 'pending' || invitation.linkHash !== checked.hash) throw new LinkNotUsableError('superseded');

  const name = input.name ?? invitation.name;
  const userId = await createStaffLogin({ email: invitation.email, name, tenantId: scope.tenantId, role: invitation.role, emailField: 'email' });
  const staff: StaffUser = { tenantId: scope.tenantId, userId, email: invitation.email, name, role: invitation.role, status: 'active', createdAt: deps.now.toISOString() };
  try {
    await setStaffPassword(invitation.email, input.password);
    await transact([
      putStaffItem(scope, staff),
      closeInvitationItem(scope, invitation.invitationId, 'accepted', deps.now, { acceptedUserId: userId }),
      useLinkItem(scope, checked.hash, deps.now),
      auditItem(scope, { actor: { kind: 'staff', id: userId }, action: 'invitation.accepted', resource: `invitation/${invitation.invitationId}`, details: { role: staff.role } }, deps.now),
    ]);
  } catch (error) {
    await deleteStaffLogin(invitation.email).catch((cleanupError: unknown) => deps.log.error('could not remove the login of a failed acceptance', { cleanupError }));
    if (error instanceof ConditionFailed) throw new LinkNotUsableError('used');
    throw error;
  }
  return staff;
}

export async function changeStaff(actor: StaffPrincipal, userId: string, change: StaffUpdate, deps: Deps): Promise<StaffUser> {
  const firm = await getFirm(actor.scope);
  const target = firm.staff.find((s) => s.userId === userId);
  if (!target) throw notFound('staff user');
  const owners = firm.staff.filter((s) => s.role === 'owner' && s.status === 'active').length;
  const fields = planStaffChange(actor, target, change, owners);
  if (Object.keys(fields).length === 0) return target;
  // Demoting or deactivating an owner: another owner we counted on must still be one when the change commits,
  // so two concurrent changes cannot leave the firm without an owner.
  const removesOwner = target.role === 'owner' && (fields.role !== undefined || fields.status === 'deactivated');
  const otherOwner = firm.staff.find((s) => s.role === 'owner' && s.status === 'active' && s.userId !== target.userId);
  const ownerChecks = removesOwner && otherOwner ? [checkStaffItem(actor.scope, otherOwner)] : [];
  try {
    await transact([
      updateStaffItem(actor.scope, target, fields, deps.now),
      ...ownerChecks,
      audit(actor, 'staff.updated', `staff/${userId}`, deps.now, { ...fields }),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed) throw new ConflictError('Your firm changed meanwhile; reload and try again');
    throw error;
  }
  // The table decides access at once; Cognito follows so a disabled user cannot even get a new token.
  if (fields.status !== undefined) await setStaffLoginEnabled(target.email, fields.status === 'active');
  if (fields.role !== undefined) await setStaffLoginRole(target.email, fields.role);
  return { ...target, ...fields };
}

export async function transferOwnership(actor: StaffPrincipal, userId: string, deps: Deps): Promise<{ from: StaffUser; to: StaffUser }> {
  if (userId === actor.userId) throw new ConflictError('You are the owner already', [{ field: 'userId', message: 'is yourself' }]);
  const { staff } = await getFirm(actor.scope);
  const from = staff.find((s) => s.userId === actor.userId);
  const to = staff.find((s) => s.userId === userId);
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
