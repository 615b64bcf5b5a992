import { ForbiddenError } from '../errors.js';
import type { TenantScope } from '../db/keys.js';
import type { StaffRole, Tenant } from './tenant.js';

/**
 * Who may do what inside a firm. Owners: everything. Admins: everything but billing-level settings and
 * ownership. Coaches: read the firm and their own profile (and, with the coaching core, their own clients).
 * Checked before any resource is read, so a refusal says nothing about whether the resource exists.
 */
export type Permission =
  | 'firm:read'
  | 'settings:write'
  | 'billing:write'
  | 'staff:read'
  | 'staff:manage'
  | 'ownership:transfer'
  | 'audit:read';

const grants: Record<StaffRole, readonly Permission[]> = {
  owner: ['firm:read', 'settings:write', 'billing:write', 'staff:read', 'staff:manage', 'ownership:transfer', 'audit:read'],
  admin: ['firm:read', 'settings:write', 'staff:read', 'staff:manage', 'audit:read'],
  coach: ['firm:read'],
};

/** A signed-in staff user, as the auth middleware established it from the verified token and the staff item. */
export interface StaffPrincipal {
  scope: TenantScope;
  userId: string;
  email: string;
  name: string;
  role: StaffRole;
  /** The firm, read with the staff user in the same request. */
  tenant: Tenant;
}

export const can = (role: StaffRole, permission: Permission): boolean => grants[role].includes(permission);

export function authorize(principal: StaffPrincipal, permission: Permission): void {
  if (!can(principal.role, permission)) {
    throw new ForbiddenError(`A ${principal.role} cannot do this (needs ${permission})`);
  }
}
