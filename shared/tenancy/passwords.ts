import { auditItem } from '../db/audit.js';
import { getTenantAndStaff } from '../db/firm.js';
import { tenantScope } from '../db/keys.js';
import { ConditionFailed, transact } from '../db/transact.js';
import { queueEmailItem, sendNow } from '../email/outbox.js';
import { passwordResetEmail } from '../email/templates/staff.js';
import { findStaffLogin, setStaffPassword } from '../identity/cognito.js';
import { checkLink, issueLink, useLinkItem } from '../links/tokens.js';
import type { Logger } from '../log.js';
import { LinkNotUsableError } from './staff.js';

export const RESET_LINK_MINUTES = 60;
/** At most one reset email per user in this many minutes, however often the form is sent. */
const RESET_PERIOD_MINUTES = 5;

/** Sets a staff user's password with a set-password link (welcome email or reset); the link works once. */
export async function setPasswordWithLink(input: { token: string; password: string }, deps: { now: Date }): Promise<{ email: string }> {
  const checked = await checkLink(input.token, 'set-password', deps.now);
  if (!checked.ok) throw new LinkNotUsableError(checked.problem);
  const { scope, link } = checked;
  const { staff } = await getTenantAndStaff(scope, link.subjectId);
  if (!staff || staff.status !== 'active') throw new LinkNotUsableError('revoked');
  await setStaffPassword(staff.email, input.password);
  try {
    await transact([
      useLinkItem(scope, checked.hash, deps.now),
      auditItem(scope, { actor: { kind: 'staff', id: staff.userId }, action: 'staff.password_set', resource: `staff/${staff.userId}` }, deps.now),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed) throw new LinkNotUsableError('used');
    throw error;
  }
  return { email: staff.email };
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
  const link = issueLink(scope, 'set-password', staff.userId, RESET_LINK_MINUTES * 60, deps.now);
  const message = passwordResetEmail(tenant, staff, link.token, RESET_LINK_MINUTES, period, deps.appUrl);
  try {
    await transact([link.item, queueEmailItem(scope, message, deps.now)]);
  } catch (error) {
    if (error instanceof ConditionFailed) return; // this period's reset email exists already
    throw error;
  }
  await sendNow(scope, message, deps.now, deps.log);
}
