import { auditItem } from '../db/audit.js';
import { tenantScope } from '../db/keys.js';
import { assertSlugFree, insertTenant } from '../db/tenants.js';
import { ConditionFailed, transact } from '../db/transact.js';
import { newTenant, type TenantSignup } from '../domain/tenant.js';
import { queueEmailItem, sendNow } from '../email/outbox.js';
import { signUpAttemptEmail } from '../email/templates/sign-up-attempt.js';
import { welcomeEmail } from '../email/templates/staff.js';
import { ConflictError } from '../errors.js';
import { createStaffLogin, deleteStaffLogin, findStaffLogin } from '../identity/cognito.js';
import { newId } from '../ids.js';
import { issueLink } from '../links/tokens.js';
import { consumeRates, signUpCharges } from '../limits/rate.js';
import type { Logger } from '../log.js';
import { scheduleCoachDigest } from '../domain/coach-digest-schedule.js';

/** The welcome link's validity; a firm whose owner has not set a password by then is removed (see unclaimed.ts). */
export const WELCOME_LINK_DAYS = 7;

/**
 * Self-serve sign-up of a coaching firm. Its answer is the same whether or not the owner address already has an
 * account (only the address's owner learns which, by email), so sign-up cannot be used to find out who has one.
 * 0. Sign-ups per source address are limited (429).
 * 1. A taken slug is a 409 (slugs are public: they name firms).
 * 2. An address with a login: that account gets a notice email, and nothing is created.
 * 3. Otherwise the owner's Cognito login (its `sub` becomes the owner's user id), then one DynamoDB transaction: slug
 *    claim, firm, owner, owner counter, address claim, registry (indexed as unclaimed), set-password link, the welcome
 *    email in the outbox, audit event. If it fails, the login from this step is deleted again.
 * 4. The welcome email is sent; if SES fails the firm still stands and the outbox schedule sends it later.
 */
export async function signUpFirm(input: TenantSignup, deps: { now: Date; appUrl: string; log: Logger; sourceIp: string }): Promise<{ slug: string }> {
  await consumeRates(signUpCharges(deps.sourceIp), deps.now);
  await assertSlugFree(input.slug);
  const tenantId = newId(deps.now.getTime());
  const scope = tenantScope(tenantId);
  let ownerUserId: string;
  try {
    ownerUserId = await createStaffLogin({ email: input.ownerEmail, name: input.ownerName, tenantId, role: 'owner' });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    await noticeExistingAccount(input, deps);
    return { slug: input.slug };
  }
  const { tenant, owner: newOwner } = newTenant(input, { tenantId, ownerUserId }, deps.now);
  // The owner's daily digest is on from the start (it stays silent while nothing happens).
  const owner = { ...newOwner, ...scheduleCoachDigest(newOwner, tenant, deps.now) };
  const link = issueLink(scope, 'set-password', owner.userId, WELCOME_LINK_DAYS * 86_400, deps.now);
  const welcome = welcomeEmail(tenant, owner, link, WELCOME_LINK_DAYS, deps.appUrl);
  try {
    await insertTenant(tenant, owner, link.validUntil, [
      link.item,
      queueEmailItem(scope, welcome, deps.now),
      auditItem(scope, { actor: { kind: 'signup', id: owner.userId }, action: 'tenant.created', resource: `tenant/${tenantId}`, details: { slug: tenant.slug } }, deps.now),
    ]);
  } catch (error) {
    await deleteStaffLogin(input.ownerEmail).catch((cleanupError: unknown) =>
      deps.log.error('could not remove the login of a failed sign-up', { tenantId, userId: ownerUserId, cleanupError }),
    );
    throw error;
  }
  const delivery = await sendNow(scope, welcome, deps.now, deps.log, link.token);
  deps.log.info('firm signed up', { tenantId, welcomeEmail: delivery });
  return { slug: tenant.slug };
}

/** Tells the holder of an existing account that someone used their address to sign up; at most once a day. */
async function noticeExistingAccount(input: TenantSignup, deps: { now: Date; log: Logger }): Promise<void> {
  const login = await findStaffLogin(input.ownerEmail);
  if (!login) return;
  const scope = tenantScope(login.tenantId);
  const notice = signUpAttemptEmail(input.ownerEmail, login.userId, input.locale, deps.now);
  try {
    await transact([queueEmailItem(scope, notice, deps.now)]);
  } catch (error) {
    if (error instanceof ConditionFailed) return; // today's notice went out already
    throw error;
  }
  await sendNow(scope, notice, deps.now, deps.log);
  deps.log.info('sign-up with an address that has an account', { tenantId: login.tenantId, userId: login.userId });
}
