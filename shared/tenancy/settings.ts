import { auditItem } from '../db/audit.js';
import { putTenantItem } from '../db/firm.js';
import { registryFirmItem } from '../db/tenants.js';
import { ConditionFailed, transact } from '../db/transact.js';
import { authorize, type StaffPrincipal } from '../domain/access.js';
import { applySettings, type SettingsPatch, type Tenant } from '../domain/tenant.js';
import { ConflictError } from '../errors.js';

/** Changes firm settings; billing-level limits need an owner. Optimistic locking: a concurrent change is a 409. */
export async function updateSettings(actor: StaffPrincipal, patch: SettingsPatch, now: Date): Promise<Tenant> {
  // Limits and the security policy (MFA for everyone, idle time) are the owner's to set.
  authorize(actor, patch.limits || patch.security ? 'billing:write' : 'settings:write');
  // The firm as read when the caller was authenticated, in this same request; the version check catches any change since.
  const current = actor.tenant;
  const next = applySettings(current, patch, now);
  try {
    await transact([
      putTenantItem(actor.scope, next, current.version),
      // The scheduled work of the firm reads the profile from the registry's copy.
      registryFirmItem(next),
      auditItem(actor.scope, { actor: { kind: 'staff', id: actor.userId }, action: 'settings.updated', resource: `tenant/${current.tenantId}`, details: { changed: Object.keys(patch) } }, now),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed) throw new ConflictError('The settings changed meanwhile; reload and try again');
    throw error;
  }
  return next;
}
