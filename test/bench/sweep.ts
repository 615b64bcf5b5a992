/**
 * `npm run bench:sweep`: one scheduler tick over a platform of 1,000 firms with 10,000 clients, on its own emulators
 * (DynamoDB Local, local SES and the in-process queue, in memory). Each client has a program with a few sessions and
 * actions; a share of them has a reminder due at the tick. Reports what the tick cost: DynamoDB calls and items read
 * (the table's answers counted as the SDK receives them), items read per reminder due, SQS messages and wall time.
 *
 *   npm run bench:sweep                      1,000 firms, 10 clients each
 *   npm run bench:sweep -- --firms 100       fewer firms, same shape
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { parseArgs } from 'node:util';
import { freePort } from '../../infra/local/processes.js';
import { startLocalQueues } from '../../infra/local/queue.js';
import { runSchedule } from '../../infra/local/scheduler.js';
import { startEmulators } from '../../infra/local/stack.js';
import { schedules } from '../../shared/contracts/schedules.js';
import { actionItem, clientItem, newProgramItem, sessionItem } from '../../shared/db/coaching.js';
import { db, dynamoCallCount, tableName } from '../../shared/db/client.js';
import { keys, platformKeys, tenantScope } from '../../shared/db/keys.js';
import type { TransactItem } from '../../shared/db/transact.js';
import type { Action, Client, Program, Session } from '../../shared/domain/coaching.js';
import { emptyCounters } from '../../shared/domain/program.js';
import { digestRecipient } from '../../shared/domain/reminders.js';
import { newTenant } from '../../shared/domain/tenant.js';
import { newId } from '../../shared/ids.js';

const { values: args } = parseArgs({ options: { firms: { type: 'string', default: '1000' }, clients: { type: 'string', default: '10' } } });
const FIRMS = Number(args.firms);
const CLIENTS = Number(args.clients);
/** The tick: 08:00 in Zurich, when the digests of clients there are due. */
const TICK = new Date('2026-12-01T07:00:00Z');
/** One client in this many has something due at the tick. */
const DUE_EVERY = 5;

const itemOf = (t: TransactItem): Record<string, unknown> => t.Put!.Item as Record<string, unknown>;

async function writeAll(items: Record<string, unknown>[]): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        let requests = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
        while (requests.length) {
          const result = await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: requests } }));
          requests = (result.UnprocessedItems?.[tableName()] ?? []) as typeof requests;
        }
      }
    }),
  );
}

function firmItems(f: number): { items: Record<string, unknown>[]; due: number } {
  const tenantId = newId(Date.UTC(2026, 0, 1) + f);
  const scope = tenantScope(tenantId);
  const { tenant } = newTenant({ name: `Firm ${f}`, slug: `firm-${f}`, ownerEmail: `owner-${f}@firm.example`, ownerName: 'Owner', timeZone: 'Europe/Zurich', locale: 'en' }, { tenantId, ownerUserId: `00000000-0000-4000-8000-${String(f).padStart(12, '0')}` }, TICK);
  const items: Record<string, unknown>[] = [{ ...keys.tenant(scope), type: 'Tenant', ...tenant }, { ...platformKeys.tenantRegistry(tenantId), type: 'TenantRegistration', tenantId, firm: tenant }];
  let due = 0;
  const at = '2026-11-01T09:00:00.000Z';
  for (let c = 0; c < CLIENTS; c += 1) {
    const clientId = newId(Date.UTC(2026, 0, 2) + f * 100 + c);
    const programId = newId(Date.UTC(2026, 0, 3) + f * 100 + c);
    const coachId = `00000000-0000-4000-8000-${String(f).padStart(12, '0')}`;
    const client: Client = { clientId, name: `Client ${c}`, email: `client-${f}-${c}@client.example`, timeZone: 'Europe/Zurich', locale: 'en', coachId, emailPreferences: { reminders: 'daily', hour: 8 }, status: 'active', createdAt: at, updatedAt: at, version: 1 };
    const program: Program = {
      programId, clientId, coachId, client: { name: client.name, email: client.email, locale: 'en', timeZone: 'Europe/Zurich', status: 'active', emailPreferences: client.emailPreferences },
      sponsorIds: [], title: 'Leading the team', goals: [], competencies: [], startDate: '2026-11-01', sessionsPlanned: 8, status: 'active',
      reportCadence: 'monthly', sharingLevel: 'metrics', clientLinkGeneration: 0, ...emptyCounters(), sessionsHeld: 2, actionsOpen: 4, actionsTotal: 4, createdAt: at, updatedAt: at, version: 1,
    };
    items.push(itemOf(clientItem(scope, client)), itemOf(newProgramItem(scope, program)));
    for (let s = 0; s < 2; s += 1) {
      const session: Session = { sessionId: newId(Date.UTC(2026, 10, 1) + f * 100 + c * 2 + s), programId, number: s + 1, heldAt: at, sharedSummary: 'Summary', privateNotes: '', archived: false, createdBy: coachId, createdAt: at, updatedAt: at, version: 1 };
      items.push(itemOf(sessionItem(scope, session, digestRecipient(program))));
    }
    const isDue = c % DUE_EVERY === 0;
    for (let a = 0; a < 4; a += 1) {
      // Every open action has its next reminder somewhere; for one client in DUE_EVERY, one is due at the tick.
      const remindAt = isDue && a === 0 ? TICK.toISOString() : `2026-12-${String(5 + a).padStart(2, '0')}T07:00:00.000Z`;
      const action: Action = { actionId: newId(Date.UTC(2026, 10, 2) + f * 1000 + c * 4 + a), programId, title: `Small step ${a}`, dueDate: '2026-12-02', status: 'open', createdBy: { kind: 'client' }, archived: false, createdAt: at, updatedAt: at, remindersSent: 0, remindAt, version: 1 };
      items.push(itemOf(actionItem(scope, action, digestRecipient(program))));
    }
    if (isDue) due += 1;
  }
  return { items, due };
}

async function main(): Promise<void> {
  const started = Date.now();
  const ports = { dynamodb: await freePort(), ses: await freePort(), cognito: await freePort() };
  const emulators = await startEmulators({ ports, inMemory: true, appUrl: 'https://app.waymark.test' });
  Object.assign(process.env, emulators.env, { WAYMARK_RATE_LIMITS: '' });
  const queues = await startLocalQueues();
  Object.assign(process.env, queues.env);
  try {
    let due = 0;
    let written = 0;
    for (let f = 0; f < FIRMS; f += 50) {
      const chunk = Array.from({ length: Math.min(50, FIRMS - f) }, (_, i) => firmItems(f + i));
      due += chunk.reduce((n, c) => n + c.due, 0);
      const items = chunk.flatMap((c) => c.items);
      written += items.length;
      await writeAll(items);
    }
    console.log(`seeded ${FIRMS} firms, ${FIRMS * CLIENTS} clients, ${written} items in ${((Date.now() - started) / 1000).toFixed(0)} s; ${due} reminders due at ${TICK.toISOString()}`);

    // Count what the tick reads: every item DynamoDB returns to the SDK.
    let itemsRead = 0;
    db().middlewareStack.add(
      (next) => async (input) => {
        const result = await next(input);
        const out = (result as { output?: { Items?: unknown[]; Item?: unknown; Responses?: Record<string, unknown[]> } }).output;
        itemsRead += (out?.Items?.length ?? 0) + (out?.Item ? 1 : 0) + Object.values(out?.Responses ?? {}).reduce((n, r) => n + r.length, 0);
        return result;
      },
      { step: 'initialize', name: 'benchItemsRead' },
    );
    const tick = schedules.find((s) => s.name === 'tenant-tick')!;
    const calls = dynamoCallCount();
    const t0 = Date.now();
    const run = await runSchedule(tick, TICK);
    const seconds = (Date.now() - t0) / 1000;
    if (!run.ok) throw new Error(`the tick failed: ${run.error}`);
    const report = run.queues!;
    console.log(
      [
        `tick: ${seconds.toFixed(1)} s wall, ${dynamoCallCount() - calls} DynamoDB calls, ${itemsRead} items read, ${report.received} SQS messages (${report.failed} failed, ${report.movedToDeadLetters} to dead letters)`,
        `items_read_per_due=${(itemsRead / Math.max(1, due)).toFixed(2)}`,
      ].join('\n'),
    );
  } finally {
    await queues.close();
    await emulators.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
