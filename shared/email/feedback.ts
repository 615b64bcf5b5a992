import * as z from 'zod/mini';
import { auditItem } from '../db/audit.js';
import { tableName } from '../db/client.js';
import { keys, tenantScope, type TenantScope } from '../db/keys.js';
import { ConditionFailed, transact, type TransactItem } from '../db/transact.js';
import { lazySchema } from '../domain/validation.js';
import { ULID_PATTERN } from '../ids.js';
import type { Logger } from '../log.js';
import { addressHash, suppressItem } from './suppression.js';

/**
 * Bounces and complaints, as SES publishes them to EventBridge through the configuration set every email is sent
 * with. The message's tags (set by the outbox) name the firm, the kind of email and, for a scheduled email, its
 * recipient. A permanent bounce or a complaint puts each address it names on that firm's suppression list (nothing
 * more goes there); a transient bounce changes nothing (SES has retried already, and the next email may arrive). A
 * client's own item gets a copy of why (`emailSuppressed`), so the coach sees it with the client at no extra read.
 */
const address = () => z.object({ emailAddress: z.string().check(z.maxLength(320)) });

export const sesEventSchema = /* @__PURE__ */ lazySchema(() =>
  // Not strict: AWS adds fields to its events; only what is read here is held to a shape.
  z.object({
    detail: z.object({
      eventType: z.enum(['Bounce', 'Complaint']),
      mail: z.object({ messageId: z.optional(z.string()), tags: z.optional(z.record(z.string(), z.array(z.string()))) }),
      bounce: z.optional(z.object({ bounceType: z.string(), bouncedRecipients: z.array(address()).check(z.maxLength(100)) })),
      complaint: z.optional(z.object({ complainedRecipients: z.array(address()).check(z.maxLength(100)) })),
    }),
  }));

export type SesEvent = z.output<typeof sesEventSchema>;

export interface FeedbackRun {
  suppressed: number;
  /** Why nothing was suppressed: a transient bounce, or an email that names no firm (not one of ours). */
  ignored?: 'transient' | 'no-tenant';
}

/** The client's or sponsor's copy of why their address is suppressed; one gone meanwhile fails only this item. */
const recipientSuppressedItem = (scope: TenantScope, recipient: { kind: 'client' | 'sponsor'; id: string }, reason: string, now: Date): TransactItem => ({
  Update: {
    TableName: tableName(),
    Key: recipient.kind === 'client' ? keys.client(scope, recipient.id) : keys.sponsor(scope, recipient.id),
    UpdateExpression: 'SET emailSuppressed = :why',
    ConditionExpression: 'attribute_exists(PK)',
    ExpressionAttributeValues: { ':why': { reason, since: now.toISOString() } },
  },
});

export async function recordSesFeedback(event: SesEvent, now: Date, log: Logger): Promise<FeedbackRun> {
  const { detail } = event;
  const tag = (name: string) => detail.mail.tags?.[name]?.[0];
  const tenantId = tag('tenant');
  if (!tenantId || !ULID_PATTERN.test(tenantId)) return { suppressed: 0, ignored: 'no-tenant' };
  const scope = tenantScope(tenantId);
  const reason = detail.eventType === 'Complaint' ? 'complaint' : detail.bounce?.bounceType === 'Permanent' ? 'bounce' : undefined;
  if (!reason) return { suppressed: 0, ignored: 'transient' };
  const recipients = (reason === 'complaint' ? detail.complaint?.complainedRecipients : detail.bounce?.bouncedRecipients) ?? [];
  const [recipientKind, recipientId] = (tag('recipient') ?? '').split('.');
  const recipient = (recipientKind === 'client' || recipientKind === 'sponsor') && recipientId && ULID_PATTERN.test(recipientId) ? { kind: recipientKind as 'client' | 'sponsor', id: recipientId } : undefined;
  const client = recipient?.kind === 'client' ? recipient.id : undefined;
  for (const { emailAddress } of recipients) {
    const hash = addressHash(emailAddress);
    const audit = auditItem(scope, { actor: { kind: 'system', id: 'ses' }, action: `email.${reason}`, resource: `suppression/${hash}`, details: { kind: tag('kind'), ...(client ? { clientId: client } : {}), ...(recipient?.kind === 'sponsor' ? { sponsorId: recipient.id } : {}) } }, now);
    const items = [suppressItem(scope, hash, reason, now), audit, ...(recipient ? [recipientSuppressedItem(scope, recipient, reason, now)] : [])];
    try {
      await transact(items);
    } catch (error) {
      if (!(error instanceof ConditionFailed && error.failed.includes(2))) throw error;
      await transact(items.slice(0, 2)); // the client or sponsor is gone: the address stays suppressed all the same
    }
  }
  log.info('email feedback recorded', { tenantId, reason, kind: tag('kind'), recipients: recipients.length });
  return { suppressed: recipients.length };
}
