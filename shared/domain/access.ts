import { ForbiddenError } from '../errors.js';
import type { TenantScope } from '../db/keys.js';
import type { StaffRole, StaffUser, Tenant } from './tenant.js';

/**
 * Who may do what inside a firm. Owners: everything. Admins: everything but billing-level settings and
 * ownership. Coaches: read the firm and their own profile, and work with the clients and programs assigned to them.
 * Checked before any resource is read, so a refusal says nothing about whether the resource exists.
 */
export type Permission =
  | 'firm:read'
  | 'settings:write'
  | 'billing:write'
  | 'staff:read'
  | 'staff:manage'
  | 'ownership:transfer'
  | 'audit:read'
  /** The coaching core: clients, sponsors, programs and their sessions, actions, obstacles (coaches: their own). */
  | 'coaching:read'
  | 'coaching:write'
  /** Moving a client (and their programs) to another coach. */
  | 'clients:assign';

const grants: Record<StaffRole, readonly Permission[]> = {
  owner: ['firm:read', 'settings:write', 'billing:write', 'staff:read', 'staff:manage', 'ownership:transfer', 'audit:read', 'coaching:read', 'coaching:write', 'clients:assign'],
  admin: ['firm:read', 'settings:write', 'staff:read', 'staff:manage', 'audit:read', 'coaching:read', 'coaching:write', 'clients:assign'],
  coach: ['firm:read', 'coaching:read', 'coaching:write'],
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
  /** The caller's staff item as read with the firm (their own settings, e.g. the daily digest). */
  staff?: StaffUser;
}

export const can = (role: StaffRole, permission: Permission): boolean => grants[role].includes(permission);

export function authorize(principal: StaffPrincipal, permission: Permission): void {
  if (!can(principal.role, permission)) {
    throw new ForbiddenError(`A ${principal.role} cannot do this (needs ${permission})`);
  }
}

/** Owners and admins see every client and program of the firm; a coach only those assigned to them. */
export const seesWholeFirm = (principal: Pick<StaffPrincipal, 'role'>): boolean => principal.role === 'owner' || principal.role === 'admin';

/** Whether a client or program coached by `coachId` is visible to the principal (an invisible one is a 404). */
export const coaches = (principal: Pick<StaffPrincipal, 'role' | 'userId'>, coachId: string): boolean => seesWholeFirm(principal) || principal.userId === coachId;
