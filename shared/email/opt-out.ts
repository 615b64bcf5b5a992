import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { auditItem } from '../db/audit.js';
import { db, tableName } from '../db/client.js';
import { clientPreferencesItem, getItems, programClientPreferencesItem, programsOfClient } from '../db/coaching.js';
import { keys, type TenantScope } from '../db/keys.js';
import { ConditionFailed, transact, withoutKeys, type TransactItem } from '../db/transact.js';
import type { Client } from '../domain/coaching.js';
import type { StaffUser, Tenant } from '../domain/tenant.js';
import { judgeLink, LinkNotUsableError, parseLinkToken, type LinkProblem, type LinkRecord } from '../links/tokens.js';
import { MAILING_LISTS, type MailingList } from './message.js';
import { suppressItem, unsubscribeReason } from './suppression.js';

/**
 * One-click unsubscribe behind the link a scheduled email carries (List-Unsubscribe and its footer). The link is the
 * credential (a stored-hash link, `purpose: unsubscribe`): it names the firm, the recipient, the list and the hash of
 * the address. Opening it changes nothing (mail scanners open links); a POST (a mail server's RFC 8058 one-click, or
 * the confirm page's button) adds `unsubscribe:<list>` to the address's suppression entry, and for reminders also
 * turns the client's reminders off (on the client and their programs, where the sweep reads them), with an audit
 * event, in one transaction: a second POST finds the reason there and changes nothing. The link stays usable (a mail
 * server may POST again), until it expires.
 */
export interface UnsubscribeContext {
  scope: TenantScope;
  tenant: Tenant;
  link: LinkRecord & { list: MailingList; addressHash: string };
  hash: string;
}

const dead = (problem: LinkProblem | 'superseded', scope?: TenantScope, tenant?: Tenant) =>
  // The firm is shown only when the link was found in it: a forged or retargeted token names no firm.
  new LinkNotUsableError(problem, 'unsubscribe', tenant && scope ? scope : undefined, tenant && scope ? tenant : undefined);

/** Reads and checks an unsubscribe link with its firm: one BatchGet. */
export async function unsubscribeLinkContext(token: string, now: Date): Promise<UnsubscribeContext> {
  const parsed = parseLinkToken(token);
  if (!parsed) throw dead('malformed');
  const { scope, hash } = parsed;
  const linkKey = keys.link(scope, hash);
  const items = await getItems([linkKey, keys.tenant(scope)]);
  const checked = judgeLink(scope, hash, items.find((i) => i.SK === linkKey.SK), 'unsubscribe', now);
  const tenant = withoutKeys<Tenant>(items.find((i) => i.type === 'Tenant'));
  if (!checked.ok) throw dead(checked.problem, checked.scope, tenant);
  const { link } = checked;
  if (!tenant || !link.list || !(link.list in MAILING_LISTS) || !link.addressHash) throw dead('revoked');
  return { scope, tenant, hash, link: link as UnsubscribeContext['link'] };
}

/** The link is still good as the transaction commits (not revoked or reissued meanwhile, not expired). */
const linkStillGood = (scope: TenantScope, hash: string, now: Date): TransactItem => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: keys.link(scope, hash),
    ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(revokedAt) AND validUntil > :epoch',
    ExpressionAttributeValues: { ':epoch': Math.floor(now.getTime() / 1000) },
  },
});

/** Programs whose copy of the client's preferences one transaction updates (a client has a handful). */
const PROGRAMS_PER_CLIENT = 90;

/** A staff user's daily digest turned off, their entry out of the due index (the sweep stops building it). */
async function coachDigestOffItems(ctx: UnsubscribeContext, now: Date): Promise<TransactItem[]> {
  const found = await db().send(new GetCommand({ TableName: tableName(), Key: keys.staff(ctx.scope, ctx.link.subjectId), ConsistentRead: true }));
  const staff = withoutKeys<StaffUser>(found.Item);
  if (!staff) return [];
  return [
    {
      Update: {
        TableName: tableName(),
        Key: keys.staff(ctx.scope, staff.userId),
        UpdateExpression: 'SET #digest = :digest, updatedAt = :now REMOVE digestAt, GSI2PK, GSI2SK',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#digest': 'digest' },
        ExpressionAttributeValues: { ':digest': { ...staff.digest, enabled: false }, ':now': now.toISOString() },
      },
    },
  ];
}

/**
 * What else an unsubscribe from `list` changes, where the recipient sees it: for reminders, the client's own
 * preference; for the coach's digest, the staff user's digest setting.
 */
async function listItems(ctx: UnsubscribeContext, now: Date): Promise<TransactItem[]> {
  if (ctx.link.list === 'coach-digest') return coachDigestOffItems(ctx, now);
  if (ctx.link.list === 'sponsor-report') {
    // The coach sees on the sponsor why reports no longer reach them (a sponsor gone meanwhile: nothing to mark).
    const found = await db().send(new GetCommand({ TableName: tableName(), Key: keys.sponsor(ctx.scope, ctx.link.subjectId), ProjectionExpression: 'PK', ConsistentRead: true }));
    if (!found.Item) return [];
    return [
      {
        Update: {
          TableName: tableName(),
          Key: keys.sponsor(ctx.scope, ctx.link.subjectId),
          UpdateExpression: 'SET emailSuppressed = :why',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':why': { reason: 'unsubscribed', since: now.toISOString() } },
        },
      },
    ];
  }
  if (ctx.link.list !== 'reminders') return [];
  const clientId = ctx.link.subjectId;
  const [found, programs] = await Promise.all([
    db().send(new GetCommand({ TableName: tableName(), Key: keys.client(ctx.scope, clientId), ConsistentRead: true })),
    programsOfClient(ctx.scope, clientId),
  ]);
  const client = withoutKeys<Client>(found.Item);
  if (!client) return [];
  const preferences = { ...client.emailPreferences, reminders: 'off' as const };
  return [
    clientPreferencesItem(ctx.scope, clientId, preferences, now),
    ...programs.slice(0, PROGRAMS_PER_CLIENT).map((p) => programClientPreferencesItem(ctx.scope, p.programId, preferences)),
  ];
}

/** Unsubscribes the link's recipient from its list; `false` when they were already (nothing changed). */
export async function unsubscribe(ctx: UnsubscribeContext, now: Date): Promise<boolean> {
  const { scope, link } = ctx;
  const reason = unsubscribeReason(link.list);
  const kind = MAILING_LISTS[link.list];
  try {
    await transact([
      suppressItem(scope, link.addressHash, reason, now, { onlyNew: true }),
      linkStillGood(scope, ctx.hash, now),
      auditItem(scope, { actor: { kind: kind === 'staff' ? 'staff' : kind, id: link.subjectId }, action: 'email.unsubscribed', resource: `${kind}/${link.subjectId}`, details: { list: link.list } }, now),
      ...(await listItems(ctx, now)),
    ]);
    return true;
  } catch (error) {
    if (error instanceof ConditionFailed && error.failed.includes(0)) return false;
    if (error instanceof ConditionFailed && error.failed.includes(1)) throw dead('revoked', scope, ctx.tenant);
    throw error;
  }
}
