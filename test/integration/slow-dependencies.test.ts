/**
 * A stalled dependency: SES accepts connections and never answers. Every AWS client has connection and request
 * timeouts (shared/aws.ts), so a sign-up whose change committed still answers success, with the welcome email left
 * in the outbox for the schedule, instead of hanging until the gateway gives up and answering 500.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { db, tableName } from '../../shared/db/client.js';
import { keys, platformKeys, tenantScope } from '../../shared/db/keys.js';
import { pendingEmailKeys } from '../../shared/email/outbox.js';
import { useApi } from '../support/api.js';
import { signupBody } from '../support/factories.js';

// Before anything in this file (its own process) creates the SES client, which reads its endpoint once.
const sockets = new Set<net.Socket>();
const stalled = net.createServer((socket) => {
  sockets.add(socket);
  socket.on('error', () => undefined);
  socket.on('close', () => sockets.delete(socket));
});
let connections = 0;
stalled.on('connection', () => (connections += 1));
await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
process.env.AWS_ENDPOINT_URL_SES = `http://127.0.0.1:${(stalled.address() as net.AddressInfo).port}`;

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => stalled.close(resolve));
});

const api = useApi();

describe('a stalled dependency', () => {
  it('a sign-up with SES stalled still succeeds, and its welcome email waits in the outbox', { timeout: 15_000 }, async () => {
    const body = signupBody();
    const res = await api.request<{ welcomeEmail?: string }>('POST', '/v1/tenants', { json: body });
    // Committed is success (the reply may be 201 with the firm or a generic 202), never a 5xx.
    expect([201, 202]).toContain(res.status);
    if (res.body.welcomeEmail !== undefined) expect(res.body.welcomeEmail).toBe('queued');
    expect(connections).toBeGreaterThan(0); // SES was really tried, and really stalled

    const claim = await db().send(new GetCommand({ TableName: tableName(), Key: platformKeys.slug(body.slug) }));
    const scope = tenantScope(String(claim.Item?.tenantId));
    const pending = await pendingEmailKeys(scope);
    expect(pending).toHaveLength(1);
    const email = await db().send(new GetCommand({ TableName: tableName(), Key: keys.email(scope, pending[0]!) }));
    expect(email.Item).toMatchObject({ status: 'queued', to: body.ownerEmail });
  });
});
