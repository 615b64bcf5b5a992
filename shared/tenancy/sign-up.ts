import { auditItem } from '../db/audit.js';
import { tenantScope } from '../db/keys.js';
import { insertTenant } from '../db/tenants.js';
import { newTenant, type StaffUser, type Tenant, type TenantSignup } from '../domain/tenant.js';
import { queueEmailItem, sendNow } from '../email/outbox.js';
import { welcomeEmail } from '../email/templates/staff.js';
import { createStaffLogin, deleteStaffLogin } from '../identity/cognito.js';
import { newId } from '../ids.js';
import { issueLink } from '../links/tokens.js';
import type { Logger } from '../log.js';

export const WELCOME_LINK_DAYS = 7;

export interface SignUpResult {
  tenant: Tenant;
  owner: StaffUser;
  welcomeEmail: 'sent' | 'queued';
}

/**
 * Self-serve sign-up of a coaching firm.
 * 1. The owner's Cognito login (its `sub` becomes the owner's user id); an address with a login is a 409.
 * 2. One DynamoDB transaction: slug claim, firm, owner, registry, set-password link, the welcome email in the
 *    outbox, audit event. If it fails (slug taken), the login from step 1 is deleted again.
 * 3. The welcome email is sent; if SES fails the firm still stands and the outbox schedule sends it later.
 */
export async function signUpFirm(input: TenantSignup, deps: { now: Date; appUrl: string; log: Logger }): Promise<SignUpResult> {
  const tenantId = newId(deps.now.getTime());
  const scope = tenantScope(tenantId);
  const ownerUserId = await createStaffLogin({ email: input.ownerEmail, name: input.ownerName, tenantId, role: 'owner' });
  const { tenant, owner } = newTenant(input, { tenantId, ownerUserId }, deps.now);
  const link = issueLink(scope, 'set-password', owner.userId, WELCOME_LINK_DAYS * 86_400, deps.now);
  const welcome = welcomeEmail(tenant, owner, link.token, WELCOME_LINK_DAYS, deps.appUrl);
  try {
    await insertTenant(tenant, owner, [
      link.item,
      queueEmailItem(scope, welcome, deps.now),
      auditItem(scope, { actor: { kind: 'signup', id: owner.userId }, action: 'tenant.created', resource: `tenant/${tenantId}`, details: { slug: tenant.slug } }, deps.now),
    ]);
  } catch (error) {
    await deleteStaffLogin(input.ownerEmail).catch((cleanupError: unknown) =>
      deps.log.error('could not remove the login of a failed sign-up', { email: input.ownerEmail, cleanupError }),
    );
    throw error;
  }
  return { tenant, owner, welcomeEmail: await sendNow(scope, welcome, deps.now, deps.log) };
}
