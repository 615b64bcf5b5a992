import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { tick } from '../../infra/local/scheduler.js';
import { db, dynamoCallCount, tableName } from '../../shared/db/client.js';
import { keys, tenantScope } from '../../shared/db/keys.js';
import type { SharingLevel } from '../../shared/domain/reports.js';
import { createLogger } from '../../shared/log.js';
import { sendDueReminders } from '../../shared/schedules/reminders.js';
import { sendDueReports } from '../../shared/schedules/reports.js';
import { useApi } from '../support/api.js';
import { sweepMessage, workTenantSweep } from '../support/queues.js';
import { useClockFrom } from '../support/clock.js';
import { agreeToShare, clientRequest, createProgram, programItems, type ProgramFixture } from '../support/coaching.js';
import { unique } from '../support/factories.js';
import { createFirm, type FirmFixture } from '../support/firms.js';
import { emailsTo, type SentEmail } from '../support/inbox.js';

/**
 * Sponsor progress reports (shared/schedules/reports.ts, shared/coaching/reports.ts): the weekly report goes out at
 * the sponsor's local Monday 08:00, once however often a tick or a message comes; what it shows follows the sharing
 * level, in the email's text and HTML and on its web version; the coach's preview sends nothing; "send now" twice
 * sends one report.
 */
// The fixtures' sessions are in late November 2026 (a Wednesday): the first weekly report is Monday 30 November.
useClockFrom('2026-11-25T12:00:00Z');
const api = useApi();
const log = createLogger({ test: 'reports' });
let F: FirmFixture;

const PLANTED = { reflection: `Reflection-Okapi-${unique()}`, obstacle: `Obstacle-Walrus-${unique()}` };
const TITLE = 'Block two focus hours on Monday';

const sweep = (at: string) => sendDueReports(tenantScope(F.tenantId), new Date(at), { appUrl: api.url(), log });
const item = async (key: { PK: string; SK: string }) => (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;
const schedule = (p: ProgramFixture, sponsorId = p.sponsorId) => item(keys.reportSchedule(tenantScope(F.tenantId), p.programId, sponsorId));
const reports = async (to: string) => (await emailsTo(to)).filter((m) => /Progress report|Fortschrittsbericht/.test(m.subject));
const webPath = (mail: SentEmail) => /\/report\?token=[\w.%-]+/.exec(mail.body.text ?? '')![0];

/** A weekly program whose client marked the agreed action "not done", with a reflection and an obstacle. */
async function weeklyProgram(sharingLevel: SharingLevel, title = 'Leading the new team'): Promise<ProgramFixture> {
  const p = await createProgram(F, 'coach', { program: { reportCadence: 'weekly', sharingLevel, title } });
  // The coach proposes the level; the client agrees to it (until then reports share counts only: sharing.test.ts).
  await agreeToShare(api, p, sharingLevel);
  expect((await F.as('coach', 'PATCH', `/v1/programs/${p.programId}/actions/${p.actionId}`, { status: 'not_done', reflection: PLANTED.reflection })).status).toBe(200);
  expect((await F.as('coach', 'POST', `/v1/programs/${p.programId}/obstacles`, { actionId: p.actionId, text: PLANTED.obstacle, category: 'time' })).status).toBe(201);
  return p;
}

let P: ProgramFixture;

beforeAll(async () => {
  F = await createFirm(api);
  P = await weeklyProgram('actions');
}, 120_000);

describe('the weekly report', () => {
  it('wakes at the earliest zone’s Monday 08:00, moves to the sponsor’s own, and goes out then, once', async () => {
    expect(await schedule(P)).toMatchObject({ reportDay: '2026-11-30', dueAt: '2026-11-29T18:00:00.000Z' });
    expect(await sweep('2026-11-29T17:59:00Z')).toMatchObject({ due: 0, sent: 0 });
    expect(await sweep('2026-11-29T18:00:00Z')).toMatchObject({ sent: 0, moved: 1 });
    // The sponsor is in the firm's zone: Monday 08:00 in Zurich is 07:00 UTC.
    expect(await schedule(P)).toMatchObject({ reportDay: '2026-11-30', dueAt: '2026-11-30T07:00:00.000Z' });
    await sweep('2026-11-30T06:59:00Z');
    expect(await reports(P.sponsorEmail)).toHaveLength(0);

    expect(await sweep('2026-11-30T07:00:00Z')).toMatchObject({ sent: 1 });
    expect(await sweep('2026-11-30T07:00:00Z')).toMatchObject({ due: 0, sent: 0 });
    await sweep('2026-11-30T09:00:00Z');
    const [mail, ...more] = await reports(P.sponsorEmail);
    expect(more).toHaveLength(0);
    expect(mail!.replyTo).toEqual([F.coach.email]);
    expect(mail!.body.text).toContain('from 23 Nov 2026 to 29 Nov 2026');
    expect(mail!.body.text).toMatch(/Micro actions, this period: 1 captured, 0 done, 0 partly done, 1 not done/);
    expect(mail!.body.html).toMatch(/<td width="\d+%" height="14" bgcolor="#2f6f5e"/);

    // The coach's copy: its own email, no link of the sponsor's.
    const copy = (await emailsTo(F.coach.email)).filter((m) => m.subject.startsWith('Copy: the progress report')).at(-1)!;
    expect(copy.body.text).toContain('1 not done');
    expect(copy.body.text).not.toContain('/report?token=');

    // Moved on to the next Monday; the snapshot is in the program's collection, and the program page lists it.
    const moved = await schedule(P);
    expect(moved).toMatchObject({ reportDay: '2026-12-07', dueAt: '2026-12-07T07:00:00.000Z', reportsSent: 1 });
    const reportId = `2026-11-30#${P.sponsorId}`;
    expect(await item(keys.reportSnapshot(tenantScope(F.tenantId), P.programId, reportId))).toMatchObject({ type: 'Report', sponsorId: P.sponsorId, period: { start: '2026-11-23', end: '2026-11-30' } });
    const page = await F.as('coach', 'GET', `/v1/programs/${P.programId}`);
    expect(page.body.reports.sent).toEqual([expect.objectContaining({ reportId, sponsorId: P.sponsorId, trigger: 'scheduled' })]);
    expect(page.body.reports.next).toEqual([{ sponsorId: P.sponsorId, reportDay: '2026-12-07', dueAt: '2026-12-07T07:00:00.000Z' }]);

    // Its web version: the snapshot, read only, with the headers of a link page.
    const web = await clientRequest(api, 'GET', webPath(mail!));
    expect(web.status).toBe(200);
    expect(web.html).toContain(TITLE);
    expect(web.headers.get('referrer-policy')).toBe('no-referrer');
    expect(web.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(web.html).not.toMatch(/<script|<form/);
  });

  it('a sponsor in New York gets it at Monday 08:00 New York time (13:00 UTC), not the client’s', async () => {
    const sponsor = await F.as('coach', 'POST', '/v1/sponsors', { name: 'Nora New York', email: `nora-${unique()}@client.example`, role: 'HR', timeZone: 'America/New_York', locale: 'de' });
    expect(sponsor.status).toBe(201);
    const N = await createProgram(F, 'coach', { program: { reportCadence: 'weekly', title: 'Across the ocean' } });
    expect((await F.as('coach', 'PATCH', `/v1/programs/${N.programId}`, { sponsorIds: [sponsor.body.sponsor.sponsorId] })).status).toBe(200);
    const nora = sponsor.body.sponsor.email as string;
    // Taken off the program, the first sponsor leaves the due index.
    expect((await schedule(N))?.GSI2PK).toBeUndefined();
    await sweep('2026-11-29T18:00:00Z');
    expect(await schedule(N, sponsor.body.sponsor.sponsorId)).toMatchObject({ dueAt: '2026-11-30T13:00:00.000Z' });
    await sweep('2026-11-30T07:00:00Z');
    expect(await reports(nora)).toHaveLength(0);
    await sweep('2026-11-30T13:00:00Z');
    const got = await reports(nora);
    expect(got).toHaveLength(1);
    // In the sponsor's language.
    expect(got[0]!.subject).toMatch(/^Fortschrittsbericht/);
    expect(await reports(N.sponsorEmail)).toHaveLength(0);
  });

  it('a paused program leaves the due index and sends nothing; resumed, it is scheduled again', async () => {
    const Q = await createProgram(F, 'coach', { program: { reportCadence: 'weekly', title: 'Paused a while' } });
    expect((await F.as('coach', 'PATCH', `/v1/programs/${Q.programId}`, { status: 'paused' })).status).toBe(200);
    expect((await schedule(Q))?.GSI2PK).toBeUndefined();
    await sweep('2026-11-30T07:00:00Z');
    expect(await reports(Q.sponsorEmail)).toHaveLength(0);
    expect((await F.as('coach', 'PATCH', `/v1/programs/${Q.programId}`, { status: 'active' })).status).toBe(200);
    expect(await schedule(Q)).toMatchObject({ reportDay: expect.any(String), GSI2PK: keys.dueReportsPartition(tenantScope(F.tenantId)) });
  });

  it('a change of cadence moves the schedule: monthly goes out on the first Monday of the month', async () => {
    const M = await createProgram(F, 'coach', { program: { reportCadence: 'weekly', title: 'Now monthly' } });
    expect(await schedule(M)).toMatchObject({ reportDay: '2026-11-30' });
    expect((await F.as('coach', 'PATCH', `/v1/programs/${M.programId}`, { reportCadence: 'monthly' })).status).toBe(200);
    expect(await schedule(M)).toMatchObject({ reportDay: '2026-12-07', dueAt: '2026-12-06T18:00:00.000Z' });
  });

  it('the coach gets no copy when the firm says so; the sponsor still gets theirs', async () => {
    expect((await F.as('owner', 'PATCH', '/v1/settings', { reportDefaults: { coachCopy: false } })).status).toBe(200);
    try {
      const K = await createProgram(F, 'coach', { program: { title: 'No copy please' } });
      const copies = (await emailsTo(F.coach.email)).filter((m) => m.subject.startsWith('Copy:')).length;
      expect((await F.as('coach', 'POST', `/v1/programs/${K.programId}/reports`)).status).toBe(202);
      expect(await reports(K.sponsorEmail)).toHaveLength(1);
      expect((await emailsTo(F.coach.email)).filter((m) => m.subject.startsWith('Copy:'))).toHaveLength(copies);
    } finally {
      expect((await F.as('owner', 'PATCH', '/v1/settings', { reportDefaults: { coachCopy: true } })).status).toBe(200);
    }
  });

  it('leaves the client reminders alone: their sweep reads none of the report entries', async () => {
    const R = await createProgram(F, 'coach', { program: { reportCadence: 'weekly', title: 'Both kinds due' } });
    const run = await sendDueReminders(tenantScope(F.tenantId), new Date('2026-11-29T18:00:00Z'), { appUrl: api.url(), log });
    expect(run.dropped).toBe(0);
    expect((await schedule(R))?.GSI2PK).toBe(keys.dueReportsPartition(tenantScope(F.tenantId)));
  });
});

describe('what the report sweep reads', () => {
  it('nothing due: one Query of the due index; each report: 5 round trips more, whatever else the firm holds', async () => {
    const C = await createProgram(F, 'coach', { program: { reportCadence: 'weekly', title: 'Counted' } });
    // Two weeks behind (no sweep ran): only the latest period's report goes out, then the schedule is up to date.
    await sweep('2026-12-13T18:00:00Z');
    const [late] = await reports(C.sponsorEmail);
    expect(late!.body.text).toContain('from 30 Nov 2026 to 6 Dec 2026');
    expect(await schedule(C)).toMatchObject({ reportDay: '2026-12-14', dueAt: '2026-12-14T07:00:00.000Z' });
    let before = dynamoCallCount();
    expect(await sweep('2026-12-13T18:00:00Z')).toMatchObject({ due: 0 });
    expect(dynamoCallCount() - before).toBe(1);
    before = dynamoCallCount();
    const run = await sweep('2026-12-14T07:00:00Z');
    const calls = dynamoCallCount() - before;
    expect(run.sent).toBeGreaterThan(1);
    expect(await reports(C.sponsorEmail)).toHaveLength(2);
    // The due index, the firm with programs and sponsors, the coaches; per report (one sponsor per program here) its
    // program's one Query, one transaction, the sponsor's suppression entry (the report is an email of a list; the
    // coach's copy is not) and two emails marked sent (the sponsor's, the coach's copy); one write per entry moved or
    // dropped.
    expect(calls).toBe(3 + run.sent * 5 + run.moved + run.dropped);
  });
});

describe('sharing levels', () => {
  const cases: [SharingLevel, { title: boolean; notes: boolean }][] = [
    ['metrics', { title: false, notes: false }],
    ['actions', { title: true, notes: false }],
    ['full', { title: true, notes: true }],
  ];
  for (const [level, shows] of cases) {
    it(`"${level}": ${shows.title ? 'action titles' : 'no action title'}, ${shows.notes ? 'obstacles and reflections' : 'no obstacle or reflection'} (text, HTML, web version); never coach notes`, async () => {
      const S = await weeklyProgram(level, `Sharing ${level}`);
      expect((await F.as('coach', 'POST', `/v1/programs/${S.programId}/reports`)).status).toBe(202);
      const [mail] = await reports(S.sponsorEmail);
      const web = await clientRequest(api, 'GET', webPath(mail!));
      expect(web.status).toBe(200);
      for (const shown of [mail!.body.text ?? '', mail!.body.html ?? '', web.html]) {
        expect(shown.includes(TITLE)).toBe(shows.title);
        expect(shown.includes(PLANTED.obstacle)).toBe(shows.notes);
        expect(shown.includes(PLANTED.reflection)).toBe(shows.notes);
        expect(shown).not.toMatch(/Private note|seems tired|where your week goes/);
        expect(shown).toContain(`Sharing ${level}`);
      }
    });
  }
});

describe('the coach’s preview and "send now"', () => {
  it('the preview shows the next report and sends and stores nothing', async () => {
    const V = await weeklyProgram('full', 'Previewed');
    const before = await programItems(F.tenantId, V.programId);
    const preview = await F.as('coach', 'GET', `/v1/programs/${V.programId}/report-preview`);
    expect(preview.status).toBe(200);
    expect(preview.body.period).toEqual({ start: '2026-11-23', end: '2026-11-30' });
    expect(preview.body.content.actions.period).toEqual({ captured: 1, done: 0, partly: 0, notDone: 1 });
    expect(preview.body.content.obstacles).toEqual([expect.objectContaining({ text: PLANTED.obstacle })]);
    expect(preview.body.text).toContain(PLANTED.reflection);
    expect(await programItems(F.tenantId, V.programId)).toBe(before);
    expect(await emailsTo(V.sponsorEmail)).toHaveLength(0);
  });

  it('sent now twice (a double click) is one report', async () => {
    const W = await createProgram(F, 'coach', { program: { title: 'Sent now' } });
    const first = await F.as('coach', 'POST', `/v1/programs/${W.programId}/reports`);
    expect(first.status).toBe(202);
    expect(first.body.reports).toEqual([{ sponsorId: W.sponsorId, reportId: expect.stringMatching(/#now$/), email: 'sent' }]);
    const again = await F.as('coach', 'POST', `/v1/programs/${W.programId}/reports`);
    expect(again.body.reports).toEqual([{ sponsorId: W.sponsorId, reportId: first.body.reports[0].reportId, email: 'sent-already' }]);
    expect(await reports(W.sponsorEmail)).toHaveLength(1);
    expect((await F.as('coach', 'GET', `/v1/programs/${W.programId}`)).body.reports.sent).toHaveLength(1);
  });

  it('the sponsor unsubscribes with the report’s one-click link: later reports are held back, and the coach sees why', async () => {
    const U = await createProgram(F, 'coach', { program: { title: 'Enough reports' } });
    expect((await F.as('coach', 'POST', `/v1/programs/${U.programId}/reports`)).status).toBe(202);
    const [mail] = await reports(U.sponsorEmail);
    expect(mail!.body.text).toMatch(/Unsubscribe from these reports: .*\/unsubscribe\?token=/);
    const token = decodeURIComponent(/\/unsubscribe\?token=([^\s&]+)/.exec(mail!.body.text!)![1]!);
    const done = await fetch(`${api.url()}/unsubscribe?token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site', origin: 'https://mail.example' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(done.status).toBe(200);
    expect((await F.as('coach', 'GET', `/v1/sponsors/${U.sponsorId}`)).body.sponsor.emailSuppressed).toEqual({ reason: 'unsubscribed', since: expect.any(String) });
    // The report of the next days is written (the program page lists it) but not sent to the sponsor.
    vi.setSystemTime(new Date(Date.now() + 2 * 86_400_000));
    const next = await F.as('coach', 'POST', `/v1/programs/${U.programId}/reports`);
    vi.setSystemTime(new Date(Date.now() - 2 * 86_400_000));
    expect(next.body.reports).toEqual([{ sponsorId: U.sponsorId, reportId: expect.any(String), email: 'suppressed' }]);
    expect(await reports(U.sponsorEmail)).toHaveLength(1);
  });

  it('a program without sponsors has nobody to report to: 409, nothing written', async () => {
    const X = await createProgram(F, 'coach', { program: { title: 'Nobody to tell' } });
    expect((await F.as('coach', 'PATCH', `/v1/programs/${X.programId}`, { sponsorIds: [] })).status).toBe(200);
    const before = await programItems(F.tenantId, X.programId);
    const res = await F.as('coach', 'POST', `/v1/programs/${X.programId}/reports`);
    expect(res.status).toBe(409);
    expect(await programItems(F.tenantId, X.programId)).toBe(before);
  });
});

describe('through the tick and the queue', () => {
  const work = workTenantSweep;

  it('the same tick twice sends one report; the same SQS message twice sends the next week’s once', async () => {
    const T = await createProgram(F, 'coach', { program: { reportCadence: 'weekly', title: 'Ticked twice' } });
    await sweep('2026-11-29T18:00:00Z');
    await Promise.all([tick(new Date('2026-11-30T07:00:00Z'), ['tenant-tick']), tick(new Date('2026-11-30T07:00:00Z'), ['tenant-tick'])]);
    expect(await reports(T.sponsorEmail)).toHaveLength(1);

    expect(await work(sweepMessage(F.tenantId, '2026-12-07T07:00:00.000Z', 1))).toEqual({ batchItemFailures: [] });
    expect(await work(sweepMessage(F.tenantId, '2026-12-07T07:00:00.000Z', 2))).toEqual({ batchItemFailures: [] });
    const sent = await reports(T.sponsorEmail);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.body.text).toContain('from 30 Nov 2026 to 6 Dec 2026');
  }, 60_000);
});
