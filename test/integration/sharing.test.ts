import { beforeAll, describe, expect, it, vi } from 'vitest';
import { tenantScope } from '../../shared/db/keys.js';
import { createLogger } from '../../shared/log.js';
import { sendDueReports } from '../../shared/schedules/reports.js';
import { useApi } from '../support/api.js';
import { useClockFrom } from '../support/clock.js';
import { clientRequest, createProgram, formOn, programItems, type ProgramFixture } from '../support/coaching.js';
import { unique } from '../support/factories.js';
import { createFirm, type FirmFixture } from '../support/firms.js';
import { emailsTo, type SentEmail } from '../support/inbox.js';

/**
 * What sponsors may see, with the client's consent (shared/coaching/sharing.ts, functions/http/client/sharing.ts):
 * the coach proposes a sharing level, the client agrees on their sharing page after a preview; reports share
 * `metrics` until then, the agreement afterwards (never above the proposal), from the next report on. Reports go
 * out through the schedule's sweep, as in reports.test.ts.
 */
// The fixtures' sessions are in late November 2026: the first weekly report is Monday 30 November.
useClockFrom('2026-11-25T12:00:00Z');
const api = useApi();
const log = createLogger({ test: 'sharing' });
let F: FirmFixture;

const TITLE = 'Block two focus hours on Monday';
const PLANTED = { reflection: `Reflection-Heron-${unique()}`, obstacle: `Obstacle-Badger-${unique()}` };
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };

const sweep = (at: string) => sendDueReports(tenantScope(F.tenantId), new Date(at), { appUrl: api.url(), log });
const reports = async (to: string) => (await emailsTo(to)).filter((m) => /^Progress report/.test(m.subject));
const webPath = (mail: SentEmail) => /\/report\?token=[\w.%-]+/.exec(mail.body.text ?? '')![0];
const sharingPath = (p: ProgramFixture, query = '') => `/client/sharing?token=${encodeURIComponent(p.token)}&sponsor=${p.sponsorId}${query}`;
/** The report part of a page: the sponsor's web version and the client's preview render it with the same function. */
const reportPart = (html: string) => /<section class="report">[\s\S]*?<\/section>/.exec(html)?.[0];
const sharingOf = async (p: ProgramFixture) => (await F.as('coach', 'GET', `/v1/programs/${p.programId}`)).body.sharing;

let P: ProgramFixture;

beforeAll(async () => {
  F = await createFirm(api);
  P = await createProgram(F, 'coach', { program: { reportCadence: 'weekly', sharingLevel: 'full', title: 'Proposed in full' } });
  expect((await F.as('coach', 'PATCH', `/v1/programs/${P.programId}/actions/${P.actionId}`, { status: 'not_done', reflection: PLANTED.reflection })).status).toBe(200);
  expect((await F.as('coach', 'POST', `/v1/programs/${P.programId}/obstacles`, { actionId: P.actionId, text: PLANTED.obstacle, category: 'time' })).status).toBe(201);
}, 120_000);

describe('before the client agrees', () => {
  it('a program proposed at "full" sends a report of counts only', async () => {
    expect(await sharingOf(P)).toEqual({ proposed: 'full', effective: 'metrics', history: [{ by: { kind: 'staff', id: F.coach.userId }, change: 'proposed', level: 'full', at: expect.any(String) }] });
    await sweep('2026-11-29T18:00:00Z');
    await sweep('2026-11-30T07:00:00Z');
    const [mail, ...more] = await reports(P.sponsorEmail);
    expect(more).toHaveLength(0);
    expect(mail!.body.text).toMatch(/Micro actions, this period: 1 captured, 0 done, 0 partly done, 1 not done/);
    for (const shown of [mail!.body.text ?? '', mail!.body.html ?? '', (await clientRequest(api, 'GET', webPath(mail!))).html]) {
      expect(shown).toContain('Shared with you: counts and rates.');
      expect(shown).not.toContain(TITLE);
      expect(shown).not.toContain(PLANTED.reflection);
      expect(shown).not.toContain(PLANTED.obstacle);
    }
  });

  it('the client’s page says the coach proposes more, with a link to the sharing page', async () => {
    const page = await clientRequest(api, 'GET', P.linkPath);
    expect(page.html).toContain('Your coach proposes to share more with your sponsor.');
    expect(page.html).toContain(`href="/client/sharing?token=${encodeURIComponent(P.token)}&amp;sponsor=${P.sponsorId}"`);
  });

  it('the sharing page says what is proposed and shared now, previews any level up to the proposal, and changes nothing', async () => {
    const before = await programItems(F.tenantId, P.programId);
    const page = await clientRequest(api, 'GET', sharingPath(P));
    expect(page.status).toBe(200);
    expect(page.html).toContain('Your coach proposes to share: counts, actions, obstacles and reflections.');
    expect(page.html).toContain('You have not agreed yet, so reports show counts and rates only.');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.html).not.toMatch(/<script/);
    // By default the preview shows the proposal: the next report (23 to 29 November) with the client's own words.
    expect(page.html).toMatch(/<input type="radio" id="level-full" name="level" value="full" checked>/);
    const preview = reportPart(page.html)!;
    expect(preview).toContain('from 23 Nov 2026 to 29 Nov 2026');
    expect([preview.includes(TITLE), preview.includes(PLANTED.reflection), preview.includes(PLANTED.obstacle)]).toEqual([true, true, true]);
    const counts = reportPart((await clientRequest(api, 'GET', sharingPath(P, '&level=metrics'))).html)!;
    expect([counts.includes(TITLE), counts.includes(PLANTED.reflection), counts.includes('counts and rates')]).toEqual([false, false, true]);
    const titles = reportPart((await clientRequest(api, 'GET', sharingPath(P, '&level=actions'))).html)!;
    expect([titles.includes(TITLE), titles.includes(PLANTED.reflection)]).toEqual([true, false]);
    expect(await programItems(F.tenantId, P.programId)).toBe(before);
  });
});

describe('the client’s agreement', () => {
  it('a POST from another site is refused with a 403 page, and nothing is written', async () => {
    const form = { ...formOn((await clientRequest(api, 'GET', sharingPath(P))).html, 'agree'), level: 'full' };
    const before = await programItems(F.tenantId, P.programId);
    for (const headers of [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'https://evil.example' }] as Record<string, string>[]) {
      const res = await clientRequest(api, 'POST', '/client/sharing', form, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.html).toContain('This request was refused');
    }
    expect(await programItems(F.tenantId, P.programId)).toBe(before);
  });

  it('a level that is not one, or above the proposal, is a 400 page naming the field; nothing is written', async () => {
    const Q = await createProgram(F, 'coach', { program: { sharingLevel: 'actions', title: 'Proposed actions' } });
    const page = await clientRequest(api, 'GET', sharingPath(Q));
    // Above the proposal cannot be chosen on the page, nor previewed.
    expect(page.html).toMatch(/value="full" disabled>/);
    const asked = await clientRequest(api, 'GET', sharingPath(Q, '&level=full'));
    expect(asked.html).toMatch(/value="actions" checked>/);
    expect(reportPart(asked.html)).toContain('Shared with you: counts and action titles.');
    const form = formOn(page.html, 'agree');
    const before = await programItems(F.tenantId, Q.programId);
    for (const level of ['everything', 'full', '']) {
      const res = await clientRequest(api, 'POST', '/client/sharing', { ...form, level }, SAME_ORIGIN);
      expect(res.status, level).toBe(400);
      expect(res.html).toContain('<div class="errors" role="alert">');
      expect(res.html).toContain('Pick one of the levels your coach proposes, or a lower one.');
      expect(res.html).toMatch(/<a href="#level-\w+">/);
    }
    expect(await programItems(F.tenantId, Q.programId)).toBe(before);
    expect((await sharingOf(Q)).effective).toBe('metrics');
  });

  it('agreeing: recorded once, with who and when; the next report shows what was agreed, exactly as previewed', async () => {
    // A week later the client captures another step and marks it, with a reflection.
    vi.setSystemTime(new Date('2026-12-01T09:00:00Z'));
    const added = await F.as('coach', 'POST', `/v1/programs/${P.programId}/actions`, { title: 'Ask Sam to chair the stand-up' });
    expect((await F.as('coach', 'PATCH', `/v1/programs/${P.programId}/actions/${added.body.action.actionId}`, { status: 'done', reflection: `${PLANTED.reflection}-2` })).status).toBe(200);

    const form = { ...formOn((await clientRequest(api, 'GET', sharingPath(P))).html, 'agree'), level: 'full' };
    const agreed = await clientRequest(api, 'POST', '/client/sharing', form, SAME_ORIGIN);
    expect(agreed.status, agreed.html.slice(0, 800)).toBe(200);
    expect(agreed.html).toContain('Recorded: reports to your sponsor share counts, actions, obstacles and reflections, from the next report on.');
    const preview = reportPart(agreed.html)!;
    expect(preview).toContain('Ask Sam to chair the stand-up');
    // The page as the client opens it again shows the same preview.
    expect(reportPart((await clientRequest(api, 'GET', sharingPath(P))).html)).toBe(preview);

    // The same form again (a double click) records nothing twice.
    const itemsAfter = await programItems(F.tenantId, P.programId);
    const again = await clientRequest(api, 'POST', '/client/sharing', form, SAME_ORIGIN);
    expect(again.status).toBe(200);
    expect(again.html).toContain('This was recorded already');
    expect(await programItems(F.tenantId, P.programId)).toBe(itemsAfter);

    const sharing = await sharingOf(P);
    expect(sharing).toMatchObject({ proposed: 'full', agreed: { level: 'full', at: expect.stringMatching(/^2026-12-01T09:/) }, effective: 'full' });
    expect(sharing.history.map((h: { by: unknown; change: string; level: string }) => [h.by, h.change, h.level])).toEqual([
      [{ kind: 'client' }, 'agreed', 'full'],
      [{ kind: 'staff', id: F.coach.userId }, 'proposed', 'full'],
    ]);
    const audit = (await F.as('owner', 'GET', '/v1/audit?limit=50')).body.events as { actor: unknown; action: string; resource: string; details?: unknown }[];
    expect(audit.filter((e) => e.resource === `program/${P.programId}` && e.action.startsWith('program.sharing'))).toEqual([
      expect.objectContaining({ actor: { kind: 'client', id: P.clientId }, action: 'program.sharing_agreed', details: { level: 'full', proposed: 'full' } }),
    ]);

    // The next report, with nothing changed in between: what the sponsor gets is what the client saw.
    expect(await sweep('2026-12-07T07:00:00Z')).toMatchObject({ sent: expect.any(Number) });
    const mail = (await reports(P.sponsorEmail)).at(-1)!;
    expect(mail.body.text).toContain('from 30 Nov 2026 to 6 Dec 2026');
    expect(mail.body.text).toContain('Ask Sam to chair the stand-up');
    expect(mail.body.text).toContain(`${PLANTED.reflection}-2`);
    const web = await clientRequest(api, 'GET', webPath(mail));
    expect(reportPart(web.html)).toBe(preview);
  });

  it('the coach lowers the proposal: the next report follows at once; raising it again waits for the client', async () => {
    // Staff tokens come from the emulator's wall clock: the test's clock stays before today.
    vi.setSystemTime(new Date('2026-11-26T09:00:00Z'));
    const L = await createProgram(F, 'coach', { program: { reportCadence: 'weekly', sharingLevel: 'full', title: 'Lowered by the coach' } });
    expect((await F.as('coach', 'PATCH', `/v1/programs/${L.programId}/actions/${L.actionId}`, { status: 'partly', reflection: `${PLANTED.reflection}-3` })).status).toBe(200);
    const form = { ...formOn((await clientRequest(api, 'GET', sharingPath(L))).html, 'agree'), level: 'full' };
    expect((await clientRequest(api, 'POST', '/client/sharing', form, SAME_ORIGIN)).status).toBe(200);
    expect((await F.as('coach', 'PATCH', `/v1/programs/${L.programId}`, { sharingLevel: 'actions' })).status).toBe(200);
    const lowered = await sharingOf(L);
    expect(lowered).toMatchObject({ proposed: 'actions', agreed: { level: 'actions' }, effective: 'actions' });
    expect(lowered.history[0]).toEqual({ by: { kind: 'staff', id: F.coach.userId }, change: 'lowered', level: 'actions', at: expect.stringMatching(/^2026-11-26T09:/) });

    await sweep('2026-11-29T18:00:00Z');
    await sweep('2026-11-30T07:00:00Z');
    const [mail] = await reports(L.sponsorEmail);
    expect(mail!.body.text).toContain('Shared with you: counts and action titles.');
    expect(mail!.body.text).toContain(TITLE);
    expect(mail!.body.text).not.toContain(`${PLANTED.reflection}-3`);

    expect((await F.as('coach', 'PATCH', `/v1/programs/${L.programId}`, { sharingLevel: 'full' })).status).toBe(200);
    expect(await sharingOf(L)).toMatchObject({ proposed: 'full', agreed: { level: 'actions' }, effective: 'actions' });
    expect((await clientRequest(api, 'GET', L.linkPath)).html).toContain('Your coach proposes to share more with your sponsor.');
    // The client lowers it to counts only (withdrawing consent): "lowered", by the client.
    const withdraw = { ...formOn((await clientRequest(api, 'GET', sharingPath(L))).html, 'agree'), level: 'metrics' };
    expect((await clientRequest(api, 'POST', '/client/sharing', withdraw, SAME_ORIGIN)).status).toBe(200);
    const withdrawn = await sharingOf(L);
    expect(withdrawn.effective).toBe('metrics');
    expect(withdrawn.history.map((h: { by: { kind: string }; change: string; level: string }) => [h.by.kind, h.change, h.level])).toEqual([
      ['client', 'lowered', 'metrics'],
      ['staff', 'proposed', 'full'],
      ['staff', 'lowered', 'actions'],
      ['client', 'agreed', 'full'],
      ['staff', 'proposed', 'full'],
    ]);
  });

  it('a completed program’s sharing page is read only; an agreement sent anyway is refused (409), nothing written', async () => {
    const C = await createProgram(F, 'coach', { program: { sharingLevel: 'actions', title: 'Completed soon' } });
    const form = { ...formOn((await clientRequest(api, 'GET', sharingPath(C))).html, 'agree'), level: 'actions' };
    expect((await F.as('coach', 'PATCH', `/v1/programs/${C.programId}`, { status: 'completed' })).status).toBe(200);
    const page = await clientRequest(api, 'GET', sharingPath(C));
    expect(page.status).toBe(200);
    expect(page.html).toContain('This program is completed: what your sponsor sees no longer changes.');
    expect(() => formOn(page.html, 'agree')).toThrow(/no agree form/);
    const before = await programItems(F.tenantId, C.programId);
    const res = await clientRequest(api, 'POST', '/client/sharing', form, SAME_ORIGIN);
    expect(res.status).toBe(409);
    expect(await programItems(F.tenantId, C.programId)).toBe(before);
  });

  it('a program without sponsors: no link on the client’s page unless the coach proposes more than counts', async () => {
    const N = await createProgram(F, 'coach', { program: { title: 'Nobody to tell' } });
    expect((await F.as('coach', 'PATCH', `/v1/programs/${N.programId}`, { sponsorIds: [] })).status).toBe(200);
    expect((await clientRequest(api, 'GET', N.linkPath)).html).not.toContain('/client/sharing');
    const S = await createProgram(F, 'coach', { program: { title: 'Counts agreed' } });
    expect((await clientRequest(api, 'GET', S.linkPath)).html).toContain('>What your sponsor sees</a>');
  });
});
