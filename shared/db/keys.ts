import { ULID_PATTERN } from '../ids.js';

/**
 * Key builders: the only place key strings are made. Every tenant-owned key demands a TenantScope, and every
 * tenant-owned partition key (on the table and on every GSI) starts with `T#<tenantId>#`, so an IAM
 * `dynamodb:LeadingKeys` condition can confine a role to one tenant. Platform keys (slug claims, the tenant
 * registry) never start with `T#`.
 */
declare const verified: unique symbol;

/** A tenant id that came from a verified token, a verified link, or tenant creation; never from request input. */
export interface TenantScope {
  readonly tenantId: string;
  readonly [verified]: true;
}

export function tenantScope(tenantId: string): TenantScope {
  if (!ULID_PATTERN.test(tenantId)) throw new Error(`Not a tenant id: ${JSON.stringify(tenantId)}`);
  return { tenantId } as TenantScope;
}

export interface Key {
  PK: string;
  SK: string;
}

export const tenantPrefix = (scope: TenantScope): string => `T#${scope.tenantId}#`;

const firmPartition = (scope: TenantScope) => `${tenantPrefix(scope)}FIRM`;

export const keys = {
  /** The firm's profile and settings. */
  tenant: (scope: TenantScope): Key => ({ PK: firmPartition(scope), SK: 'PROFILE' }),
  /** A staff user of the firm; the firm partition holds profile and staff so "firm and staff" is one Query. */
  staff: (scope: TenantScope, userId: string): Key => ({ PK: firmPartition(scope), SK: `STAFF#${userId}` }),
  /** One email, keyed by its idempotency key (kind, recipient, period): a second send of the same key is refused. */
  email: (scope: TenantScope, idempotencyKey: string): Key => ({
    PK: `${tenantPrefix(scope)}EMAIL`,
    SK: idempotencyKey,
  }),
  /** GSI1 entry that exists only while an email is unsent: the outbox. */
  outbox: (scope: TenantScope, queuedAt: string, idempotencyKey: string) => ({
    GSI1PK: `${tenantPrefix(scope)}OUTBOX`,
    GSI1SK: `${queuedAt}#${idempotencyKey}`,
  }),
  outboxPartition: (scope: TenantScope) => `${tenantPrefix(scope)}OUTBOX`,
  /** An emailed link, by the hash of its secret (the secret itself is never stored). */
  link: (scope: TenantScope, secretHash: string): Key => ({ PK: `${tenantPrefix(scope)}LINK`, SK: secretHash }),
  /** An invitation of a staff user; in the firm partition so "staff and invitations" is one Query. */
  invitation: (scope: TenantScope, invitationId: string): Key => ({ PK: firmPartition(scope), SK: `INVITE#${invitationId}` }),
  /** Append-only audit trail, newest last. */
  audit: (scope: TenantScope, at: string, eventId: string): Key => ({
    PK: `${tenantPrefix(scope)}AUDIT`,
    SK: `${at}#${eventId}`,
  }),
  auditPartition: (scope: TenantScope) => `${tenantPrefix(scope)}AUDIT`,
} as const;

/** Platform items: not owned by any tenant, never readable through a tenant-scoped role. */
export const platformKeys = {
  /** Claims a slug across the platform; its conditional put makes slugs unique. */
  slug: (slug: string): Key => ({ PK: `SLUG#${slug}`, SK: 'SLUG' }),
  /** The list of tenants, for schedules that fan out per tenant (one Query, never a Scan). */
  tenantRegistry: (tenantId: string): Key => ({ PK: 'TENANTS', SK: `T#${tenantId}` }),
  tenantRegistryPartition: 'TENANTS',
} as const;
