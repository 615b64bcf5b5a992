import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { tick } from '../../infra/local/scheduler.js';
import { drainQueues } from '../../infra/local/queue.js';
import { db, dynamoCallCount, tableName } from '../../shared/db/client.js';
import { keys, tenantScope } from '../../shared/db/keys.js';
import { newId } from '../../shared/ids.js';
import { createLogger } from '../../shared/log.js';
import { sendMessages } from '../../shared/queues/send.js';
import { sendCoachDigests, type CoachDigestRun } from '../../shared/schedules/coach-digests.js';
import { useApi } from '../support/api.js';
import { useClockFrom } from '../support/clock.js';
import { clientBody, clientRequest, createProgram, formOn, type ProgramFixture } from '../support/coaching.js';
import { addStaff, createFirm, type FirmFixture, type StaffFixture } from '../support/firms.js';
import { emailsTo } from '../support/inbox.js';

/**
 * The coach's daily digest (shared/schedules/coach-digests.ts) against DynamoDB Local and local SES: at the coach's
 * 08:00, what their own clients did since the last one and the programs that stall; once a day however often the
 * tick, the queue or the workers run; nothing when nothing happened or when the coach turned it off.
 */
// The same story whatever day the suite runs: the firm is made on 25 November 2026 at 13:00 Zurich.
useClockFrom('2026-11-25T12:00:00Z');
const api = useApi();
const log = createLogger({ test: 'coach-digest' });
let F: FirmFixture;
let G: FirmFixture;
let P: ProgramFixture;
let R: ProgramFixture;
let other: ProgramFixture;
let quietCoach: StaffFixture;
/** The coaches' first digest time (08:00 Zurich after the firm was made), and the days after it. */
let D: Date;
const day = (n: number) => new Date(D.getTime() + n * 86_400_000);

const scope = () => tenantScope(F.tenantId);
const sweep = (at: Date) => sendCoachDigests(scope(), at, { log, appUrl: api.url() });
const digests = async (to: string) => (await emailsTo(to)).filter((m) => / · /.test(m.subject) && /(active|stalling) · /.test(m.subject));
const staffItem = async (userId: string) => (await db().send(new GetCommand({ TableName: tableName(), Key: keys.staff(scope(), userId), ConsistentRead: true }))).Item!;
const zurichTime = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Zurich', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
const total = (runs: CoachDigestRun[], field: keyof CoachDigestRun) => runs.reduce((n, r) => n + r[field], 0);

async function mark(program: ProgramFixture, fields: Record<string, string>) {
  const page = await clientRequest(api, 'GET', program.linkPath);
  const res = await clientRequest(api, 'POST', '/client', { ...formOn(page.html, 'mark', program.actionId), ...fields });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  F = await createFirm(api);
  G = await createFirm(api);
  D = new Date((await staffItem(F.coach.userId)).digestAt as string);
  // The coach's clients: one who acts today, one whose last session was weeks ago.
  P = await createProgram(F, 'coach', { client: { name: 'Alex Active' }, program: { title: 'Leading the new team' } });
  const client = await F.as('coach', 'POST', '/v1/clients', clientBody({ name: 'Sam Stalled' }));
  const program = await F.as('coach', 'POST', '/v1/programs', { clientId: client.body.client.clientId, title: 'Finding focus', startDate: '2026-10-01', sessionsPlanned: 6 });
  const session = await F.as('coach', 'POST', `/v1/programs/${program.body.program.programId}/sessions`, { heldAt: '2026-10-20T10:00:00+02:00', notifyClient: false });
  expect(session.status).toBe(201);
  // The admin coaches a client of their own; another firm's coach has a client too.
  R = await createProgram(F, 'admin', { client: { name: 'Rita Elsewhere' }, program: { title: 'Admin’s own program' } });
  other = await createProgram(G, 'coach', { client: { name: 'Otto Otherfirm' }, program: { title: 'Another firm’s program' } });
  quietCoach = await addStaff(api, F.owner.token, 'coach');
}, 180_000);

describe('settings and the due entry', () => {
  it('every active staff user has a digest at 08:00 in the firm’s zone, in the "due" index; a coach turns theirs off', async () => {
    expect(zurichTime(D.toISOString())).toBe('08:00');
    for (const user of [F.owner, F.admin, F.coach]) {
      const item = await staffItem(user.userId);
      expect(item).toMatchObject({ digestAt: D.toISOString(), GSI2PK: `T#${F.tenantId}#DUE`, GSI2SK: `COACH-DIGEST#${D.toISOString()}#${user.userId}` });
    }
    const bad = await api.request<Record<string, any>>('PATCH', '/v1/me/preferences', { json: { digest: { hour: 24, timeZone: 'Mars/Olympus' } }, headers: { authorization: `Bearer ${quietCoach.token}` } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['digest.hour', 'digest.timeZone']);
    const off = await api.request<Record<string, any>>('PATCH', '/v1/me/preferences', { json: { digest: { enabled: false } }, headers: { authorization: `Bearer ${quietCoach.token}` } });
    expect(off.status).toBe(200);
    expect(off.body.digest).toEqual({ enabled: false, hour: 8, timeZone: 'Europe/Zurich', ownTimeZone: false });
    const item = await staffItem(quietCoach.userId);
    expect(item.GSI2PK).toBeUndefined();
    expect(item.digestAt).toBeUndefined();
    // Owners and admins see it in the staff list.
    const list = await F.as('admin', 'GET', '/v1/staff?limit=50');
    expect(list.body.staff.find((s: { userId: string }) => s.userId === quietCoach.userId).digest).toMatchObject({ enabled: false });
    expect(list.body.staff.find((s: { userId: string }) => s.userId === F.coach.userId).digest).toEqual({ enabled: true, hour: 8, timeZone: 'Europe/Zurich', ownTimeZone: false, nextAt: D.toISOString() });
  });

  it('a firm’s thresholds are validated settings with defaults', async () => {
    const read = await F.as('coach', 'GET', '/v1/settings');
    expect(read.body.settings.coachDigest).toEqual({ hour: 8, inactiveDays: 10, overdueActions: 3, sessionGapWeeks: 4 });
    const bad = await F.as('admin', 'PATCH', '/v1/settings', { coachDigest: { inactiveDays: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([expect.objectContaining({ field: 'coachDigest.inactiveDays' })]);
    const ok = await F.as('admin', 'PATCH', '/v1/settings', { coachDigest: { overdueActions: 3 } });
    expect(ok.status).toBe(200);
  });
});

describe('the digest', () => {
  it('at 08:00 Zurich: the coach’s clients’ activity and a stalled program, once; never another coach’s or firm’s clients', async () => {
    await mark(P, { status: 'done', reflection: 'Two quiet hours, finally' });
    const page = await clientRequest(api, 'GET', P.linkPath);
    expect((await clientRequest(api, 'POST', '/client', { ...formOn(page.html, 'add'), title: 'Ask for feedback on Friday' })).status).toBe(200);
    await mark(R, { status: 'not_done', obstacleCategory: 'time', obstacleText: 'Booked over by the board' });
    await mark(other, { status: 'done', reflection: 'Other firm reflection' });

    expect(await sweep(new Date(D.getTime() - 60_000))).toMatchObject({ due: 0, digests: 0 });
    const run = await sweep(D);
    // Owner (no clients: nothing to say), admin, coach; the coach who turned it off has no entry.
    expect(run).toMatchObject({ due: 3, digests: 2, quiet: 1, deferred: 0, dropped: 0 });

    const [mail, ...more] = await digests(F.coach.email);
    expect(more).toEqual([]);
    expect(mail!.subject).toMatch(/^1 client active, 1 program stalling · /);
    const text = mail!.body.text!;
    expect(text).toContain('Alex Active · Leading the new team\n- Done: Block two focus hours on Monday\n- Reflection on “Block two focus hours on Monday”: Two quiet hours, finally\n- Added: Ask for feedback on Friday');
    expect(text).toContain('Programs that stall:\n- Sam Stalled · Finding focus: no session for 5 weeks\n');
    expect(D.toISOString()).toBe('2026-11-26T07:00:00.000Z');
    expect(text).not.toMatch(/Rita Elsewhere|Booked over|Otto Otherfirm|Other firm reflection/);
    expect(mail!.body.html).toContain('Alex Active · Leading the new team');

    const [adminMail] = await digests(F.admin.email);
    expect(adminMail!.body.text).toContain('Rita Elsewhere · Admin’s own program\n- Not done: Block two focus hours on Monday\n- Obstacle with “Block two focus hours on Monday”: Booked over by the board');
    expect(adminMail!.body.text).not.toMatch(/Alex Active|Sam Stalled|Otto/);
    expect(await digests(F.owner.email)).toEqual([]);
    expect(await digests(quietCoach.email)).toEqual([]);

    // Again at the same instant: nothing is due; each entry waits for tomorrow’s 08:00.
    expect(await sweep(D)).toMatchObject({ due: 0, digests: 0 });
    expect(await digests(F.coach.email)).toHaveLength(1);
    for (const user of [F.owner, F.admin, F.coach]) expect((await staffItem(user.userId)).digestAt).toBe(day(1).toISOString());
    // The other firm's sweep never sees this firm's activity.
    await sendCoachDigests(tenantScope(G.tenantId), D, { log, appUrl: api.url() });
    const [otherMail] = await digests(G.coach.email);
    expect(otherMail!.body.text).toContain('Otto Otherfirm');
    expect(otherMail!.body.text).not.toMatch(/Alex Active|Rita|Sam Stalled/);
  });

  it('nothing happened and nothing stalls: no email, the entry still moves to tomorrow', async () => {
    const before = (await digests(F.admin.email)).length;
    const runs = await Promise.all([sweep(day(1)), sweep(day(1))]);
    // Two workers at once: the coach (whose program still stalls) gets one email, the admin and owner none.
    expect(total(runs, 'digests')).toBe(1);
    expect(await digests(F.admin.email)).toHaveLength(before);
    expect(await digests(F.coach.email)).toHaveLength(2);
    expect((await digests(F.coach.email)).at(-1)!.subject).toMatch(/^1 program stalling · /);
    for (const user of [F.owner, F.admin, F.coach]) expect((await staffItem(user.userId)).digestAt).toBe(day(2).toISOString());
  });

  it('the same SQS message twice, and the same tick twice: one email each day', async () => {
    const message = { tenantId: F.tenantId, tickAt: day(2).toISOString() };
    await sendMessages('tenant-sweep', [message, message]);
    await drainQueues();
    expect(await digests(F.coach.email)).toHaveLength(3);
    await Promise.all([tick(day(3), ['tenant-tick']), tick(day(3), ['tenant-tick'])]);
    expect(await digests(F.coach.email)).toHaveLength(4);
    expect((await staffItem(F.coach.userId)).digestAt).toBe(day(4).toISOString());
  }, 60_000);

  it('ten days without client activity stall a program; reads stay within what is due, however long the history', async () => {
    // A month of older client activity under the coach: the digest reads only what came since the last one.
    const old = Array.from({ length: 300 }, (_, i) => {
      const at = new Date(D.getTime() - (30 - (i % 25)) * 86_400_000).toISOString();
      const changeId = newId();
      return {
        ...keys.change(scope(), P.programId, P.actionId, changeId),
        ...keys.coachActivity(scope(), F.coach.userId, at, P.programId, changeId),
        type: 'Change',
        changeId,
        subject: 'action',
        kind: 'updated',
        at,
        fields: { status: { from: 'open', to: 'done' } },
        activity: { programId: P.programId, actionTitle: 'From long ago' },
      };
    });
    for (let i = 0; i < old.length; i += 25) {
      await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: old.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
    const calls = dynamoCallCount();
    const run = await sweep(day(10));
    const used = dynamoCallCount() - calls;
    // Owner: nothing; admin: Rita quiet for 10 days; coach: Alex quiet for 10 days, Sam's program without a session.
    expect(run).toMatchObject({ due: 3, digests: 2, quiet: 1 });
    // 3 entries + the firm + programs (coach 2, admin 1): no history, no other coach's items.
    expect(run.itemsRead).toBe(7);
    // Query of the due entries, the firm; per coach two Queries (programs, activity) and one transaction (the email
    // with its lease, the entry's move, its unsubscribe link); per email two more (the address's suppression entry,
    // marking it sent).
    expect(used).toBe(2 + 3 * 3 + 2 * 2);
    const mail = (await digests(F.coach.email)).at(-1)!;
    expect(mail.subject).toMatch(/^2 programs stalling · /);
    expect(mail.body.text).toContain('- Alex Active · Leading the new team: no client activity for 10 days\n- Sam Stalled · Finding focus: no client activity for 10 days; no session for 6 weeks\n');
    expect(mail.body.text).not.toContain('From long ago');
  });

  it('a deactivated coach’s entry leaves the index; reactivated, it comes back', async () => {
    expect((await F.as('owner', 'PATCH', `/v1/staff/${F.coach.userId}`, { status: 'deactivated' })).status).toBe(200);
    const gone = await staffItem(F.coach.userId);
    expect(gone.GSI2PK).toBeUndefined();
    expect(gone.digestAt).toBeUndefined();
    const back = await F.as('owner', 'PATCH', `/v1/staff/${F.coach.userId}`, { status: 'active' });
    expect(back.status).toBe(200);
    expect(back.body.staff.digest.nextAt).toEqual(expect.any(String));
    expect(zurichTime(back.body.staff.digest.nextAt)).toBe('08:00');
    expect((await staffItem(F.coach.userId)).GSI2SK).toBe(`COACH-DIGEST#${back.body.staff.digest.nextAt}#${F.coach.userId}`);
  });

  it('carries a one-click unsubscribe link; using it turns the digest off and takes the entry out of the index', async () => {
    const mail = (await digests(F.coach.email)).at(-1)!;
    expect(mail.body.text).toMatch(/Unsubscribe from the daily digest: .*\/unsubscribe\?token=/);
    const token = decodeURIComponent(/\/unsubscribe\?token=([^\s&]+)/.exec(mail.body.text!)![1]!);
    const answer = await fetch(`${api.url()}/unsubscribe?token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site', origin: 'https://mail.example' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(answer.status).toBe(200);
    const staff = await staffItem(F.coach.userId);
    expect(staff.digest).toMatchObject({ enabled: false });
    expect(staff.GSI2PK).toBeUndefined();
    const me = await F.as('coach', 'PATCH', '/v1/me/preferences', { digest: { hour: 7 } });
    expect(me.status).toBe(200);
    expect(me.body.digest).toMatchObject({ enabled: false, hour: 7 });
  });
});
