import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { tick } from '../../infra/local/scheduler.js';
import { db, dynamoCallCount, tableName } from '../../shared/db/client.js';
import { keys, platformKeys, tenantScope } from '../../shared/db/keys.js';
import { assessmentInvitationItem } from '../../shared/db/assessments.js';
import { transact } from '../../shared/db/transact.js';
import type { Program } from '../../shared/domain/coaching.js';
import { digestRecipient } from '../../shared/domain/reminders.js';
import { createLogger } from '../../shared/log.js';
import type { Tenant } from '../../shared/domain/tenant.js';
import { MAX_DIGEST_ITEMS, sendDueReminders } from '../../shared/schedules/reminders.js';
import { useClockFrom } from '../support/clock.js';
import { useApi } from '../support/api.js';
import { sweepMessage, workTenantSweep } from '../support/queues.js';
import { clientRequest, createProgram, formOn, type ProgramFixture } from '../support/coaching.js';
import { createFirm, type FirmFixture } from '../support/firms.js';
import { emailsTo } from '../support/inbox.js';

/**
 * Client reminder digests (shared/schedules/reminders.ts): what is due goes out at the client's digest time in their
 * zone, one email per program and day, each once however often a tick comes; the sweep reads only what is due.
 */
// The fixtures' sessions and due dates are in late November 2026: the story runs as of then.
useClockFrom('2026-11-25T12:00:00Z');
const api = useApi();
const log = createLogger({ test: 'reminders' });
let F: FirmFixture;
let P: ProgramFixture;

const sweep = (at: string) => sendDueReminders(tenantScope(F.tenantId), new Date(at), { appUrl: api.url(), log });
const digests = async (to: string) => (await emailsTo(to)).filter((m) => /small steps/.test(m.subject));
const item = async (key: { PK: string; SK: string }) => (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item!;

beforeAll(async () => {
  F = await createFirm(api);
  P = await createProgram(F);
}, 120_000);

describe('the post-session prompt', () => {
  it('goes out with the first digest a day after the session (08:00 in the client’s zone), once', async () => {
    const session = await item(keys.session(tenantScope(F.tenantId), P.programId, P.sessionId));
    expect(session.promptAt).toEqual(expect.any(String));
    const promptAt = new Date(session.promptAt as string);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Zurich', hour: '2-digit', minute: '2-digit' }).format(promptAt)).toBe('08:00');

    expect(await sweep(new Date(promptAt.getTime() - 60_000).toISOString())).toMatchObject({ due: 0, digests: 0 });
    expect(await sweep(promptAt.toISOString())).toMatchObject({ due: 1, digests: 1 });
    const [mail] = await digests(P.clientEmail);
    expect(mail!.body.text).toMatch(/Session 1 is a day behind you/);
    expect(mail!.body.text).toContain('/client?token=');
    expect(mail!.body.text).not.toMatch(/seems tired|Private note/);
    // Again at the same instant, and later the same day: nothing is due any more.
    expect(await sweep(promptAt.toISOString())).toMatchObject({ due: 0, digests: 0 });
    expect(await sweep(new Date(promptAt.getTime() + 3_600_000).toISOString())).toMatchObject({ due: 0 });
    expect(await digests(P.clientEmail)).toHaveLength(1);
    expect((await item(keys.session(tenantScope(F.tenantId), P.programId, P.sessionId))).GSI2PK).toBeUndefined();
  });

  it('does not go out when the client captured an action first', async () => {
    const Q = await createProgram(F, 'coach', { program: { title: 'Captured in time' } });
    const page = await clientRequest(api, 'GET', Q.linkPath);
    expect((await clientRequest(api, 'POST', '/client', { ...formOn(page.html, 'add'), title: 'Ask for feedback on Friday' })).status).toBe(200);
    const session = await item(keys.session(tenantScope(F.tenantId), Q.programId, Q.sessionId));
    expect(session.promptAt).toBeUndefined();
    expect(session.GSI2PK).toBeUndefined();
  });
});

describe('due soon and overdue', () => {
  // Other programs of this firm (made above) have actions due the same day: count P's client's digests.
  it('the action due 30 Nov is in the 29 Nov digest at 08:00 Zurich (07:00 UTC), then nudged on 1 Dec, once each', async () => {
    const action = await item(keys.action(tenantScope(F.tenantId), P.programId, P.actionId));
    expect(action.remindAt).toBe('2026-11-29T07:00:00.000Z');
    const before = (await digests(P.clientEmail)).length;
    await sweep('2026-11-29T06:59:00Z');
    expect(await digests(P.clientEmail)).toHaveLength(before);
    expect((await sweep('2026-11-29T07:00:00Z')).digests).toBeGreaterThanOrEqual(1);
    expect(await digests(P.clientEmail)).toHaveLength(before + 1);
    const soon = (await digests(P.clientEmail)).at(-1)!;
    expect(soon.body.text).toMatch(/Due soon:\n- Block two focus hours on Monday/);
    expect(soon.body.text).toContain(`action=${P.actionId}`);
    expect(await sweep('2026-11-29T07:00:00Z')).toMatchObject({ due: 0 });
    expect(await digests(P.clientEmail)).toHaveLength(before + 1);
    const after = await item(keys.action(tenantScope(F.tenantId), P.programId, P.actionId));
    expect(after).toMatchObject({ remindersSent: 1, remindAt: '2026-12-01T07:00:00.000Z' });

    await sweep('2026-12-01T07:00:00Z');
    expect(await digests(P.clientEmail)).toHaveLength(before + 2);
    expect((await digests(P.clientEmail)).at(-1)!.body.text).toMatch(/Still open:\n- Block two focus hours on Monday/);
  });

  it('a done action is reminded of no more: closing it takes it out of the due index', async () => {
    const page = await clientRequest(api, 'GET', P.linkPath);
    expect((await clientRequest(api, 'POST', '/client', { ...formOn(page.html, 'mark', P.actionId), status: 'done' })).status).toBe(200);
    const action = await item(keys.action(tenantScope(F.tenantId), P.programId, P.actionId));
    expect(action.remindAt).toBeUndefined();
    expect(action.GSI2PK).toBeUndefined();
    const before = (await digests(P.clientEmail)).length;
    await sweep('2026-12-03T07:00:00Z');
    expect(await digests(P.clientEmail)).toHaveLength(before);
  });

  it('a client in New York gets theirs at 08:00 New York time', async () => {
    const N = await createProgram(F, 'coach', { client: { timeZone: 'America/New_York' }, program: { title: 'Across the ocean' } });
    const action = await item(keys.action(tenantScope(F.tenantId), N.programId, N.actionId));
    expect(action.remindAt).toBe('2026-11-29T13:00:00.000Z');
  });
});

describe('the client’s reminder settings, on their page', () => {
  it('"no reminders" is saved on the client and their programs, and the sweep then sends nothing and forgets what was due', async () => {
    const R = await createProgram(F, 'coach', { program: { title: 'Quiet please' } });
    const page = await clientRequest(api, 'GET', R.linkPath);
    expect(page.html).toContain('name="intent" value="preferences"');
    const saved = await clientRequest(api, 'POST', '/client', { ...formOn(page.html, 'preferences'), reminders: 'off', hour: '8' });
    expect(saved.status).toBe(200);
    expect(saved.html).toContain('Saved: no more reminders');
    expect((await F.as('coach', 'GET', `/v1/clients/${R.clientId}`)).body.client.emailPreferences).toEqual({ reminders: 'off', hour: 8 });
    const program = await item(keys.program(tenantScope(F.tenantId), R.programId));
    expect(program.client.emailPreferences).toEqual({ reminders: 'off', hour: 8 });
    const before = (await digests(R.clientEmail)).length;
    await sweep('2026-11-29T07:00:00Z');
    expect(await digests(R.clientEmail)).toHaveLength(before);
    expect((await item(keys.action(tenantScope(F.tenantId), R.programId, R.actionId))).GSI2PK).toBeUndefined();
  });

  it('a bad choice is a 400 naming the field, and changes nothing', async () => {
    const R = await createProgram(F, 'coach', { program: { title: 'Odd hours' } });
    const page = await clientRequest(api, 'GET', R.linkPath);
    const bad = await clientRequest(api, 'POST', '/client', { ...formOn(page.html, 'preferences'), reminders: 'hourly', hour: '25' });
    expect(bad.status).toBe(400);
    expect((await F.as('coach', 'GET', `/v1/clients/${R.clientId}`)).body.client.emailPreferences).toEqual({ reminders: 'daily', hour: 8 });
  });
});

describe('a day with many reminders', () => {
  it('holds MAX_DIGEST_ITEMS in one digest; the rest go with the next day’s', async () => {
    const M = await createProgram(F, 'coach', { program: { title: 'Many due at once' } });
    for (let i = 0; i < MAX_DIGEST_ITEMS + 4; i += 1) {
      expect((await F.as('coach', 'POST', `/v1/programs/${M.programId}/actions`, { title: `Small step ${i}`, dueDate: '2026-12-20' })).status).toBe(201);
    }
    const before = (await digests(M.clientEmail)).length;
    await sweep('2026-12-19T07:00:00Z');
    const first = (await digests(M.clientEmail)).slice(before);
    expect(first).toHaveLength(1);
    // The earliest due first: the session's prompt, the program's invitation to assess and the pre-filled action, then the small steps.
    const listed = (text: string) => (text.match(/^- /gm) ?? []).length + (text.match(/is a day behind you|It is time to look at where you stand/g) ?? []).length;
    expect(listed(first[0]!.body.text ?? '')).toBe(MAX_DIGEST_ITEMS);
    const inFirst = (first[0]!.body.text?.match(/- Small step/g) ?? []).length;
    await sweep('2026-12-19T10:00:00Z');
    expect((await digests(M.clientEmail)).slice(before)).toHaveLength(1);
    await sweep('2026-12-20T07:00:00Z');
    const second = (await digests(M.clientEmail)).slice(before);
    expect(second).toHaveLength(2);
    expect(second[1]!.body.text?.match(/- Small step/g)).toHaveLength(MAX_DIGEST_ITEMS + 4 - inFirst);
  }, 60_000);
});

describe('through the tick and the queue', () => {
  it('the same tick twice sends one digest', async () => {
    const T = await createProgram(F, 'coach', { program: { title: 'Ticked twice' } });
    const promptAt = (await item(keys.session(tenantScope(F.tenantId), T.programId, T.sessionId))).promptAt as string;
    const before = (await digests(T.clientEmail)).length;
    await Promise.all([tick(new Date(promptAt), ['tenant-tick']), tick(new Date(promptAt), ['tenant-tick'])]);
    expect((await digests(T.clientEmail)).length - before).toBe(1);
  }, 60_000);

  const work = workTenantSweep;

  it('the same SQS message delivered twice sends one digest', async () => {
    const T = await createProgram(F, 'coach', { program: { title: 'Delivered twice' } });
    const promptAt = (await item(keys.session(tenantScope(F.tenantId), T.programId, T.sessionId))).promptAt as string;
    const before = (await digests(T.clientEmail)).length;
    expect(await work(sweepMessage(F.tenantId, promptAt, 1))).toEqual({ batchItemFailures: [] });
    expect(await work(sweepMessage(F.tenantId, promptAt, 2))).toEqual({ batchItemFailures: [] });
    const sent = (await digests(T.clientEmail)).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body.text).toMatch(/Session 1 is a day behind you/);
  }, 60_000);

  it('two workers with the same message at the same moment send one digest', async () => {
    const T = await createProgram(F, 'coach', { program: { title: 'Two workers at once' } });
    const promptAt = (await item(keys.session(tenantScope(F.tenantId), T.programId, T.sessionId))).promptAt as string;
    const before = (await digests(T.clientEmail)).length;
    const results = await Promise.all([work(sweepMessage(F.tenantId, promptAt, 1)), work(sweepMessage(F.tenantId, promptAt, 1)), work(sweepMessage(F.tenantId, promptAt, 1))]);
    // A worker that lost the race finds the digest's key taken or the reminder moved on: no failure, nothing sent again.
    expect(results).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect((await digests(T.clientEmail)).slice(before)).toHaveLength(1);
    const session = await item(keys.session(tenantScope(F.tenantId), T.programId, T.sessionId));
    expect(session.GSI2PK).toBeUndefined();
  }, 60_000);
});

describe('the digest’s recipient, copied onto what is due', () => {
  // A firm of its own, so that nothing else of the suite is due at the same instant.
  let G: FirmFixture;
  let firm: Tenant;
  beforeAll(async () => {
    G = await createFirm(api);
    firm = (await item(keys.tenant(tenantScope(G.tenantId)))) as unknown as Tenant;
  }, 120_000);
  const sweepG = (at: string, tenant?: Tenant) => sendDueReminders(tenantScope(G.tenantId), new Date(at), { appUrl: api.url(), log, ...(tenant ? { tenant } : {}) });

  it('sends from the due index alone: one Query, the digest’s transaction, the address’s suppression entry, marking it sent; no program or firm read', async () => {
    const Q = await createProgram(G, 'coach', { program: { title: 'Read nothing else' } });
    const session = await item(keys.session(tenantScope(G.tenantId), Q.programId, Q.sessionId));
    expect(session.digestTo).toMatchObject({ programId: Q.programId, client: { email: Q.clientEmail } });
    const before = dynamoCallCount();
    expect(await sweepG(session.promptAt as string, firm)).toMatchObject({ due: 1, digests: 1 });
    expect(dynamoCallCount() - before).toBe(4);
    expect(await digests(Q.clientEmail)).toHaveLength(1);
  });

  it('a copy gone stale (the client’s address changed since) fails the check; the program as it is now decides', async () => {
    const Q = await createProgram(G, 'coach', { program: { title: 'Moved house' } });
    const promptAt = (await item(keys.session(tenantScope(G.tenantId), Q.programId, Q.sessionId))).promptAt as string;
    const moved = `moved-${Q.clientEmail}`;
    expect((await G.as('coach', 'PATCH', `/v1/clients/${Q.clientId}`, { email: moved })).status).toBe(200);
    const before = dynamoCallCount();
    expect(await sweepG(promptAt, firm)).toMatchObject({ due: 1, digests: 1 });
    // The refused transaction, the program read, the digest's transaction, the suppression entry, marking it sent (and the Query).
    expect(dynamoCallCount() - before).toBe(6);
    expect(await digests(Q.clientEmail)).toHaveLength(0);
    expect(await digests(moved)).toHaveLength(1);
  });

  it('a program paused and resumed since the copy was made: the copy is stale, the program is read, the digest goes out', async () => {
    const Q = await createProgram(G, 'coach', { program: { title: 'Paused, then resumed' } });
    const promptAt = (await item(keys.session(tenantScope(G.tenantId), Q.programId, Q.sessionId))).promptAt as string;
    expect((await G.as('coach', 'PATCH', `/v1/programs/${Q.programId}`, { status: 'paused' })).status).toBe(200);
    expect((await G.as('coach', 'PATCH', `/v1/programs/${Q.programId}`, { status: 'active' })).status).toBe(200);
    expect(await sweepG(promptAt)).toMatchObject({ due: 1, digests: 1, dropped: 0 });
    expect(await digests(Q.clientEmail)).toHaveLength(1);
  });

  it('the registry’s copy of the firm follows its settings, and a tick carries it to the digest', async () => {
    expect((await G.as('owner', 'PATCH', '/v1/settings', { branding: { displayName: 'Renamed Coaching' } })).status).toBe(200);
    const registered = await item(platformKeys.tenantRegistry(G.tenantId));
    expect(registered.firm).toMatchObject({ tenantId: G.tenantId, branding: { displayName: 'Renamed Coaching' } });
    const Q = await createProgram(G, 'coach', { program: { title: 'Under a new name' } });
    const promptAt = (await item(keys.session(tenantScope(G.tenantId), Q.programId, Q.sessionId))).promptAt as string;
    await tick(new Date(promptAt), ['tenant-tick']);
    const [mail] = await digests(Q.clientEmail);
    expect(mail!.subject).toContain('Renamed Coaching');
  }, 60_000);
});

describe('the self-assessment’s hook', () => {
  it('an invitation to assess, due at the client’s digest time, goes out in their digest once, then ends', async () => {
    const A = await createProgram(F, 'coach', { program: { title: 'Time to take stock' } });
    const scope = tenantScope(F.tenantId);
    const program = (await item(keys.program(scope, A.programId))) as unknown as Program;
    const dueAt = '2026-12-14T07:00:00.000Z';
    await transact([assessmentInvitationItem(scope, { programId: A.programId, dueAt, opensOn: '2026-12-14' }, digestRecipient(program))]);
    // The day before: the session's prompt and the action's nudges go out, and say nothing of an assessment yet.
    await sweep('2026-12-13T07:00:00Z');
    expect((await digests(A.clientEmail)).at(-1)!.body.text).not.toMatch(/self-assessment/);
    const before = (await digests(A.clientEmail)).length;
    await sweep('2026-12-14T06:59:00Z');
    expect(await digests(A.clientEmail)).toHaveLength(before);
    await sweep(dueAt);
    const sent = (await digests(A.clientEmail)).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body.text).toMatch(/It is time to look at where you stand[^]*Take your self-assessment: .*\/client\/assessment\?token=/);
    expect(sent[0]!.body.html).toContain('Take your self-assessment');
    const invitation = await item(keys.assessmentInvitation(scope, A.programId));
    expect(invitation).toMatchObject({ sentAt: expect.any(String) });
    expect(invitation.GSI2PK).toBeUndefined();
    await sweep(dueAt);
    expect(await digests(A.clientEmail)).toHaveLength(before + 1);
  });
});

describe('each kind of reminder on or off, for the firm and per program', () => {
  it('a firm that turns overdue nudges off sends none (the reminders still move on); a program that turns them on again gets them', async () => {
    const K = await createFirm(api);
    expect((await K.as('owner', 'PATCH', '/v1/settings', { reminderPolicy: { kinds: { overdue: false } } })).status).toBe(200);
    expect((await K.as('owner', 'GET', '/v1/settings')).body.settings.reminderPolicy.kinds).toEqual({ postSession: true, dueSoon: true, overdue: false, assessment: true });
    const quiet = await createProgram(K, 'coach', { program: { title: 'No nudges here' } });
    const nudged = await createProgram(K, 'coach', { program: { title: 'Nudges wanted', reminderKinds: { overdue: true } } });
    expect((await K.as('coach', 'GET', `/v1/programs/${nudged.programId}`)).body.program.reminderKinds).toEqual({ overdue: true });
    const sweepK = (at: string) => sendDueReminders(tenantScope(K.tenantId), new Date(at), { appUrl: api.url(), log });
    // The pre-filled action is due 30 Nov: due soon on 29 Nov (on for both), overdue on 1 Dec (off for the firm).
    await sweepK('2026-11-29T07:00:00Z');
    const soon = [(await digests(quiet.clientEmail)).length, (await digests(nudged.clientEmail)).length];
    const run = await sweepK('2026-12-01T07:00:00Z');
    expect(run.silenced).toBeGreaterThanOrEqual(1);
    expect(await digests(quiet.clientEmail)).toHaveLength(soon[0]!);
    expect((await digests(nudged.clientEmail)).slice(soon[1]!).map((m) => m.body.text)).toEqual([expect.stringMatching(/Still open:\n- Block two focus hours on Monday/)]);
    // The silenced nudge moved on to the next one, as if sent.
    expect((await item(keys.action(tenantScope(K.tenantId), quiet.programId, quiet.actionId))).remindersSent).toBe(2);
  }, 120_000);

  it('a bad kind or a post-session wait out of range is a 400 naming the field, and changes nothing', async () => {
    const bad = await F.as('owner', 'PATCH', '/v1/settings', { reminderPolicy: { kinds: { overdue: 'sometimes' }, postSessionHours: 0 } });
    expect(bad.status).toBe(400);
    const fields = (bad.body.error as { fields: { field: string }[] }).fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['reminderPolicy.kinds.overdue', 'reminderPolicy.postSessionHours']));
  });
});
