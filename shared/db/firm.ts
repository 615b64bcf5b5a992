import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Invitation } from '../domain/staff.js';
import type { StaffUser, Tenant } from '../domain/tenant.js';
import { db, queryAll, tableName } from './client.js';
import { keys, type TenantScope } from './keys.js';
import { record, type TransactItem } from './transact.js';

/**
 * The firm partition (`T#<tid>#FIRM`): profile and settings, staff users and invitations. Reads of one firm are one
 * request: a BatchGet for "profile + one staff user" (every authenticated request), a Query for the whole firm.
 */
export async function getTenantAndStaff(scope: TenantScope, userId: string): Promise<{ tenant?: Tenant; staff?: StaffUser }> {
  const TableName = tableName();
  const result = await db().send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: [keys.tenant(scope), keys.staff(scope, userId)] } } }));
  const items = result.Responses?.[TableName] ?? [];
  return {
    tenant: record<Tenant>(items.find((i) => i.SK === 'PROFILE')),
    staff: record<StaffUser>(items.find((i) => i.SK === keys.staff(scope, userId).SK)),
  };
}

export interface Firm {
  tenant?: Tenant;
  staff: StaffUser[];
  invitations: Invitation[];
}

/** The whole firm partition in one Query (paged for very large firms). */
export async function getFirm(scope: TenantScope): Promise<Firm> {
  const firm: Firm = { staff: [], invitations: [] };
  for (const item of await queryAll({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.tenant(scope).PK } })) {
    const sk = String(item.SK);
    if (sk === 'PROFILE') firm.tenant = record<Tenant>(item);
    else if (sk.startsWith('STAFF#')) firm.staff.push(record<StaffUser>(item)!);
    else if (sk.startsWith('INVITE#')) firm.invitations.push(record<Invitation>(item)!);
  }
  return firm;
}

export async function getStaff(scope: TenantScope, userId: string): Promise<StaffUser | undefined> {
  const result = await db().send(new GetCommand({ TableName: tableName(), Key: keys.staff(scope, userId) }));
  return record<StaffUser>(result.Item);
}

export async function getInvitation(scope: TenantScope, invitationId: string): Promise<Invitation | undefined> {
  const result = await db().send(new GetCommand({ TableName: tableName(), Key: keys.invitation(scope, invitationId), ConsistentRead: true }));
  return record<Invitation>(result.Item);
}

export const putStaffItem = (scope: TenantScope, staff: StaffUser): TransactItem => ({
  Put: { TableName: tableName(), Item: { ...keys.staff(scope, staff.userId), type: 'Staff', ...staff }, ConditionExpression: 'attribute_not_exists(PK)' },
});

/** `SET #f0 = :v0, ...` for a record of fields, with its name and value maps. */
function setFields(fields: Record<string, unknown>) {
  const entries = Object.entries(fields);
  return {
    UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
    names: Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])),
    values: Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])),
  };
}

/** Sets fields of a staff user, provided role and status are still what the caller decided on. */
export function updateStaffItem(scope: TenantScope, current: StaffUser, fields: Partial<StaffUser>, now: Date): TransactItem {
  const set = setFields({ ...fields, updatedAt: now.toISOString() });
  return {
    Update: {
      TableName: tableName(),
      Key: keys.staff(scope, current.userId),
      UpdateExpression: set.UpdateExpression,
      ConditionExpression: '#role = :role AND #status = :status',
      ExpressionAttributeNames: { ...set.names, '#role': 'role', '#status': 'status' },
      ExpressionAttributeValues: { ...set.values, ':role': current.role, ':status': current.status },
    },
  };
}

/** Holds a transaction to a staff user still having the role and status the caller counted on. */
export const checkStaffItem = (scope: TenantScope, staff: StaffUser): TransactItem => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: keys.staff(scope, staff.userId),
    ConditionExpression: '#role = :role AND #status = :status',
    ExpressionAttributeNames: { '#role': 'role', '#status': 'status' },
    ExpressionAttributeValues: { ':role': staff.role, ':status': staff.status },
  },
});

export const putInvitationItem = (scope: TenantScope, invitation: Invitation, condition: 'new' | { sends: number }): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...keys.invitation(scope, invitation.invitationId), type: 'Invitation', ...invitation },
    ...(condition === 'new'
      ? { ConditionExpression: 'attribute_not_exists(PK)' }
      : { ConditionExpression: '#status = :pending AND sends = :sends', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':pending': 'pending', ':sends': condition.sends } }),
  },
});

/** Changes a pending invitation's status (accepted, revoked); fails if it is no longer pending. */
export function closeInvitationItem(scope: TenantScope, invitationId: string, status: 'accepted' | 'revoked', now: Date, extra: Record<string, unknown> = {}): TransactItem {
  const set = setFields({ status, closedAt: now.toISOString(), ...extra });
  return {
    Update: {
      TableName: tableName(),
      Key: keys.invitation(scope, invitationId),
      UpdateExpression: set.UpdateExpression,
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { ...set.names, '#status': 'status' },
      ExpressionAttributeValues: { ...set.values, ':pending': 'pending' },
    },
  };
}

/** Replaces the firm profile if nobody changed it since `expectedVersion` was read. */
export const putTenantItem = (scope: TenantScope, tenant: Tenant, expectedVersion: number): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...keys.tenant(scope), type: 'Tenant', ...tenant },
    ConditionExpression: 'version = :v',
    ExpressionAttributeValues: { ':v': expectedVersion },
  },
});
