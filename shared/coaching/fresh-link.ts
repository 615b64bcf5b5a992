import { getItems } from '../db/coaching.js';
import { keys } from '../db/keys.js';
import { ConditionFailed, transact, withoutKeys } from '../db/transact.js';
import type { Program } from '../domain/coaching.js';
import type { Tenant } from '../domain/tenant.js';
import { queueEmailItem, sendNow } from '../email/outbox.js';
import { freshLinkEmail } from '../email/templates/client.js';
import { newId } from '../ids.js';
import { parseLinkToken, type LinkRecord } from '../links/tokens.js';
import { rateRules } from '../limits/policy.js';
import { consumeRates, rateLimitFailure, rateLimitItems, rateSubject } from '../limits/rate.js';
import type { Logger } from '../log.js';
import { programRuns } from '../domain/program.js';
import { checkLinkGenerationItem, CLIENT_LINK_DAYS, clientLinkCharges, clientLinkFor } from './programs.js';

/**
 * A fresh link for the holder of a link that no longer works (expired, or from before a revocation), emailed to the
 * client's address on file. The answer is the same whatever the token: nothing tells whether it named anyone. A link
 * is sent only while the program is active or paused; the per-client daily limit skips silently.
 */
export async function sendFreshClientLink(token: string, sourceIp: string, deps: { now: Date; appUrl: string; log: Logger }): Promise<void> {
  await consumeRates([{ rule: rateRules.freshClientLinkPerSource, subject: rateSubject.source(sourceIp) }], deps.now);
  const parsed = parseLinkToken(token);
  if (!parsed) return;
  const { scope, hash } = parsed;
  const items = await getItems([keys.link(scope, hash), keys.tenant(scope)]);
  const link = items.find((i) => i.type === 'Link') as unknown as LinkRecord | undefined;
  const tenant = withoutKeys<Tenant>(items.find((i) => i.type === 'Tenant'));
  if (!link || link.purpose !== 'client' || !tenant || tenant.status !== 'active') return;
  const [programItem] = await getItems([keys.program(scope, link.subjectId)]);
  const program = withoutKeys<Program>(programItem);
  if (!program || program.clientId !== link.clientId || !programRuns(program)) return;
  const fresh = clientLinkFor(scope, program, deps.now);
  const email = freshLinkEmail(tenant, program.client, { programId: program.programId, clientId: program.clientId, key: `client-link#${program.programId}#${newId(deps.now.getTime())}`, days: CLIENT_LINK_DAYS }, fresh, deps.appUrl);
  const change = [checkLinkGenerationItem(scope, program), fresh.item, queueEmailItem(scope, email, deps.now)];
  const charges = clientLinkCharges(scope, program.client.email);
  try {
    await transact([...change, ...rateLimitItems(charges, deps.now)]);
  } catch (error) {
    if (error instanceof ConditionFailed) {
      deps.log.info('fresh client link not sent', { reason: rateLimitFailure(error, charges, change.length, deps.now) ? 'daily limit' : 'program changed' });
      return;
    }
    throw error;
  }
  await sendNow(scope, email, deps.now, deps.log, fresh.token);
}
