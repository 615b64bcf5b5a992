import { createHash } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.js';
import { keys, tenantScope, type TenantScope } from '../db/keys.js';
import type { TransactItem } from '../db/transact.js';
import { WaymarkError } from '../errors.js';
import { ULID_PATTERN, newSecret } from '../ids.js';

/**
 * Emailed links. A link carries the tenant id and a 256-bit random secret (`<tenantId>.<secret>`); only the
 * SHA-256 of the secret is stored, with purpose, subject, expiry (also the item's TTL) and revocation.
 * The tenant of a link request comes from here, never from the request's other input.
 */
export type LinkPurpose = 'set-password' | 'invitation' | 'client' | 'unsubscribe' | 'sponsor-report';


export interface LinkRecord {
  tenantId: string;
  purpose: LinkPurpose;
  /** The user id, invitation id or program id the link acts on. */
  subjectId: string;
  /** A client link: the client it belongs to (with `subjectId`, the program: the link's whole scope). */
  clientId?: string;
  /** An unsubscribe link: the list it unsubscribes `subjectId` (the recipient) from. */
  list?: string;
  /** An unsubscribe link: the hash of the address it was sent to (the suppression entry's key). */
  addressHash?: string;
  /** A sponsor's report link: the sponsor and the one report it shows (with `subjectId`, the program). Read only. */
  sponsorId?: string;
  reportId?: string;
  /** Epoch seconds; the link works until then. */
  validUntil: number;
  /** TTL: the item is deleted a while after it stops working, so an expired link still gets a friendly answer. */
  expiresAt: number;
  createdAt: string;
  /**
   * The subject's link generation when the link was issued. Bumping the subject's generation (a password change,
   * an invitation resend) ends every older link of that subject at once, without finding them.
   */
  generation: number;
  usedAt?: string;
  revokedAt?: string;
  /** While a request acts on the link (claim first, then the slow part, then mark used): who holds it, until when. */
  claimId?: string;
  claimUntil?: number;
}

const KEEP_EXPIRED_SECONDS = 30 * 24 * 3600;

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('base64url');

export interface IssuedLink {
  token: string;
  hash: string;
  validUntil: number;
  item: TransactItem;
}

export function issueLink(
  scope: TenantScope,
  purpose: LinkPurpose,
  subjectId: string,
  ttlSeconds: number,
  now: Date,
  generation = 0,
  about: { clientId?: string; list?: string; addressHash?: string; sponsorId?: string; reportId?: string } = {},
): IssuedLink {
  const secret = newSecret();
  const hash = hashSecret(secret);
  const record: LinkRecord = {
    tenantId: scope.tenantId,
    purpose,
    subjectId,
    ...(about.clientId ? { clientId: about.clientId } : {}),
    ...(about.list ? { list: about.list } : {}),
    ...(about.addressHash ? { addressHash: about.addressHash } : {}),
    ...(about.sponsorId ? { sponsorId: about.sponsorId } : {}),
    ...(about.reportId ? { reportId: about.reportId } : {}),
    validUntil: Math.floor(now.getTime() / 1000) + ttlSeconds,
    expiresAt: Math.floor(now.getTime() / 1000) + ttlSeconds + KEEP_EXPIRED_SECONDS,
    createdAt: now.toISOString(),
    generation,
  };
  return {
    token: `${scope.tenantId}.${secret}`,
    hash,
    validUntil: record.validUntil,
    item: { Put: { TableName: tableName(), Item: { ...keys.link(scope, hash), type: 'Link', ...record }, ConditionExpression: 'attribute_not_exists(PK)' } },
  };
}

export type LinkProblem = 'malformed' | 'unknown' | 'wrong-purpose' | 'expired' | 'used' | 'revoked';

export type LinkCheck = { ok: true; scope: TenantScope; hash: string; link: LinkRecord } | { ok: false; problem: LinkProblem; scope?: TenantScope };

/** The tenant and secret hash a token names, or undefined when it is not a link token at all. */
export function parseLinkToken(token: string): { scope: TenantScope; hash: string } | undefined {
  const [tenantId, secret, extra] = token.split('.');
  if (!tenantId || !secret || extra !== undefined || !ULID_PATTERN.test(tenantId) || !/^[\w-]{43}$/.test(secret)) return undefined;
  return { scope: tenantScope(tenantId), hash: hashSecret(secret) };
}

/** Whether a stored link works for `purpose` at `now`. */
export function judgeLink(scope: TenantScope, hash: string, item: Record<string, unknown> | undefined, purpose: LinkPurpose, now: Date): LinkCheck {
  const link = item as (LinkRecord & { PK: string }) | undefined;
  if (!link) return { ok: false, problem: 'unknown' };
  if (link.purpose !== purpose) return { ok: false, problem: 'wrong-purpose', scope };
  if (link.revokedAt) return { ok: false, problem: 'revoked', scope };
  if (link.usedAt) return { ok: false, problem: 'used', scope };
  if (link.validUntil <= Math.floor(now.getTime() / 1000)) return { ok: false, problem: 'expired', scope };
  return { ok: true, scope, hash, link: { ...link, generation: link.generation ?? 0 } };
}

/** Reads and checks a link token: one GetItem in the link's tenant. */
export async function checkLink(token: string, purpose: LinkPurpose, now: Date): Promise<LinkCheck> {
  const parsed = parseLinkToken(token);
  if (!parsed) return { ok: false, problem: 'malformed' };
  const result = await db().send(new GetCommand({ TableName: tableName(), Key: keys.link(parsed.scope, parsed.hash), ConsistentRead: true }));
  return judgeLink(parsed.scope, parsed.hash, result.Item, purpose, now);
}

/** How long a claim holds a link: well past the slow step (a Cognito call) and the function timeout. */
export const CLAIM_SECONDS = 30;

/**
 * Claims a link before acting on it, so that of parallel requests with one link exactly one acts (and its effect is
 * the one that holds). Fails the transaction when the link is used, revoked, expired or claimed by another request.
 */
export function claimLinkItem(scope: TenantScope, hash: string, claimId: string, now: Date): TransactItem {
  const epoch = Math.floor(now.getTime() / 1000);
  return {
    Update: {
      TableName: tableName(),
      Key: keys.link(scope, hash),
      UpdateExpression: 'SET claimId = :claim, claimUntil = :until',
      ConditionExpression:
        'attribute_exists(PK) AND attribute_not_exists(usedAt) AND attribute_not_exists(revokedAt) AND validUntil > :epoch AND (attribute_not_exists(claimUntil) OR claimUntil < :epoch)',
      ExpressionAttributeValues: { ':claim': claimId, ':until': epoch + CLAIM_SECONDS, ':epoch': epoch },
    },
  };
}

/** Gives a claimed link back when the slow step failed, so the user can try again with the same link. */
export async function releaseLink(scope: TenantScope, hash: string, claimId: string): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.link(scope, hash),
      UpdateExpression: 'REMOVE claimId, claimUntil',
      ConditionExpression: 'claimId = :claim',
      ExpressionAttributeValues: { ':claim': claimId },
    }),
  );
}

/** Marks a claimed link used, in the same transaction as what it did; only the claim holder can. */
export function useLinkItem(scope: TenantScope, hash: string, claimId: string, now: Date): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.link(scope, hash),
      UpdateExpression: 'SET usedAt = :now REMOVE claimUntil',
      ConditionExpression: 'claimId = :claim AND attribute_not_exists(usedAt) AND attribute_not_exists(revokedAt)',
      ExpressionAttributeValues: { ':now': now.toISOString(), ':claim': claimId },
    },
  };
}

export function revokeLinkItem(scope: TenantScope, hash: string, now: Date): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.link(scope, hash),
      UpdateExpression: 'SET revokedAt = :now',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':now': now.toISOString() },
    },
  };
}

/** A link that does not work gets one answer that says what to do, whatever the reason; pages offer a fresh one. */
export class LinkNotUsableError extends WaymarkError {
  constructor(
    readonly problem: LinkProblem | 'superseded',
    readonly purpose: LinkPurpose,
    /** The firm the link names, when it names one: its page shows the firm's brand and language. */
    readonly scope?: TenantScope,
    /** The firm, when it was read with the link already (no second read for the page). */
    readonly tenant?: { locale: 'en' | 'de'; branding: { displayName: string; accentColour: string } },
  ) {
    const why = problem === 'expired' ? 'has expired' : problem === 'used' ? 'was used already' : 'is not valid any more';
    const next = purpose === 'client' ? 'The page it opens can email you a fresh one.' : purpose === 'sponsor-report' ? 'The coaching firm can send the report again.' : 'Ask for a new one: an admin can resend your invitation, and "forgot password" sends a new password link.';
    super(410, 'link_not_usable', `This link ${why}. ${next}`);
  }
}
