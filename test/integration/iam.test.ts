/**
 * Local IAM: the gateway runs each invocation under its route's grants (infra/local/iam.ts, the same capability data
 * CDK deploys), so every other integration test proves that each route's real calls are granted. This file proves
 * the check itself refuses what is not granted, as AWS would, and holds the audit trail append-only.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context, ScheduledEvent } from 'aws-lambda';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../infra/local/gateway.js';
import { loadHandler } from '../../infra/local/handlers.js';
import { startLocalQueues, type LocalQueues } from '../../infra/local/queue.js';
import { withGrants } from '../../infra/local/iam.js';
import { scheduledEvent } from '../../infra/local/scheduler.js';
import { routes, type Capability, type RouteDef } from '../../shared/contracts/routes.js';
import { queues } from '../../shared/contracts/queues.js';
import { schedules } from '../../shared/contracts/schedules.js';
import { db, tableName } from '../../shared/db/client.js';
import { keys, platformKeys, tenantScope } from '../../shared/db/keys.js';
import { queueEmailItem } from '../../shared/email/outbox.js';
import type { EmailMessage } from '../../shared/email/message.js';
import { newId } from '../../shared/ids.js';
import { signupBody, unique } from '../support/factories.js';
import { emailsTo } from '../support/inbox.js';

type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const route = (id: string): RouteDef => routes.find((r) => r.id === id)!;

/** A sign-up request as the gateway hands it to the function. */
function signUpEvent(body: unknown): APIGatewayProxyEventV2 {
  const now = new Date();
  return {
    version: '2.0',
    routeKey: 'POST /v1/tenants',
    rawPath: '/v1/tenants',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'local',
      http: { method: 'POST', path: '/v1/tenants', protocol: 'HTTP/1.1', sourceIp: `127.0.9.${Math.floor(Math.random() * 250) + 1}`, userAgent: 'iam-test' },
      requestId: `iam-${unique()}`,
      routeKey: 'POST /v1/tenants',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

/** Signs a firm up through the real handler, under the grants of `needs` instead of the route's own. */
async function signUpWith(needs: readonly Capability[], body = signupBody()) {
  const entry = { ...route('createTenant'), needs };
  const handler = (await loadHandler(entry.handler)) as HttpHandler;
  return withGrants({ name: entry.id, needs: entry.needs }, () => handler(signUpEvent(body), lambdaContext(`waymark-${entry.id}`, 10_000)));
}

const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: Error) => error);

describe('local IAM in the gateway', () => {
  it('refuses a call outside the grants: a route entry with needs [] cannot even start a sign-up', async () => {
    const body = signupBody();
    const error = await refusal(signUpWith([], body));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^createTenant made AWS calls its grants do not allow \((dynamodb|cognito-idp):\w+/);
    // Refused before it was sent: nothing was written.
    const claim = await db().send(new GetCommand({ TableName: tableName(), Key: platformKeys.slug(body.slug) }));
    expect(claim.Item).toBeUndefined();
  });

  it('throws what AWS throws (AccessDeniedException) from the refused call itself', async () => {
    const scope = tenantScope(newId());
    const error = await refusal(withGrants({ name: 'probe', needs: [] }, () => db().send(new GetCommand({ TableName: tableName(), Key: keys.tenant(scope) }))));
    expect(error).toMatchObject({ name: 'AccessDeniedException', $fault: 'client' });
    expect((error as Error).message).toContain('is not authorized to perform: dynamodb:GetItem because no identity-based policy allows');
  });

  it('fails the invocation even when the code swallows the refusal (an email send that would only be queued)', async () => {
    const body = signupBody();
    const needs = route('createTenant').needs.filter((c) => c !== 'email:send');
    const error = await refusal(signUpWith(needs, body));
    expect((error as Error).message).toMatch(/\(ses:SendRawEmail\)/);
    expect(await emailsTo(body.ownerEmail)).toEqual([]);
  });

  it('allows the calls of the route entry as it stands, and reports each of them', async () => {
    const run = await signUpWith(route('createTenant').needs);
    expect(run.result.statusCode).toBeLessThan(300);
    const actions = run.calls.flatMap((call) => call.actions.map((a) => a.action));
    expect(actions).toContain('cognito-idp:AdminCreateUser');
    expect(actions).toContain('dynamodb:PutItem');
    expect(actions).toContain('ses:SendRawEmail');
    // A transaction is reported as the single-item actions IAM authorizes, with the partitions they touch.
    const transaction = run.calls.find((call) => call.command === 'TransactWriteItems')!;
    expect(transaction.actions.length).toBeGreaterThan(1);
    expect(transaction.actions.flatMap((a) => a.partitions ?? []).some((pk) => /^T#[0-9A-Z]{26}#AUDIT$/.test(pk))).toBe(true);
  });

  it('tells a Query on the table from one on an index', async () => {
    const scope = tenantScope(newId());
    const onIndex = () =>
      db().send(
        new QueryCommand({ TableName: tableName(), IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': keys.outboxPartition(scope) } }),
      );
    expect(await refusal(withGrants({ name: 'probe', needs: ['table:query'] }, onIndex))).toMatchObject({ name: 'AccessDeniedException' });
    await expect(withGrants({ name: 'probe', needs: ['table:query-index'] }, onIndex)).resolves.toBeDefined();
  });
});

describe('the audit trail is append-only', () => {
  const writer: readonly Capability[] = ['table:put', 'table:update', 'table:delete'];

  async function auditEvent() {
    const scope = tenantScope(newId());
    const at = new Date().toISOString();
    const key = keys.audit(scope, at, newId());
    // Appending is allowed, for a role that can write.
    await withGrants({ name: 'probe', needs: writer }, () =>
      db().send(new PutCommand({ TableName: tableName(), Item: { ...key, action: 'probe.created' }, ConditionExpression: 'attribute_not_exists(PK)' })),
    );
    return { scope, key };
  }

  it('no role may UpdateItem or DeleteItem an audit item, even one granted both (explicit deny)', async () => {
    const { key } = await auditEvent();
    const update = () => db().send(new UpdateCommand({ TableName: tableName(), Key: key, UpdateExpression: 'SET #a = :a', ExpressionAttributeNames: { '#a': 'action' }, ExpressionAttributeValues: { ':a': 'rewritten' } }));
    const error = await refusal(withGrants({ name: 'probe', needs: writer }, update));
    expect(error).toMatchObject({ name: 'AccessDeniedException' });
    expect((error as Error).message).toContain('dynamodb:UpdateItem with an explicit deny');
    const stored = await db().send(new GetCommand({ TableName: tableName(), Key: key }));
    expect(stored.Item).toMatchObject({ action: 'probe.created' });
  });

  it('nor inside a transaction: IAM checks each item, and so does the local check', async () => {
    const { scope, key } = await auditEvent();
    const transaction = () =>
      db().send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName(), Item: { ...keys.tenant(scope), name: 'innocent' } } },
            { Delete: { TableName: tableName(), Key: key } },
          ],
        }),
      );
    const error = await refusal(withGrants({ name: 'probe', needs: writer }, transaction));
    expect((error as Error).message).toContain('dynamodb:DeleteItem with an explicit deny');
    expect((await db().send(new GetCommand({ TableName: tableName(), Key: key }))).Item).toBeDefined();
    expect((await db().send(new GetCommand({ TableName: tableName(), Key: keys.tenant(scope) }))).Item).toBeUndefined();
  });
});

describe('schedules and queues', () => {
  // The local queues of this file (the gateway's helper starts them; this file calls handlers directly).
  let localQueues: LocalQueues;
  beforeAll(async () => {
    localQueues = await startLocalQueues();
    Object.assign(process.env, localQueues.env);
  });
  afterAll(() => localQueues.close());

  it('the tick fans out under its schedule grants, and the tenant-sweep worker delivers under exactly its queue grants', async () => {
    const schedule = schedules.find((s) => s.name === 'tenant-tick')!;
    const worker = queues.find((q) => q.name === 'tenant-sweep')!;
    const scope = tenantScope(newId());
    const to = `iam-${unique()}@firm.example`;
    const message: EmailMessage = { idempotencyKey: `test#${to}`, kind: 'test', to, subject: 'Queued', text: 'Hello', html: '<p>Hello</p>', fromName: 'Waymark' };
    const queuedAt = new Date(Date.now() - 60 * 60_000);
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: { ...platformKeys.tenantRegistry(scope.tenantId), tenantId: scope.tenantId } } },
          queueEmailItem(scope, message, queuedAt, false),
        ],
      }),
    );
    const tick = (await loadHandler(schedule.handler)) as (event: ScheduledEvent, context: Context) => Promise<unknown>;
    const dispatched = await withGrants({ name: schedule.name, needs: schedule.needs }, () => tick(scheduledEvent(schedule, new Date()), lambdaContext(`waymark-${schedule.name}`, 300_000)));
    expect(new Set(dispatched.calls.flatMap((call) => call.actions.map((a) => a.action)))).toEqual(new Set(['dynamodb:Query', 'sqs:SendMessage']));
    // The worker runs under the queue entry's grants in the local queue (infra/local/queue.ts); a refused call fails it.
    const drained = await localQueues.drain();
    expect(drained.failed).toBe(0);
    expect(await emailsTo(to)).toHaveLength(1);
    expect(worker.needs).toContain('email:send');
  });
});
