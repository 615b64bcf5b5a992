import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, dynamoCallCount, tableName } from '../../shared/db/client.js';
import { keys, tenantScope } from '../../shared/db/keys.js';
import { newId } from '../../shared/ids.js';
import { useApi, type ApiResponse } from './api.js';
import { unique } from './factories.js';
import { createFirm, type FirmFixture } from './firms.js';
import { expectCoversAreas, matrixFiles, routesOf, type MatrixFile, type RouteIdOf } from './matrices.js';

/**
 * DynamoDB round trips per request, route by route, shared by the area files (test/integration/call-budget/*.test.ts):
 * what each request's data needs, and no more. Every staff request pays one BatchGet for "firm + caller"; the rest is
 * the route's own work. Handlers run in this process, so the SDK middleware counter sees every call. A new route
 * fails until its area's file has a budget for it.
 */
export const api = useApi();
/** A firm with years of history (seedHistory), made anew for each file. */
export let firm: FirmFixture;

export type Case = { calls: number; status: number; run: () => Promise<ApiResponse<Record<string, any>>> };

/** A pending invitation of the firm, and the address it went to. */
export const invite = async () => {
  const email = `budget-${unique()}@firm.example`;
  const res = await firm.as('owner', 'POST', '/v1/invitations', { email, name: 'Budget', role: 'coach' });
  return { id: res.body.invitation.invitationId as string, email };
};

/** A page request as a browser sends it (a form post, or a GET); the body is HTML, so only the status matters here. */
export async function form(method: string, path: string, fields?: Record<string, string>): Promise<ApiResponse<Record<string, any>>> {
  const response = await fetch(`${api.url()}${path}`, {
    method,
    ...(fields ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() } : {}),
  });
  await response.text();
  return { status: response.status, headers: response.headers, body: {} };
}

/**
 * Years of history in the firm's partitions (closed invitations, audit events, former staff, sent emails), written
 * straight to the table: no request may read through it, so every budget must hold on top of it.
 */
async function seedHistory(tenantId: string, each: number) {
  const scope = tenantScope(tenantId);
  const old = (i: number) => new Date(Date.UTC(2022, 0, 1) + i * 3_600_000).toISOString();
  // Whole items, as the product writes them: lists answer them, and every answer must match its declared schema.
  const items = Array.from({ length: each }, (_, i) => {
    const invitationId = newId(Date.UTC(2022, 0, 1) + i * 1000);
    const userId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const at = old(i);
    return [
      {
        ...keys.invitation(scope, invitationId),
        type: 'Invitation',
        invitationId,
        name: `Old ${i}`,
        email: `old-${i}@firm.example`,
        role: 'coach',
        status: 'accepted',
        invitedBy: 'x',
        createdAt: at,
        closedAt: at,
        validUntil: 1_641_600_000,
        sends: 1,
        linkGeneration: 0,
      },
      { ...keys.audit(scope, at, newId()), type: 'AuditEvent', tenantId, at, action: 'staff.updated', actor: { kind: 'staff', id: 'x' }, resource: 'staff/x' },
      { ...keys.staff(scope, userId), type: 'Staff', tenantId, userId, status: 'deactivated', role: 'coach', email: `former-${i}@firm.example`, name: `Former ${i}`, createdAt: at },
      { ...keys.email(scope, `old#${i}`), type: 'Email', status: 'sent', kind: 'invitation', to: `old-${i}@firm.example` },
    ];
  }).flat();
  for (let i = 0; i < items.length; i += 25) {
    await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
}

/**
 * Registers one area file's budgets: each route's request, with the DynamoDB calls it may make and its status.
 * `firm: false` for files whose routes read no firm's data (no firm, no history to make).
 */
export function callBudget<F extends MatrixFile>(file: F, budget: Record<RouteIdOf<F>, () => Promise<Case>>, opts: { firm?: boolean } = {}): void {
  beforeAll(async () => {
    if (opts.firm === false) return;
    firm = await createFirm(api);
    await seedHistory(firm.tenantId, 1500);
  }, 180_000);

  describe(`DynamoDB calls per request: ${file} (${matrixFiles[file].join(', ')})`, () => {
    it('has a budget for every route of its areas, and only those', () => expectCoversAreas(file, budget));

    it.each(routesOf(file).map((r) => [r.id, r] as const))('%s stays within its budget', async (id) => {
      const c = await budget[id as RouteIdOf<F>]();
      const before = dynamoCallCount();
      const res = await c.run();
      const calls = dynamoCallCount() - before;
      expect(res.status, JSON.stringify(res.body)).toBe(c.status);
      expect(calls).toBe(c.calls);
    });
  });
}
