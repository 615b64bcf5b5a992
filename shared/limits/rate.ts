import { UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { isIPv4, isIPv6 } from 'node:net';
import { db, tableName } from '../db/client.js';
import { keys, platformKeys, type Key, type TenantScope } from '../db/keys.js';
import type { ConditionFailed, TransactItem } from '../db/transact.js';
import type { Tenant } from '../domain/tenant.js';
import { TooManyRequestsError } from '../errors.js';
import { digest } from '../ids.js';
import { invitationRules, limitOf, rateRules, type RatePer, type RateRule } from './policy.js';

/**
 * Fixed-window counters in the one table: one item per (rule, subject, window), incremented with a condition that
 * it is still below the limit, so a refused request counts nothing. Use `consumeRates` for limits checked before
 * the work (one UpdateItem each), or `rateLimitItems` to put the counters into the transaction of the change they
 * limit (no extra round trip; a failed change counts nothing either).
 */

/** Whose requests one counter holds. Addresses are hashed: no IP or email address appears in a key. */
export interface RateSubject {
  readonly per: RatePer;
  readonly id: string;
  /** Set for tenant-owned counters, which live under the tenant's key prefix. */
  readonly scope?: TenantScope;
}

export interface RateCharge {
  readonly rule: RateRule;
  readonly subject: RateSubject;
}

const hashed = (value: string): string => digest(value).slice(0, 22); // 132 bits: no collisions that matter
const address = (email: string): string => email.trim().toLowerCase();

/** IPv4 as is; IPv6 by its /64, since one subscriber usually holds a whole /64 and could rotate through it. */
export function networkOf(ip: string): string {
  const bare = ip.trim().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(bare);
  if (mapped) return mapped[1]!;
  if (isIPv4(bare) || !isIPv6(bare)) return bare;
  const width = (groups: string[]) => groups.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const [head, tail] = bare.split('::') as [string, string | undefined];
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups = tail === undefined ? front : [...front, ...Array<string>(8 - width(front) - width(back)).fill('0'), ...back];
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

export const rateSubject = {
  /** The caller's network address (`requestContext.http.sourceIp`). */
  source: (ip: string): RateSubject => ({ per: 'source', id: hashed(networkOf(ip)) }),
  /** An account address that someone tries to sign in as, whether or not it exists. */
  account: (email: string): RateSubject => ({ per: 'account', id: hashed(address(email)) }),
  firm: (scope: TenantScope): RateSubject => ({ per: 'firm', id: 'firm', scope }),
  /** An address the firm sends to. */
  recipient: (scope: TenantScope, email: string): RateSubject => ({ per: 'recipient', id: hashed(address(email)), scope }),
};

export interface RateWindow {
  /** Epoch seconds; windows are aligned to the epoch, so a day window starts at 00:00 UTC. */
  readonly start: number;
  readonly end: number;
  /** Whole seconds until the window ends (at least 1): the `Retry-After` of a refusal now. */
  readonly retryAfterSeconds: number;
}

export function rateWindow(rule: Pick<RateRule, 'windowSeconds'>, now: Date): RateWindow {
  const start = Math.floor(now.getTime() / 1000 / rule.windowSeconds) * rule.windowSeconds;
  const end = start + rule.windowSeconds;
  return { start, end, retryAfterSeconds: Math.max(1, Math.ceil((end * 1000 - now.getTime()) / 1000)) };
}

/** TTL only cleans up: each window has its own key, so a counter is never read after its window. */
const EXPIRY_GRACE_SECONDS = 60;

function counterKey(rule: RateRule, subject: RateSubject, windowStart: number): Key {
  if (rule.per !== subject.per) throw new Error(`Rule ${rule.name} counts per ${rule.per}, not per ${subject.per}`);
  return subject.scope ? keys.rate(subject.scope, rule.name, subject.id, windowStart) : platformKeys.rate(rule.name, subject.id, windowStart);
}

function counterUpdate(rule: RateRule, subject: RateSubject, now: Date): UpdateCommandInput {
  const window = rateWindow(rule, now);
  return {
    TableName: tableName(),
    Key: counterKey(rule, subject, window.start),
    UpdateExpression: 'ADD #n :one SET #type = :type, expiresAt = :expiresAt',
    ConditionExpression: 'attribute_not_exists(#n) OR #n < :limit',
    ExpressionAttributeNames: { '#n': 'n', '#type': 'type' },
    ExpressionAttributeValues: { ':one': 1, ':limit': limitOf(rule), ':type': 'RateCounter', ':expiresAt': window.end + EXPIRY_GRACE_SECONDS },
  };
}

function inWords(seconds: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds <= 90) return unit(seconds, 'second');
  if (seconds <= 90 * 60) return unit(Math.ceil(seconds / 60), 'minute');
  return unit(Math.ceil(seconds / 3600), 'hour');
}

/** The 429 for a rule whose limit is reached at `now`: when to try again, in the message and as `Retry-After`. */
export function rateLimited(rule: RateRule, now: Date): TooManyRequestsError {
  const window = rateWindow(rule, now);
  const at = new Date(window.end * 1000).toISOString().replace('.000Z', 'Z');
  return new TooManyRequestsError(window.retryAfterSeconds, `Too many ${rule.counts}: try again in ${inWords(window.retryAfterSeconds)} (after ${at})`);
}

const latest = (errors: TooManyRequestsError[]) => errors.reduce((a, b) => (b.retryAfterSeconds > a.retryAfterSeconds ? b : a));

/** Counts one request against a rule now (one UpdateItem); a TooManyRequestsError if the limit is reached. */
export async function consumeRate(rule: RateRule, subject: RateSubject, now: Date): Promise<void> {
  try {
    await db().send(new UpdateCommand(counterUpdate(rule, subject, now)));
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') throw rateLimited(rule, now);
    throw error;
  }
}

/**
 * Counts one request against several rules at once (parallel UpdateItems, not a transaction: concurrent
 * transactions on one hot counter would cancel each other). Refused if any limit is reached; then the others
 * still count, as the attempt was made.
 */
export async function consumeRates(charges: readonly RateCharge[], now: Date): Promise<void> {
  const results = await Promise.allSettled(charges.map((c) => consumeRate(c.rule, c.subject, now)));
  const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  const other = errors.find((e) => !(e instanceof TooManyRequestsError));
  if (other) throw other;
  if (errors.length) throw latest(errors as TooManyRequestsError[]);
}

/** A counter as an item of the transaction of the change it limits: the transaction fails if the limit is reached. */
export function rateLimitItem(rule: RateRule, subject: RateSubject, now: Date): TransactItem {
  return { Update: counterUpdate(rule, subject, now) as NonNullable<TransactItem['Update']> };
}

export const rateLimitItems = (charges: readonly RateCharge[], now: Date): TransactItem[] => charges.map((c) => rateLimitItem(c.rule, c.subject, now));

/**
 * For a transaction that failed: the 429 if one of its rate items (placed from index `firstIndex`, in the order of
 * `charges`) was over its limit, else undefined (another condition failed).
 */
export function rateLimitFailure(failure: ConditionFailed, charges: readonly RateCharge[], firstIndex: number, now: Date): TooManyRequestsError | undefined {
  const reached = charges.filter((_, i) => failure.failed.includes(firstIndex + i)).map((c) => rateLimited(c.rule, now));
  return reached.length ? latest(reached) : undefined;
}

/** Before a sign-in: per source address and per account address, whether the account exists or not. */
export const signInCharges = (sourceIp: string, email: string): RateCharge[] => [
  { rule: rateRules.signInPerSource, subject: rateSubject.source(sourceIp) },
  { rule: rateRules.signInPerAccount, subject: rateSubject.account(email) },
];

/** Before a sign-up: per source address. */
export const signUpCharges = (sourceIp: string): RateCharge[] => [{ rule: rateRules.signUpPerSource, subject: rateSubject.source(sourceIp) }];

/** Before a reset request: per source address (each account already gets at most one reset email per few minutes). */
export const resetCharges = (sourceIp: string): RateCharge[] => [{ rule: rateRules.resetPerSource, subject: rateSubject.source(sourceIp) }];

/** With an invitation or resend, in its transaction: per firm (hour, day; lower for a new firm) and per recipient (day). */
export function invitationCharges(scope: TenantScope, tenant: Pick<Tenant, 'createdAt'>, recipientEmail: string, now: Date): RateCharge[] {
  const rules = invitationRules(tenant, now);
  return [
    ...rules.perFirm.map((rule) => ({ rule, subject: rateSubject.firm(scope) })),
    ...rules.perRecipient.map((rule) => ({ rule, subject: rateSubject.recipient(scope, recipientEmail) })),
  ];
}
