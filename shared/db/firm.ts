import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Invitation } from '../domain/staff.js';
import type { StaffUser, Tenant } from '../domain/tenant.js';
import { digest } from '../ids.js';
import { db, tableName } from './client.js';
import { keys, type Key, type TenantScope } from './keys.js';
import { decodeCursor, encodeCursor, type Page } from './page.js';
import { withoutKeys, setFields, type TransactItem } from './transact.js';

/**
 * The firm: its profile and settings, staff users, owner counter and address claims (`T#<tid>#FIRM`), and its
 * invitations (`T#<tid>#INVITE`). No request reads the whole firm: each reads the items it needs by key, and lists are
 * paged, so the cost of a request does not grow with the firm's history.
 */

/**
 * The firm profile, the caller's staff item and whether the caller's token was signed out: one BatchGet. `also`:
 * items the route needs anyway (the program a request names), read in the same round trip, strongly consistent.
 */
export async function getTenantAndStaff(
  scope: TenantScope,
  userId: string,
  tokenId?: string,
  also: readonly Key[] = [],
): Promise<{ tenant?: Tenant; staff?: StaffUser; signedOut: boolean; also: Record<string, unknown>[] }> {
  const TableName = tableName();
  const signOutKey = tokenId ? keys.signedOutToken(scope, tokenId) : undefined;
  const own = [keys.tenant(scope), keys.staff(scope, userId), ...(signOutKey ? [signOutKey] : [])];
  const result = await db().send(
    new BatchGetCommand({ RequestItems: { [TableName]: { Keys: [...own, ...also], ...(also.length ? { ConsistentRead: true } : {}) } } }),
  );
  const items = result.Responses?.[TableName] ?? [];
  const isOwn = (i: Record<string, unknown>) => own.some((k) => k.PK === i.PK && k.SK === i.SK);
  return {
    tenant: withoutKeys<Tenant>(items.find((i) => i.SK === 'PROFILE')),
    staff: withoutKeys<StaffUser>(items.find((i) => i.SK === keys.staff(scope, userId).SK)),
    signedOut: signOutKey !== undefined && items.some((i) => i.PK === signOutKey.PK && i.SK === signOutKey.SK),
    also: items.filter((i) => !isOwn(i)),
  };
}

export async function getTenant(scope: TenantScope): Promise<Tenant | undefined> {
  const result = await db().send(new GetCommand({ TableName: tableName(), Key: keys.tenant(scope) }));
  return withoutKeys<Tenant>(result.Item);
}

export async function getStaff(scope: TenantScope, userId: string): Promise<StaffUser | undefined> {
  const result = await db().send(new GetCommand({ TableName: tableName(), Key: keys.staff(scope, userId), ConsistentRead: true }));
  return withoutKeys<StaffUser>(result.Item);
}

/** Several staff users by id in one BatchGet (e.g. both sides of an ownership transfer). */
export async function getStaffUsers(scope: TenantScope, userIds: string[]): Promise<Map<string, StaffUser>> {
  const TableName = tableName();
  const result = await db().send(
    new BatchGetCommand({ RequestItems: { [TableName]: { Keys: [...new Set(userIds)].map((id) => keys.staff(scope, id)), ConsistentRead: true } } }),
  );
  const staff = (result.Responses?.[TableName] ?? []).map((item) => withoutKeys<StaffUser>(item)!);
  return new Map(staff.map((s) => [s.userId, s]));
}

/** A page of the firm's staff users, in id order. */
export async function listStaff(scope: TenantScope, limit: number, cursor?: string): Promise<Page<StaffUser>> {
  const PK = keys.tenant(scope).PK;
  const result = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :staff)',
      ExpressionAttributeValues: { ':pk': PK, ':staff': keys.staffPrefix },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, 'PK', PK),
    }),
  );
  return { items: (result.Items ?? []).map((item) => withoutKeys<StaffUser>(item)!), next: encodeCursor(result.LastEvaluatedKey) };
}

/**
 * The firm's active staff users (who may coach a client), in id order: one Query of the staff items, former staff
 * left out by a filter (a firm keeps a few dozen staff items; the page never grows with its clients or history).
 */
export async function activeStaff(scope: TenantScope): Promise<Pick<StaffUser, 'userId' | 'name' | 'role'>[]> {
  const result = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :staff)',
      FilterExpression: '#status = :active',
      ProjectionExpression: 'userId, #name, #role',
      ExpressionAttributeNames: { '#status': 'status', '#name': 'name', '#role': 'role' },
      ExpressionAttributeValues: { ':pk': keys.tenant(scope).PK, ':staff': keys.staffPrefix, ':active': 'active' },
    }),
  );
  return (result.Items ?? []) as Pick<StaffUser, 'userId' | 'name' | 'role'>[];
}

/** The firm profile and one invitation in one BatchGet (the page an invitation link opens). */
export async function getTenantAndInvitation(scope: TenantScope, invitationId: string): Promise<{ tenant?: Tenant; invitation?: Invitation }> {
  const TableName = tableName();
  const result = await db().send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: [keys.tenant(scope), keys.invitation(scope, invitationId)], ConsistentRead: true } } }));
  const items = result.Responses?.[TableName] ?? [];
  return {
    tenant: withoutKeys<Tenant>(items.find((i) => i.SK === 'PROFILE')),
    invitation: withoutKeys<Invitation>(items.find((i) => i.PK === keys.invitationPartition(scope))),
  };
}

export async function getInvitation(scope: TenantScope, invitationId: string): Promise<Invitation | undefined> {
  const result = await db().send(new GetCommand({ TableName: tableName(), Key: keys.invitation(scope, invitationId), ConsistentRead: true }));
  return withoutKeys<Invitation>(result.Item);
}

/** A page of the firm's invitations, newest first. */
export async function listInvitations(scope: TenantScope, limit: number, cursor?: string): Promise<Page<Invitation>> {
  const PK = keys.invitationPartition(scope);
  const result = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': PK },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, 'PK', PK),
    }),
  );
  return { items: (result.Items ?? []).map((item) => withoutKeys<Invitation>(item)!), next: encodeCursor(result.LastEvaluatedKey) };
}

/** The pending invitations a staff user sent, from the sparse index (at most `limit`). */
export async function pendingInvitationsSentBy(scope: TenantScope, senderId: string, limit: number): Promise<Pick<Invitation, 'invitationId' | 'email' | 'validUntil'>[]> {
  const result = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.pendingInvitationsBySenderPartition(scope, senderId) },
      ProjectionExpression: 'invitationId, email, validUntil',
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map((item) => ({ invitationId: String(item.invitationId), email: String(item.email), validUntil: Number(item.validUntil) }));
}

/** What holds an address in the firm: a staff user or a pending invitation. Read only to explain a refusal. */
export async function getAddressHolder(scope: TenantScope, email: string): Promise<{ holder: 'staff' | 'invitation' } | undefined> {
  const result = await db().send(new GetCommand({ TableName: tableName(), Key: keys.staffAddress(scope, digest(email)), ConsistentRead: true }));
  return result.Item ? { holder: result.Item.holder as 'staff' | 'invitation' } : undefined;
}

/** A new staff user; while their daily digest is on, with its entry in the sparse "due" index. */
export const putStaffItem = (scope: TenantScope, staff: StaffUser): TransactItem => ({
  Put: { TableName: tableName(), Item: { ...keys.staff(scope, staff.userId), ...digestDueKeys(scope, staff), type: 'Staff', ...staff }, ConditionExpression: 'attribute_not_exists(PK)' },
});

/** The "due" index entry of a staff user's next digest, if one is to come. */
export const digestDueKeys = (scope: TenantScope, staff: Pick<StaffUser, 'digestAt' | 'userId'>) => (staff.digestAt ? keys.coachDigestDue(scope, staff.digestAt, staff.userId) : {});

/**
 * The fields that set (or end) a staff user's digest entry: `digestAt` and the index keys move together; without a
 * next digest both go.
 */
export function digestEntryChange(scope: TenantScope, staff: Pick<StaffUser, 'userId'>, schedule: { digestAt?: string; digestSince: string }): { set: Record<string, unknown>; remove: string[] } {
  if (!schedule.digestAt) return { set: { digestSince: schedule.digestSince }, remove: ['digestAt', 'GSI2PK', 'GSI2SK'] };
  return { set: { digestAt: schedule.digestAt, digestSince: schedule.digestSince, ...keys.coachDigestDue(scope, schedule.digestAt, staff.userId) }, remove: [] };
}

/** Sets fields of a staff user (and removes `remove`), provided role and status are still what the caller decided on. */
export function updateStaffItem(scope: TenantScope, current: StaffUser, fields: Partial<StaffUser>, now: Date, remove: readonly string[] = []): TransactItem {
  const set = setFields({ ...fields, updatedAt: now.toISOString() });
  return {
    Update: {
      TableName: tableName(),
      Key: keys.staff(scope, current.userId),
      UpdateExpression: `${set.UpdateExpression}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
      ConditionExpression: '#role = :role AND #status = :status',
      ExpressionAttributeNames: { ...set.names, '#role': 'role', '#status': 'status' },
      ExpressionAttributeValues: { ...set.values, ':role': current.role, ':status': current.status },
    },
  };
}

/** Holds a transaction to a staff user still being active (and, if given, in one of `roles`). */
export function checkActiveStaffItem(scope: TenantScope, userId: string, roles?: readonly string[]): TransactItem {
  const roleValues = Object.fromEntries((roles ?? []).map((r, i) => [`:r${i}`, r]));
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.staff(scope, userId),
      ConditionExpression: `#status = :active${roles ? ` AND #role IN (${Object.keys(roleValues).join(', ')})` : ''}`,
      ExpressionAttributeNames: { '#status': 'status', ...(roles ? { '#role': 'role' } : {}) },
      ExpressionAttributeValues: { ':active': 'active', ...roleValues },
    },
  };
}

/**
 * Moves the firm's count of active owners. Taking one away requires another to remain, so two concurrent changes
 * can never leave the firm without an owner.
 */
export function countOwnersItem(scope: TenantScope, delta: -1 | 1): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.firmCounters(scope),
      UpdateExpression: 'ADD activeOwners :delta',
      ...(delta < 0 ? { ConditionExpression: 'activeOwners > :one', ExpressionAttributeValues: { ':delta': delta, ':one': 1 } } : { ExpressionAttributeValues: { ':delta': delta } }),
    },
  };
}

export const putCountersItem = (scope: TenantScope, counters: { activeOwners: number }): TransactItem => ({
  Put: { TableName: tableName(), Item: { ...keys.firmCounters(scope), type: 'FirmCounters', ...counters }, ConditionExpression: 'attribute_not_exists(PK)' },
});

/** Claims an address for a staff user of the firm (sign-up, or an invitation accepted). */
export function claimAddressForStaffItem(scope: TenantScope, email: string, userId: string, invitationId?: string): TransactItem {
  const Item = { ...keys.staffAddress(scope, digest(email)), type: 'AddressClaim', holder: 'staff', userId };
  return invitationId
    ? { Put: { TableName: tableName(), Item, ConditionExpression: 'invitationId = :inv', ExpressionAttributeValues: { ':inv': invitationId } } }
    : { Put: { TableName: tableName(), Item, ConditionExpression: 'attribute_not_exists(PK)' } };
}

/** Claims an address for a pending invitation: refused while a staff user or another live invitation holds it. */
export function claimAddressForInvitationItem(scope: TenantScope, email: string, invitationId: string, validUntil: number, now: Date): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.staffAddress(scope, digest(email)), type: 'AddressClaim', holder: 'invitation', invitationId, validUntil },
      ConditionExpression: 'attribute_not_exists(PK) OR (holder = :inv AND (validUntil <= :now OR invitationId = :id))',
      ExpressionAttributeValues: { ':inv': 'invitation', ':now': Math.floor(now.getTime() / 1000), ':id': invitationId },
    },
  };
}

/** Frees an address an invitation held (revoked). */
export const releaseAddressItem = (scope: TenantScope, email: string, invitationId: string): TransactItem => ({
  Delete: { TableName: tableName(), Key: keys.staffAddress(scope, digest(email)), ConditionExpression: 'invitationId = :id', ExpressionAttributeValues: { ':id': invitationId } },
});

/** How long closed invitations stay listable before the table's TTL removes them (the audit trail keeps the facts). */
export const CLOSED_INVITATION_DAYS = 90;
const KEEP_EXPIRED_INVITATION_DAYS = 30;

export const putInvitationItem = (scope: TenantScope, invitation: Invitation): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: {
      ...keys.invitation(scope, invitation.invitationId),
      ...keys.pendingInvitationBySender(scope, invitation.invitedBy, invitation.invitationId),
      type: 'Invitation',
      ...invitation,
      expiresAt: invitation.validUntil + KEEP_EXPIRED_INVITATION_DAYS * 86_400,
    },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

/** A resend: new validity, one more send, a new link generation; only while pending and unchanged since read. */
export function resendInvitationItem(scope: TenantScope, current: Invitation, next: Invitation): TransactItem {
  const set = setFields({ validUntil: next.validUntil, sends: next.sends, linkGeneration: next.linkGeneration, expiresAt: next.validUntil + KEEP_EXPIRED_INVITATION_DAYS * 86_400 });
  return {
    Update: {
      TableName: tableName(),
      Key: keys.invitation(scope, current.invitationId),
      UpdateExpression: set.UpdateExpression,
      ConditionExpression: '#status = :pending AND sends = :sends',
      ExpressionAttributeNames: { ...set.names, '#status': 'status' },
      ExpressionAttributeValues: { ...set.values, ':pending': 'pending', ':sends': current.sends },
    },
  };
}

/** Closes a pending invitation (accepted, revoked): out of the sender's pending index, expiring later. */
export function closeInvitationItem(scope: TenantScope, invitationId: string, status: 'accepted' | 'revoked', now: Date, extra: Record<string, unknown> = {}): TransactItem {
  const set = setFields({ status, closedAt: now.toISOString(), expiresAt: Math.floor(now.getTime() / 1000) + CLOSED_INVITATION_DAYS * 86_400, ...extra });
  return {
    Update: {
      TableName: tableName(),
      Key: keys.invitation(scope, invitationId),
      UpdateExpression: `${set.UpdateExpression} REMOVE GSI1PK, GSI1SK`,
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { ...set.names, '#status': 'status' },
      ExpressionAttributeValues: { ...set.values, ':pending': 'pending' },
    },
  };
}

/** Holds a transaction to an invitation still pending with the link generation the caller checked. */
export const checkInvitationItem = (scope: TenantScope, invitationId: string, linkGeneration: number): TransactItem => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: keys.invitation(scope, invitationId),
    ConditionExpression: '#status = :pending AND linkGeneration = :g',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':pending': 'pending', ':g': linkGeneration },
  },
});

/** Replaces the firm profile if nobody changed it since `expectedVersion` was read. */
export const putTenantItem = (scope: TenantScope, tenant: Tenant, expectedVersion: number): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...keys.tenant(scope), type: 'Tenant', ...tenant },
    ConditionExpression: 'version = :v',
    ExpressionAttributeValues: { ':v': expectedVersion },
  },
});
