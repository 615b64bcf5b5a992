import { auditItem } from '../db/audit.js';
import { listStaff } from '../db/firm.js';
import { transact } from '../db/transact.js';
import { tenantScope } from '../db/keys.js';
import { deleteTenantItems, unclaimedTenants, unregisterUnclaimedTenant } from '../db/tenants.js';
import { deleteStaffLogin } from '../identity/cognito.js';
import type { Logger } from '../log.js';

/** Firms removed per run at most; the rest wait for the next run. */
const BATCH = 25;

/**
 * Removes firms whose owner never set a password before the welcome link expired: a sign-up with someone else's
 * address must not block that person from Waymark for good, nor hold the slug. The registry entry goes first (only
 * while still unclaimed), so an owner setting a password at the same moment either claims the firm or finds the link
 * no longer works; then the owner's login (which frees the address), then every item of the firm and the slug; the
 * audit trail (append-only) keeps the sign-up and records the removal.
 */
export async function removeUnclaimedFirms(now: Date, log: Logger): Promise<{ removed: number }> {
  let removed = 0;
  for (const { tenantId, slug } of await unclaimedTenants(now, BATCH)) {
    if (!(await unregisterUnclaimedTenant(tenantId))) continue;
    const scope = tenantScope(tenantId);
    // An unclaimed firm has its owner and nobody else: nobody could sign in to invite anyone.
    const { items: staff } = await listStaff(scope, 10);
    for (const user of staff) {
      await deleteStaffLogin(user.email).catch((error: Error) => {
        if (error.name !== 'UserNotFoundException') throw error;
      });
    }
    const items = await deleteTenantItems(tenantId, slug);
    // The audit trail is append-only: it keeps the firm's sign-up and now its removal.
    await transact([auditItem(scope, { actor: { kind: 'system', id: 'unclaimed-firms' }, action: 'tenant.removed_unclaimed', resource: `tenant/${tenantId}`, details: { items } }, now)]);
    log.info('unclaimed firm removed', { tenantId, items });
    removed += 1;
  }
  return { removed };
}

