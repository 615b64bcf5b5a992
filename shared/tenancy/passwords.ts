import { auditItem } from '../db/audit.js';
import { tableName } from '../db/client.js';
import { getTenantAndStaff, updateStaffItem } from '../db/firm.js';
import { keys, platformKeys, tenantScope, type TenantScope } from '../db/keys.js';
import { ConditionFailed, transact, type TransactItem } from '../db/transact.js';
import type { StaffUser, Tenant } from '../domain/tenant.js';
import { queueEmailItem, sendNow } from '../email/outbox.js';
import { passwordResetEmail } from '../email/templates/staff.js';
import { findStaffLogin, setStaffPassword, signOutEverywhere } from '../identity/cognito.js';
import { newSecret } from '../ids.js';
import { checkLink, claimLinkItem, issueLink, LinkNotUsableError, releaseLink, useLinkItem } from '../links/tokens.js';
import { consumeRates, resetCharges } from '../limits/rate.js';
import { noSoonerThan, RESET_REPLY_FLOOR_MS } from '../limits/timing.js';
import type { Logger } from '../log.js';
import { endSessionsFields } from './sessions.js';

export const RESET_LINK_MINUTES = 60;
/** At most one reset email per user in this many minutes, however often the form is sent. */
const RESET_PERIOD_MINUTES = 5;

/** A staff user's link generation as stored (users from before generations count as 0). */
const generationOf = (staff: StaffUser): number => staff.linkGeneration ?? 0;

/** Holds a transaction to a staff user still active with the link generation the caller checked. */
function checkGenerationItem(scope: TenantScope, staff: StaffUser): TransactItem {
  const stored = staff.linkGeneration;
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.staff(scope, staff.userId),
      ConditionExpression: `#status = :active AND ${stored === undefined ? 'attribute_not_exists(linkGeneration)' : 'linkGeneration = :g'}`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':active': 'active', ...(stored === undefined ? {} : { ':g': stored }) },
    },
  };
}

/** What the set-password page shows for a link: whose it is and the firm's look; a dead link is a LinkNotUsableError. */
export async function setPasswordLinkContext(token: string, now: Date): Promise<{ tenant: Tenant; staff: StaffUser }> {
  const checked = await checkLink(token, 'set-password', now);
  if (!checked.ok) throw new LinkNotUsableError(checked.problem, 'set-password', checked.scope);
  const { tenant, staff } = await getTenantAndStaff(checked.scope, checked.link.subjectId);
  if (!tenant || !staff || staff.status !== 'active' || generationOf(staff) !== checked.link.generation) throw new LinkNotUsableError('revoked', 'set-password', checked.scope);
  return { tenant, staff };
}

/**
 * Sets a staff user's password with a set-password link (welcome email or reset). The link is claimed first, so of
 * parallel requests with one link exactly one changes the password, and it is that request's password that holds.
 * The change ends every other open link of the user (their link generation moves on) and every session (sign-ins
 * before now are refused, and Cognito revokes the refresh tokens). An owner setting a first password claims the firm.
 */
export async function setPasswordWithLink(input: { token: string; password: string }, deps: { now: Date; log: Logger }): Promise<{ email: string; tenant: Tenant }> {
  const checked = await checkLink(input.token, 'set-password', deps.now);
  if (!checked.ok) throw new LinkNotUsableError(checked.problem, 'set-password', checked.scope);
  const { scope, link } = checked;
  const { tenant, staff } = await getTenantAndStaff(scope, link.subjectId);
  if (!tenant || !staff || staff.status !== 'active' || generationOf(staff) !== link.generation) throw new LinkNotUsableError('revoked', 'set-password', checked.scope);

  const claimId = newSecret();
  try {
    await transact([claimLinkItem(scope, checked.hash, claimId, deps.now), checkGenerationItem(scope, staff)]);
  } catch (error) {
    if (error instanceof ConditionFailed) throw new LinkNotUsableError(error.failed.includes(0) ? 'used' : 'revoked', 'set-password', scope);
    throw error;
  }
  try {
    await setStaffPassword(staff.email, input.password);
  } catch (error) {
    await releaseLink(scope, checked.hash, claimId).catch((releaseError: unknown) => deps.log.warn('could not release a password link', { releaseError }));
    throw error;
  }
  await transact([
    useLinkItem(scope, checked.hash, claimId, deps.now),
    updateStaffItem(scope, staff, { linkGeneration: generationOf(staff) + 1, ...endSessionsFields(deps.now) }, deps.now),
    ...(staff.role === 'owner' ? [claimFirmItem(scope.tenantId)] : []),
    auditItem(scope, { actor: { kind: 'staff', id: staff.userId }, action: 'staff.password_set', resource: `staff/${staff.userId}` }, deps.now),
  ]);
  // The password holds and older tokens are refused by their sign-in time already; this ends the refresh tokens too.
  await signOutEverywhere(staff.email).catch((error: unknown) => deps.log.error('could not revoke refresh tokens after a password change', { userId: staff.userId, error }));
  return { email: staff.email, tenant };
}

/** An owner with a password has claimed the firm: it leaves the index of firms to remove when unclaimed. */
function claimFirmItem(tenantId: string): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: platformKeys.tenantRegistry(tenantId),
      UpdateExpression: 'REMOVE GSI1PK, GSI1SK',
      ConditionExpression: 'attribute_exists(PK)',
    },
  };
}

/**
 * Sends a reset link to an active staff user's address. Answers the same whether or not the address is known,
 * so the form cannot be used to find out who works where.
 */
export async function requestPasswordReset(email: string, deps: { now: Date; appUrl: string; log: Logger }): Promise<void> {
  const login = await findStaffLogin(email);
  if (!login?.enabled) return;
  const scope = tenantScope(login.tenantId);
  const { tenant, staff } = await getTenantAndStaff(scope, login.userId);
  if (!tenant || !staff || staff.status !== 'active') return;
  const period = Math.floor(deps.now.getTime() / (RESET_PERIOD_MINUTES * 60_000)).toString(36);
  const link = issueLink(scope, 'set-password', staff.userId, RESET_LINK_MINUTES * 60, deps.now, generationOf(staff));
  const message = passwordResetEmail(tenant, staff, link, RESET_LINK_MINUTES, period, deps.appUrl);
  try {
    await transact([link.item, queueEmailItem(scope, message, deps.now)]);
  } catch (error) {
    if (error instanceof ConditionFailed) return; // this period's reset email exists already
    throw error;
  }
  await sendNow(scope, message, deps.now, deps.log, link.token);
}

/** A reset request as both the API and the page take it: counted per source, answered no sooner than the floor (README, "Reset answer time"). */
export async function askForPasswordReset(email: string, deps: { now: Date; appUrl: string; log: Logger; sourceIp: string; startedAt: number }): Promise<void> {
  await consumeRates(resetCharges(deps.sourceIp), deps.now);
  await noSoonerThan(RESET_REPLY_FLOOR_MS, deps.startedAt, () => requestPasswordReset(email, deps));
}
