import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditItem } from '../../shared/db/audit.js';
import { db, tableName } from '../../shared/db/client.js';
import { keys, platformKeys, tenantScope, type Key } from '../../shared/db/keys.js';
import { ConditionFailed, transact } from '../../shared/db/transact.js';
import { TooManyRequestsError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { RATE_LIMITS_ENV, rateRules, type RateRule } from '../../shared/limits/policy.js';
import { invitationCharges, rateLimitFailure, rateLimitItems, rateSubject, rateWindow, type RateSubject } from '../../shared/limits/rate.js';
import { RESET_REPLY_FLOOR_MS } from '../../shared/limits/timing.js';
import { useApi, type ApiResponse } from '../support/api.js';
import { signupBody, unique } from '../support/factories.js';
import { createFirm, signUp } from '../support/firms.js';
import { emailsTo } from '../support/inbox.js';

/**
 * Rate limits through the API (#9) and the reset request's answer time (#13). The local gateway takes the source
 * address from the socket, so every test file's requests come from 127.0.0.1 and the suite lifts the per-source
 * limits (test/support/integration-env.ts). A per-source test here therefore reads how far this window's counter
 * has got and sets the limit a few above it: deterministic whatever other files did before.
 */
const api = useApi();
const LOOPBACK = '127.0.0.1';
const configured = process.env[RATE_LIMITS_ENV];
let account: { email: string; password: string };

afterEach(() => {
  if (configured === undefined) delete process.env[RATE_LIMITS_ENV];
  else process.env[RATE_LIMITS_ENV] = configured;
});

beforeAll(async () => {
  const body = signupBody();
  const { token } = await signUp(api, body);
  const password = `Rate-${unique()}-Aa1`;
  const set = await api.request('POST', '/v1/auth/password', { json: { token, password } });
  expect(set.status).toBe(200);
  account = { email: body.ownerEmail, password };
});

/** A sequence of requests must fall into one window: if this one ends within `margin` seconds, wait for the next. */
async function oneWindowFor(rule: RateRule, marginSeconds = 10): Promise<void> {
  const left = rateWindow(rule, new Date()).retryAfterSeconds;
  if (left <= marginSeconds) await sleep(left * 1000 + 50);
}

async function counter(key: Key): Promise<Record<string, unknown> | undefined> {
  return (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;
}

/** Sets a platform rule's limit to `more` above what its counter for `subject` holds in this window. */
async function allowOnly(more: number, rule: RateRule, subject: RateSubject): Promise<void> {
  const item = await counter(platformKeys.rate(rule.name, subject.id, rateWindow(rule, new Date()).start));
  ownLimitsFor(rule);
  process.env[RATE_LIMITS_ENV] += `,${rule.name}=${Number(item?.n ?? 0) + more}`;
}

/** Drops the suite's overrides of these rules, so they count at their own limits. */
function ownLimitsFor(...rules: RateRule[]): void {
  const names = new Set(rules.map((r) => r.name));
  process.env[RATE_LIMITS_ENV] = (configured ?? '')
    .split(',')
    .filter((entry) => !names.has(entry.split('=')[0]!.trim()))
    .join(',');
}

const signInAs = (email: string, password: string) => api.request('POST', '/v1/auth/sign-in', { json: { email, password } });
const resetFor = (email: string) => api.request('POST', '/v1/auth/password-reset', { json: { email } });

/** The refusal: 429, `Retry-After` = the seconds left in the rule's window, and the one JSON error shape. */
async function expectRateLimited(rule: RateRule, request: () => Promise<ApiResponse>): Promise<void> {
  const before = rateWindow(rule, new Date());
  const res = await request();
  const after = rateWindow(rule, new Date());
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(after.retryAfterSeconds);
  expect(retryAfter).toBeLessThanOrEqual(before.retryAfterSeconds);
  const until = new Date(before.end * 1000).toISOString().replace('.000Z', 'Z');
  expect(res.body).toEqual({
    error: {
      code: 'rate_limited',
      message: expect.stringMatching(new RegExp(`^Too many ${rule.counts}: try again in \\d+ (second|minute|hour)s? \\(after ${until}\\)$`)),
      requestId: res.headers.get('x-request-id'),
    },
  });
}

describe('sign-in limits (#9)', () => {
  it('refuse the 11th attempt at one account address in a window with 429 and Retry-After, even with the right password', async () => {
    const rule = rateRules.signInPerAccount;
    ownLimitsFor(rule);
    await oneWindowFor(rule);
    for (let i = 0; i < rule.limit; i += 1) expect((await signInAs(account.email, `Wrong-${i}-password-Aa1`)).status).toBe(401);
    await expectRateLimited(rule, () => signInAs(account.email, account.password));
    // Per account: another address from the same source is still answered on its merits.
    expect((await signInAs(`nobody-${unique()}@firm.example`, 'Wrong-password-Aa1')).status).toBe(401);
  });

  it('refuse the N+1-th attempt from one source address in a window, whichever accounts it tries', async () => {
    const rule = rateRules.signInPerSource;
    await oneWindowFor(rule);
    await allowOnly(3, rule, rateSubject.source(LOOPBACK));
    for (let i = 0; i < 3; i += 1) expect((await signInAs(`guess-${unique()}@firm.example`, 'Guess-password-Aa1')).status).toBe(401);
    await expectRateLimited(rule, () => signInAs(`guess-${unique()}@firm.example`, 'Guess-password-Aa1'));
  });
});

describe('reset request limit (#9)', () => {
  it('refuses the N+1-th reset request from one source address in a window with 429 and Retry-After', async () => {
    const rule = rateRules.resetPerSource;
    await oneWindowFor(rule);
    await allowOnly(2, rule, rateSubject.source(LOOPBACK));
    const allowed = await Promise.all([resetFor(`nobody-${unique()}@firm.example`), resetFor(`nobody-${unique()}@firm.example`)]);
    expect(allowed.map((r) => r.status)).toEqual([202, 202]);
    await expectRateLimited(rule, () => resetFor(`nobody-${unique()}@firm.example`));
  });
});

describe('sending limits in the transaction of the change they limit (#9)', () => {
  it('count invitations per recipient and per firm; the change over a limit fails whole and reads as a 429', async () => {
    ownLimitsFor(rateRules.invitationsPerFirmHour, rateRules.invitationsPerFirmDay, rateRules.invitationsPerRecipientDay);
    const scope = tenantScope(newId());
    const now = new Date();
    const tenant = { createdAt: now.toISOString() }; // a new firm: 10 an hour
    const invite = (recipient: string) => {
      const charges = invitationCharges(scope, tenant, recipient, now);
      const change = auditItem(scope, { actor: { kind: 'staff', id: 'u1' }, action: 'invitation.created', resource: `invitations/${recipient}` }, now);
      return { charges, run: () => transact([change, ...rateLimitItems(charges, now)]) };
    };
    const failureOf = async (attempt: ReturnType<typeof invite>) => {
      const error = await attempt.run().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ConditionFailed);
      return rateLimitFailure(error as ConditionFailed, attempt.charges, 1, now);
    };

    const recipient = `often-${unique()}@firm.example`;
    for (let i = 0; i < rateRules.invitationsPerRecipientDay.limit; i += 1) await invite(recipient).run();
    const perRecipient = await failureOf(invite(recipient));
    expect(perRecipient).toBeInstanceOf(TooManyRequestsError);
    expect(perRecipient).toMatchObject({ status: 429, retryAfterSeconds: rateWindow(rateRules.invitationsPerRecipientDay, now).retryAfterSeconds });
    expect(perRecipient!.message).toMatch(/^Too many invitation emails to this address today: try again in/);

    for (let i = 3; i < 10; i += 1) await invite(`other-${unique()}@firm.example`).run();
    const perFirm = await failureOf(invite(`one-more-${unique()}@firm.example`));
    expect(perFirm).toMatchObject({ status: 429, retryAfterSeconds: rateWindow(rateRules.invitationsPerFirmHour, now).retryAfterSeconds });
    expect(perFirm!.message).toMatch(/^Too many invitation emails from this firm this hour/);

    // The refused changes counted nothing and wrote nothing; the counters live under the tenant and expire.
    const hour = rateWindow(rateRules.invitationsPerFirmHour, now);
    const firmCounter = await counter(keys.rate(scope, rateRules.invitationsPerFirmHour.name, rateSubject.firm(scope).id, hour.start));
    expect(firmCounter).toMatchObject({ PK: `T#${scope.tenantId}#RATE`, n: 10, expiresAt: hour.end + 60 });
    const day = rateWindow(rateRules.invitationsPerRecipientDay, now);
    expect(await counter(keys.rate(scope, rateRules.invitationsPerRecipientDay.name, rateSubject.recipient(scope, recipient).id, day.start))).toMatchObject({ n: 3 });
    // A failing business condition is not mistaken for a limit.
    const duplicate = invite(`fine-${unique()}@firm.example`);
    expect(rateLimitFailure(new ConditionFailed([0]), duplicate.charges, 1, now)).toBeUndefined();
  });
});

describe('sign-up and invitation limits through the API (#9)', () => {
  it('refuses the N+1-th sign-up from one source address before anything is created', async () => {
    const rule = rateRules.signUpPerSource;
    await oneWindowFor(rule);
    await allowOnly(1, rule, rateSubject.source(LOOPBACK));
    expect((await api.request('POST', '/v1/tenants', { json: signupBody() })).status).toBe(202);
    const refused = signupBody();
    await expectRateLimited(rule, () => api.request('POST', '/v1/tenants', { json: refused }));
    expect(await emailsTo(refused.ownerEmail)).toHaveLength(0);
  });

  it('counts invitations and resends to one recipient; the one over the limit is a 429 and sends nothing', async () => {
    const firm = await createFirm(api);
    await oneWindowFor(rateRules.invitationsPerRecipientDay);
    const recipient = `popular-${unique()}@firm.example`;
    const created = await firm.as('owner', 'POST', '/v1/invitations', { email: recipient, name: 'Popular', role: 'coach' });
    expect(created.status).toBe(201);
    const id = created.body.invitation.invitationId as string;
    for (let i = 1; i < rateRules.invitationsPerRecipientDay.limit; i += 1) expect((await firm.as('owner', 'POST', `/v1/invitations/${id}/resend`)).status).toBe(200);
    await expectRateLimited(rateRules.invitationsPerRecipientDay, () => firm.as('owner', 'POST', `/v1/invitations/${id}/resend`));
    expect(await emailsTo(recipient)).toHaveLength(rateRules.invitationsPerRecipientDay.limit);
    const list = await firm.as('owner', 'GET', '/v1/invitations');
    expect(list.body.invitations.find((i: { invitationId: string }) => i.invitationId === id).sends).toBe(rateRules.invitationsPerRecipientDay.limit);
  }, 60_000);
});

describe('reset request timing (#13)', () => {
  it('answers 202 no sooner than the floor, for a known address and an unknown one alike', async () => {
    const timed = async (email: string) => {
      const started = performance.now();
      const res = await resetFor(email);
      return { status: res.status, ms: performance.now() - started, body: res.body };
    };
    const known = await timed(account.email);
    const unknown = await timed(`nobody-${unique()}@firm.example`);
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    expect(known.ms).toBeGreaterThanOrEqual(RESET_REPLY_FLOOR_MS);
    expect(unknown.ms).toBeGreaterThanOrEqual(RESET_REPLY_FLOOR_MS);
    // The known address really took the longer path: its reset email went out.
    expect((await emailsTo(account.email)).some((m) => /reset/i.test(m.subject))).toBe(true);
  });
});
