import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db, dynamoCallCount, tableName } from '../../shared/db/client.js';
import { keys, tenantScope } from '../../shared/db/keys.js';
import { createLogger } from '../../shared/log.js';
import { sendDueReminders } from '../../shared/schedules/reminders.js';
import { useApi } from '../support/api.js';
import { useClockFrom } from '../support/clock.js';
import { agreeToShare, clientRequest, createProgram, programItems, type ProgramFixture } from '../support/coaching.js';
import { unique } from '../support/factories.js';
import { createFirm, type FirmFixture } from '../support/firms.js';
import { emailsTo } from '../support/inbox.js';

/**
 * The self-assessment on the four stages of competence, from the outside: the invitation the program schedules and
 * the client's digest carries (then moved on to the next round), the client's page behind their link (GET changes
 * nothing; a bad stage or an unknown competency is a 400 with nothing written; answers change until the next round),
 * the coach's view beside the client's, "send one now", and the program page still one Query.
 */
// The fixture program starts on 1 November 2026: rounds open on 1 and 29 November, then every four weeks.
useClockFrom('2026-11-25T12:00:00Z');
const api = useApi();
const log = createLogger({ test: 'assessments' });
let F: FirmFixture;
let P: ProgramFixture;

const item = async (key: { PK: string; SK: string }) => (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;
const assessmentPath = (p: ProgramFixture) => `/client/assessment?token=${encodeURIComponent(p.token)}`;
const page = (p: ProgramFixture) => clientRequest(api, 'GET', assessmentPath(p));
const roundOn = (html: string) => /name="round" value="([^"]+)"/.exec(html)![1]!;
const answers = (round: string, stages: [string, string], extra: Record<string, string> = {}) => ({
  round,
  'competency-0': 'Delegation',
  'stage-0': stages[0],
  'note-0': '',
  'competency-1': 'Feedback',
  'stage-1': stages[1],
  'note-1': '',
  ...extra,
});
const submit = (p: ProgramFixture, form: Record<string, string>, headers: Record<string, string> = {}) => clientRequest(api, 'POST', '/client/assessment', { token: p.token, ...form }, headers);

beforeAll(async () => {
  F = await createFirm(api);
  P = await createProgram(F, 'coach');
}, 120_000);

describe('the invitation', () => {
  it('is scheduled with the program for its next round at the client’s digest time; the digest links to the assessment page, then it moves on', async () => {
    const scope = tenantScope(F.tenantId);
    // Created on 25 November: the next round opens on Sunday 29 November, at 08:00 in Zurich.
    expect(await item(keys.assessmentInvitation(scope, P.programId))).toMatchObject({ opensOn: '2026-11-29', dueAt: '2026-11-29T07:00:00.000Z', cadence: { startDate: '2026-11-01', everyWeeks: 4 } });
    const before = (await emailsTo(P.clientEmail)).length;
    await sendDueReminders(scope, new Date('2026-11-29T07:00:00Z'), { appUrl: api.url(), log });
    const digest = (await emailsTo(P.clientEmail)).slice(before);
    expect(digest).toHaveLength(1);
    expect(digest[0]!.body.text).toMatch(/It is time to look at where you stand[^]*Take your self-assessment: .*\/client\/assessment\?token=/);
    // Moved on to the round four weeks later, still due at the client's digest time.
    expect(await item(keys.assessmentInvitation(scope, P.programId))).toMatchObject({ opensOn: '2026-12-27', dueAt: '2026-12-27T07:00:00.000Z', sentAt: '2026-11-29T07:00:00.000Z' });
  });
});

describe('the client’s page', () => {
  it('GET shows the open round (every competency, four stages in plain words) and changes nothing', async () => {
    const before = await programItems(F.tenantId, P.programId);
    const res = await page(P);
    expect(res.status).toBe(200);
    expect(roundOn(res.html)).toBe('2026-11-01');
    expect(res.html).toContain('<legend>Delegation</legend>');
    expect(res.html).toContain('<legend>Feedback</legend>');
    for (const stage of ['I didn’t know I couldn’t', 'I know I can’t yet', 'I can, with effort', 'I do it without thinking']) expect(res.html).toContain(stage);
    expect(await programItems(F.tenantId, P.programId)).toBe(before);
    // The client's main page leads to it while the round is unanswered.
    expect((await clientRequest(api, 'GET', P.linkPath)).html).toContain('Your self-assessment is open');
  });

  it('a bad stage, an unknown competency or a missing answer is a 400 naming the field, keeps what was typed, and writes nothing', async () => {
    const before = await programItems(F.tenantId, P.programId);
    const note = `Note-${unique()}`;
    const badStage = await submit(P, answers('2026-11-01', ['5', '2'], { 'note-0': note }));
    expect(badStage.status).toBe(400);
    expect(badStage.html).toContain('Pick the stage that fits now.');
    expect(badStage.html).toContain('href="#stage-0-1"');
    expect(badStage.html).toContain(note);
    const unknown = await submit(P, answers('2026-11-01', ['2', '2'], { 'competency-1': 'Negotiation' }));
    expect(unknown.status).toBe(400);
    expect(unknown.html).toContain('id="stage-1-error"');
    const missing = await submit(P, answers('2026-11-01', ['2', '']));
    expect(missing.status).toBe(400);
    expect(missing.html).toContain('id="stage-1-error"');
    expect(await programItems(F.tenantId, P.programId)).toBe(before);
  });

  it('a cross-site POST is refused, and answers to a round that is not open are refused; nothing written', async () => {
    const before = await programItems(F.tenantId, P.programId);
    expect((await submit(P, answers('2026-11-01', ['2', '2']), { origin: 'https://evil.example' })).status).toBe(403);
    const closed = await submit(P, answers('2026-10-04', ['2', '2']));
    expect(closed.status).toBe(409);
    expect(closed.html).toContain('This self-assessment has closed meanwhile');
    expect(await programItems(F.tenantId, P.programId)).toBe(before);
  });

  it('saves the answers, which can change until the next round opens; the client sees their history, never the coach’s view', async () => {
    const saved = await submit(P, answers('2026-11-01', ['1', '2'], { 'note-0': 'I still do it all myself.' }));
    expect(saved.status, saved.html.slice(0, 800)).toBe(200);
    expect(saved.html).toContain('Saved. Thank you');
    const changed = await submit(P, answers('2026-11-01', ['2', '2']));
    expect(changed.status).toBe(200);
    const stored = await item(keys.assessment(tenantScope(F.tenantId), P.programId, '2026-11-01'));
    expect(stored).toMatchObject({ type: 'Assessment', round: '2026-11-01', kind: 'start', client: { answers: [{ competency: 'Delegation', stage: 2 }, { competency: 'Feedback', stage: 2 }] } });
    expect(stored!.firstClientAnswerAt < stored!.client.at || stored!.firstClientAnswerAt === stored!.client.at).toBe(true);
    expect(stored!.version).toBe(2);

    const coachNote = `Coach-view-${unique()}`;
    const view = await F.as('coach', 'PUT', `/v1/programs/${P.programId}/assessments/2026-11-01/coach-view`, { answers: [{ competency: 'Delegation', stage: 1, note: coachNote }] });
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    expect(view.body.assessment).toMatchObject({ round: '2026-11-01', client: { answers: [{ stage: 2 }, { stage: 2 }] }, coach: { answers: [{ competency: 'Delegation', stage: 1, note: coachNote }], by: F.coach.userId } });
    const listed = await F.as('coach', 'GET', `/v1/programs/${P.programId}/assessments`);
    expect(listed.body.rounds[0]).toMatchObject({ round: '2026-11-01', client: { answers: [{ competency: 'Delegation', stage: 2 }, { competency: 'Feedback', stage: 2 }] }, coach: { answers: [{ stage: 1 }] } });
    expect(listed.body.progress[0]).toMatchObject({ competency: 'Delegation', points: [{ round: '2026-11-01', stage: 2 }], coachPoints: [{ round: '2026-11-01', stage: 1 }] });

    const again = await page(P);
    expect(again.html).toContain('value="2" checked');
    expect(again.html).not.toContain(coachNote);
    expect(again.html).toContain('How it has moved');
    expect((await clientRequest(api, 'GET', P.linkPath)).html).not.toContain('Your self-assessment is open');
  });

  it('the coach’s view of a round that has not opened, or of an unknown competency, is refused and writes nothing', async () => {
    const before = await programItems(F.tenantId, P.programId);
    expect((await F.as('coach', 'PUT', `/v1/programs/${P.programId}/assessments/2026-11-02/coach-view`, { answers: [{ competency: 'Delegation', stage: 2 }] })).status).toBe(404);
    expect((await F.as('coach', 'PUT', `/v1/programs/${P.programId}/assessments/2026-12-27/coach-view`, { answers: [{ competency: 'Delegation', stage: 2 }] })).status).toBe(404);
    const unknown = await F.as('coach', 'PUT', `/v1/programs/${P.programId}/assessments/2026-11-01/coach-view`, { answers: [{ competency: 'Negotiation', stage: 2 }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0].field).toBe('answers.0.competency');
    const badStage = await F.as('coach', 'PUT', `/v1/programs/${P.programId}/assessments/2026-11-01/coach-view`, { answers: [{ competency: 'Delegation', stage: 7 }] });
    expect(badStage.status).toBe(400);
    expect(badStage.body.error.fields[0].field).toBe('answers.0.stage');
    expect(await programItems(F.tenantId, P.programId)).toBe(before);
  });

  it('the program page shows each competency’s stages and still reads the program in one Query', async () => {
    const calls = dynamoCallCount();
    const res = await F.as('coach', 'GET', `/v1/programs/${P.programId}`);
    expect(dynamoCallCount() - calls).toBe(2);
    expect(res.body.assessments).toMatchObject({ everyWeeks: 4, open: { round: '2026-11-01', closesOn: '2026-11-29' }, next: { opensOn: '2026-11-29', kind: 'periodic' } });
    expect(res.body.assessments.progress.map((p: { competency: string; latest: { stage: number } }) => [p.competency, p.latest.stage])).toEqual([['Delegation', 2], ['Feedback', 2]]);
  });
});

describe('send one now', () => {
  it('opens a round today and emails the client a link straight to it; a second request the same day sends nothing', async () => {
    const Q = await createProgram(F, 'coach', { program: { title: 'Ready to look again' } });
    const before = (await emailsTo(Q.clientEmail)).length;
    const sent = await F.as('coach', 'POST', `/v1/programs/${Q.programId}/assessments`);
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(sent.body).toEqual({ round: '2026-11-25', email: 'sent' });
    const again = await F.as('coach', 'POST', `/v1/programs/${Q.programId}/assessments`, {});
    expect(again.body).toEqual({ round: '2026-11-25', email: 'sent-already' });
    const mails = (await emailsTo(Q.clientEmail)).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('where do you stand today?');
    const path = /\/client\/assessment\?token=[\w.%-]+/.exec(mails[0]!.body.text ?? '')![0];
    const opened = await clientRequest(api, 'GET', path);
    expect(opened.status).toBe(200);
    expect(roundOn(opened.html)).toBe('2026-11-25');
    // A program without competencies has nothing to assess, and keeps no invitation.
    const none = await createProgram(F, 'coach');
    expect(await item(keys.assessmentInvitation(tenantScope(F.tenantId), none.programId))).toBeDefined();
    expect((await F.as('coach', 'PATCH', `/v1/programs/${none.programId}`, { competencies: [] })).status).toBe(200);
    expect(await item(keys.assessmentInvitation(tenantScope(F.tenantId), none.programId))).toBeUndefined();
    expect((await F.as('coach', 'POST', `/v1/programs/${none.programId}/assessments`)).status).toBe(409);
    expect((await F.as('coach', 'POST', `/v1/programs/${none.programId}/assessments`, { when: 'now' })).status).toBe(400);
  });
});

describe('reports', () => {
  it('show the stage movement per competency once there is more than one self-assessment (at the `assessments` level, agreed by the client)', async () => {
    const R = await createProgram(F, 'coach', { program: { sharingLevel: 'assessments', reportCadence: 'weekly' } });
    await agreeToShare(api, R, 'assessments');
    expect((await submit(R, answers(roundOn((await page(R)).html), ['1', '2']))).status).toBe(200);
    vi.setSystemTime(new Date('2026-11-30T12:00:00Z'));
    const round = roundOn((await page(R)).html);
    expect(round).toBe('2026-11-29');
    expect((await submit(R, answers(round, ['3', '2']))).status).toBe(200);
    vi.setSystemTime(new Date('2026-12-01T12:00:00Z'));
    const preview = await F.as('coach', 'GET', `/v1/programs/${R.programId}/report-preview`);
    expect(preview.status).toBe(200);
    expect(preview.body.content.competenceStages).toMatchObject([
      { competency: 'Delegation', stage: 3, previousStage: 1, firstStage: 1 },
      { competency: 'Feedback', stage: 2, previousStage: 2, firstStage: 2 },
    ]);
    expect(preview.body.text).toContain('Delegation: stage 1 → 3 of 4');
  });
});

describe('the sponsors’ pulse beside the self-assessment', () => {
  it('the coach sees it next to the client’s stages; the client sees it only while sharing `full`', async () => {
    const S = await createProgram(F, 'coach', { program: { sharingLevel: 'full' } });
    await agreeToShare(api, S, 'full');
    expect((await F.as('coach', 'POST', `/v1/programs/${S.programId}/reports`)).status).toBe(202);
    const report = (await emailsTo(S.sponsorEmail)).at(-1)!;
    const token = decodeURIComponent(/\/pulse\?token=([^&\s]+)&answer=4/.exec(report.body.text ?? '')![1]!);
    expect((await clientRequest(api, 'POST', '/pulse', { token, answer: '4' })).status).toBe(200);

    const listed = await F.as('coach', 'GET', `/v1/programs/${S.programId}/assessments`);
    expect(listed.body.pulse.answers).toMatchObject([{ sponsorId: S.sponsorId, subject: 'Delegation', answer: 4 }]);
    const full = await page(S);
    expect(full.html).toContain('What your sponsor observed');
    expect(full.html).toContain('on “Delegation”: 4 of 5');
    // Shared less: the sponsor's answers are theirs and the coach's again.
    await agreeToShare(api, S, 'assessments');
    expect((await page(S)).html).not.toContain('What your sponsor observed');
  });
});
