import { beforeAll, describe, expect, it, vi } from 'vitest';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../shared/db/client.js';
import { keys, tenantScope } from '../../shared/db/keys.js';
import { PULSE_LIMIT } from '../../shared/domain/pulse.js';
import { useApi } from '../support/api.js';
import { useClockFrom } from '../support/clock.js';
import { clientRequest, createProgram, programItems, type ProgramFixture } from '../support/coaching.js';
import { createFirm, type FirmFixture } from '../support/firms.js';
import { emailsTo, type SentEmail } from '../support/inbox.js';

/**
 * The sponsor's one-question pulse (shared/coaching/pulse.ts, functions/http/report/pulse.ts): each report email asks
 * the sponsor one question with five answer links; a link opens a confirm page that records nothing; its POST records
 * the answer once per report, in the program's collection, and the coach's program page shows it.
 */
useClockFrom('2026-11-25T12:00:00Z');
const api = useApi();
let F: FirmFixture;
let G: FirmFixture;
let P: ProgramFixture;
let mail: SentEmail;

const QUESTION = 'Since the last report, how much change have you observed in Delegation?';
const reports = async (to: string) => (await emailsTo(to)).filter((m) => /Progress report/.test(m.subject));
/** The five answer links of a report email's text part, by answer. */
const answerPaths = (m: SentEmail) => [...(m.body.text ?? '').matchAll(/\/pulse\?token=[\w.%-]+&answer=(\d)/g)].map((x) => x[0]);
const tokenOf = (path: string) => decodeURIComponent(/token=([^&]+)/.exec(path)![1]!);
const pulsePage = (method: 'GET' | 'POST', path: string, form?: Record<string, string>, headers: Record<string, string> = {}) => clientRequest(api, method, path, form, headers);
const programPulse = async (firm: FirmFixture, p: ProgramFixture) => {
  const page = await firm.as('coach', 'GET', `/v1/programs/${p.programId}`);
  expect(page.status).toBe(200);
  return page.body.pulse.answers as Record<string, unknown>[];
};
/** Runs `attempt`; afterwards the program is item by item as before (nothing written). */
async function writesNothing(p: ProgramFixture, firm: FirmFixture, attempt: () => Promise<void>) {
  const before = await programItems(firm.tenantId, p.programId);
  await attempt();
  expect(await programItems(firm.tenantId, p.programId)).toBe(before);
}

beforeAll(async () => {
  F = await createFirm(api);
  G = await createFirm(api);
  P = await createProgram(F, 'coach', { program: { title: 'Pulse of the team' } });
  expect((await F.as('coach', 'POST', `/v1/programs/${P.programId}/reports`)).status).toBe(202);
  [mail] = (await reports(P.sponsorEmail)) as [SentEmail];
}, 120_000);

describe('the question in the report email', () => {
  it('asks about the program’s first competency, in the text and the HTML, with five answer links to the report’s own link', async () => {
    expect(mail.body.text).toContain(QUESTION);
    expect(mail.body.html).toContain(QUESTION);
    const paths = answerPaths(mail);
    expect(paths.map((p) => p.slice(-1))).toEqual(['1', '2', '3', '4', '5']);
    expect(mail.body.text).toMatch(/1 no change: \S+\/pulse\?token=/);
    expect(mail.body.text).toMatch(/5 a lot of change: \S+\/pulse\?token=/);
    expect([...(mail.body.html ?? '').matchAll(/href="[^"]*\/pulse\?token=[^"]+&amp;answer=\d"/g)]).toHaveLength(5);
    // The same token as the web version's link: the report's own link, naming this report only.
    const web = /\/report\?token=([\w.%-]+)/.exec(mail.body.text ?? '')![1]!;
    for (const path of paths) expect(tokenOf(path)).toBe(decodeURIComponent(web));
    // The snapshot keeps what was asked.
    const snapshot = await db().send(new GetCommand({ TableName: tableName(), Key: keys.reportSnapshot(tenantScope(F.tenantId), P.programId, `2026-11-26#${P.sponsorId}#now`) }));
    expect(snapshot.Item?.pulse).toEqual({ subject: 'Delegation' });
    // The coach's copy asks nothing.
    const copy = (await emailsTo(F.coach.email)).filter((m) => m.subject.startsWith('Copy: the progress report')).at(-1)!;
    expect(copy.body.text).not.toContain('/pulse');
    expect(copy.body.text).not.toContain(QUESTION);
  });
});

describe('answering', () => {
  it('opening an answer link records nothing and shows the question with that answer chosen', async () => {
    const path = answerPaths(mail)[3]!;
    await writesNothing(P, F, async () => {
      // A mail scanner's HEAD and GET alike.
      await clientRequest(api, 'HEAD', path);
      const page = await pulsePage('GET', path);
      expect(page.html).toContain(QUESTION);
      expect(page.html).toMatch(/<input type="radio" id="answer-4" name="answer" value="4" checked>/);
      expect(page.html.match(/ checked/g)).toHaveLength(1);
      expect(page.html).toContain('<form method="post" action="/pulse"');
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    });
    expect(await programPulse(F, P)).toEqual([]);
  });

  it('a bad answer (0, 6, "x") is a 400 page that says so, in the link and in the form; nothing is written', async () => {
    const token = tokenOf(answerPaths(mail)[0]!);
    await writesNothing(P, F, async () => {
      for (const answer of ['0', '6', 'x']) {
        const opened = await pulsePage('GET', `/pulse?token=${encodeURIComponent(token)}&answer=${answer}`);
        expect(opened.status).toBe(400);
        expect(opened.html).toContain('Choose an answer from 1 (no change) to 5 (a lot of change).');
        expect(opened.html).not.toContain(' checked');
        const posted = await pulsePage('POST', '/pulse', { token, answer });
        expect(posted.status).toBe(400);
        expect(posted.html).toContain('Choose an answer from 1 (no change) to 5 (a lot of change).');
      }
      // A form that names another report (or anything but token and answer) widens nothing: 400.
      expect((await pulsePage('POST', '/pulse', { token, answer: '3', reportId: `2026-11-30#${P.sponsorId}` })).status).toBe(400);
    });
  });

  it('a cross-site POST is refused (403), nothing written', async () => {
    const token = tokenOf(answerPaths(mail)[4]!);
    await writesNothing(P, F, async () => {
      expect((await pulsePage('POST', '/pulse', { token, answer: '5' }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
      expect((await pulsePage('POST', '/pulse', { token, answer: '5' }, { origin: 'https://attacker.example' })).status).toBe(403);
    });
  });

  it('a dead or retargeted link is the report link’s 410 page, nothing written in either firm', async () => {
    const Q = await createProgram(G, 'coach', { program: { title: 'Another firm’s program' } });
    expect((await G.as('coach', 'POST', `/v1/programs/${Q.programId}/reports`)).status).toBe(202);
    const [other] = await reports(Q.sponsorEmail);
    const gToken = tokenOf(answerPaths(other!)[1]!);
    // G's report token with F's tenant id: a link of neither.
    const retargeted = `${F.tenantId}${gToken.slice(gToken.indexOf('.'))}`;
    await writesNothing(P, F, () =>
      writesNothing(Q, G, async () => {
        for (const token of [retargeted, tokenOf(answerPaths(mail)[1]!).slice(0, -3)]) {
          const opened = await pulsePage('GET', `/pulse?token=${encodeURIComponent(token)}&answer=2`);
          expect(opened.status).toBe(410);
          expect(opened.html).toContain('The coaching firm can send a report again.');
          expect((await pulsePage('POST', '/pulse', { token, answer: '2' })).status).toBe(410);
        }
        // A client link is not a report link.
        expect((await pulsePage('POST', '/pulse', { token: P.token, answer: '2' })).status).toBe(410);
      }),
    );
  });

  it('the POST records it once: the program page shows it; a second POST keeps the first answer', async () => {
    const token = tokenOf(answerPaths(mail)[3]!);
    const done = await pulsePage('POST', '/pulse', { token, answer: '4' }, { 'sec-fetch-site': 'same-origin' });
    expect(done.status).toBe(200);
    expect(done.html).toContain('Thank you');
    expect(done.html).toContain('Your answer is recorded: 4.');
    const answers = await programPulse(F, P);
    expect(answers).toEqual([{ reportId: `2026-11-26#${P.sponsorId}#now`, sponsorId: P.sponsorId, subject: 'Delegation', answer: 4, periodEnd: '2026-11-26', answeredAt: expect.any(String) }]);

    await writesNothing(P, F, async () => {
      const again = await pulsePage('POST', '/pulse', { token, answer: '1' });
      expect(again.status).toBe(200);
      expect(again.html).toContain('Your answer to this report was recorded already: 4.');
      // Its link opened again says so too, with no form.
      const opened = await pulsePage('GET', answerPaths(mail)[0]!);
      expect(opened.html).toContain('recorded already: 4.');
      expect(opened.html).not.toContain('<form');
    });
    expect(await programPulse(F, P)).toEqual(answers);
  });

  it('the next report asks about the next competency; its answer joins the first, oldest first', async () => {
    vi.setSystemTime(new Date(Date.now() + 7 * 86_400_000));
    try {
      expect((await F.as('coach', 'POST', `/v1/programs/${P.programId}/reports`)).status).toBe(202);
    } finally {
      vi.setSystemTime(new Date(Date.now() - 7 * 86_400_000));
    }
    const next = (await reports(P.sponsorEmail)).at(-1)!;
    expect(next.body.text).toContain('Since the last report, how much change have you observed in Feedback?');
    expect((await pulsePage('POST', '/pulse', { token: tokenOf(answerPaths(next)[1]!), answer: '2' })).status).toBe(200);
    expect((await programPulse(F, P)).map((a) => [a.periodEnd, a.subject, a.answer])).toEqual([
      ['2026-11-26', 'Delegation', 4],
      ['2026-12-03', 'Feedback', 2],
    ]);
  });

  it('a sponsor’s answers stop at PULSE_LIMIT per program: later reports ask nothing, and an answer past it is not kept', async () => {
    const L = await createProgram(F, 'coach', { program: { title: 'Answered often' } });
    expect((await F.as('coach', 'POST', `/v1/programs/${L.programId}/reports`)).status).toBe(202);
    const [asked] = await reports(L.sponsorEmail);
    // As if the sponsor had answered PULSE_LIMIT reports of this program (set on their schedule, which counts them).
    const schedule = keys.reportSchedule(tenantScope(F.tenantId), L.programId, L.sponsorId);
    await db().send(new UpdateCommand({ TableName: tableName(), Key: schedule, UpdateExpression: 'SET pulses = :n', ExpressionAttributeValues: { ':n': PULSE_LIMIT } }));
    await writesNothing(L, F, async () => {
      const late = await pulsePage('POST', '/pulse', { token: tokenOf(answerPaths(asked!)[2]!), answer: '3' });
      expect(late.status).toBe(200);
      expect(late.html).toContain('This program keeps no more answers');
    });
    expect(await programPulse(F, L)).toEqual([]);
    vi.setSystemTime(new Date(Date.now() + 7 * 86_400_000));
    try {
      expect((await F.as('coach', 'POST', `/v1/programs/${L.programId}/reports`)).status).toBe(202);
    } finally {
      vi.setSystemTime(new Date(Date.now() - 7 * 86_400_000));
    }
    const sent = await reports(L.sponsorEmail);
    expect(sent).toHaveLength(2);
    const next = sent.at(-1)!;
    expect(next.body.text).toContain('Open this report in the browser');
    expect(next.body.text).not.toContain('/pulse');
    expect(next.body.html).not.toContain('/pulse');
  });
});
