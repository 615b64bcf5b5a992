import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, tableName } from '../../shared/db/client.js';
import { newProgramItem } from '../../shared/db/coaching.js';
import { keys, tenantScope } from '../../shared/db/keys.js';
import { withoutKeys } from '../../shared/db/transact.js';
import type { Program } from '../../shared/domain/coaching.js';
import { newId } from '../../shared/ids.js';
import { useApi } from '../support/api.js';
import { createProgram } from '../support/coaching.js';
import { createFirm, createOwner, type FirmFixture } from '../support/firms.js';
import { signedIn, type PageAnswer, type WebUser } from '../support/web.js';

/**
 * The coach's home (GET /app) through the local gateway: a coach sees only their programs, owners and admins the
 * firm's and can filter by coach; status, "stalled only" and the name search; paging by cursor; the stalled first
 * (the digest's rule); bad filters a 400 page; the page weight with a full page of programs.
 */
const api = useApi();
let F: FirmFixture;
let coach: WebUser;
let admin: WebUser;
const DAY = 86_400_000;
/** The coach's programs written to the table: 61 (more than a page), every fifth one stalled, every seventh paused. */
const COACH_PROGRAMS = 60;

const rowsOf = (page: PageAnswer) => [...page.html.matchAll(/<tr( class="stalls")?><td data-label="Client">([^<]*)<\/td>.*?href="\/app\/programs\/([0-9A-Z]+)"/g)].map((m) => ({ stalls: Boolean(m[1]), client: m[2]!, programId: m[3]! }));
const nextLink = (page: PageAnswer) => /<a href="([^"]+)" rel="next">/.exec(page.html)?.[1]?.replaceAll('&amp;', '&');

async function writeAll(items: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let requests: any[] | undefined = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests?.length) requests = (await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: requests } }))).UnprocessedItems?.[tableName()];
  }
}

beforeAll(async () => {
  F = await createFirm(api);
  const made = await createProgram(F, 'coach', { client: { name: 'Real Client' } });
  const scope = tenantScope(F.tenantId);
  const template = withoutKeys<Program>((await db().send(new GetCommand({ TableName: tableName(), Key: keys.program(scope, made.programId) }))).Item)!;
  const now = Date.now();
  const program = (i: number, overrides: Partial<Program>): Program => {
    const stalled = i % 5 === 0;
    return {
      ...template,
      programId: newId(now - i * 1000),
      title: `Program ${i}`,
      status: i % 7 === 0 ? 'paused' : 'active',
      sessionsHeld: 2,
      dueOpen: {},
      // A stalled one started 40 days ago and the client never acted since; the others were busy today.
      createdAt: new Date(now - (stalled ? 40 : 1) * DAY).toISOString(),
      startDate: stalled ? new Date(now - 40 * DAY).toISOString().slice(0, 10) : '2026-01-01',
      lastClientActivityAt: stalled ? undefined : new Date(now).toISOString(),
      lastSessionAt: new Date(now - DAY).toISOString(),
      ...overrides,
    } as Program;
  };
  const items = [
    ...Array.from({ length: COACH_PROGRAMS }, (_, i) => program(i + 1, { client: { ...template.client, name: `Coached ${String(i + 1).padStart(3, '0')}` } })),
    // The owner coaches a few clients of their own (one with an accent, for the search).
    ...Array.from({ length: 4 }, (_, i) => program(100 + i, { coachId: F.owner.userId, client: { ...template.client, name: i === 0 ? 'Zoë Okafor' : `Owned ${i}` } })),
  ].map((p) => JSON.parse(JSON.stringify((newProgramItem(scope, p) as { Put: { Item: Record<string, unknown> } }).Put.Item)));
  await writeAll(items);
  coach = await signedIn(api, F.coach.email, F.coach.password);
  admin = await signedIn(api, F.admin.email, F.admin.password);
}, 120_000);

describe('the coach’s home', () => {
  it('shows a coach only their programs, the stalled first on each page, paged by a Next link', async () => {
    const first = await coach.get('/app');
    expect(first.status).toBe(200);
    const rows = rowsOf(first);
    expect(rows).toHaveLength(50);
    expect(first.html).not.toContain('Zoë');
    expect(first.html).not.toContain('name="coach"');
    const firstCalm = rows.findIndex((r) => !r.stalls);
    expect(firstCalm).toBeGreaterThan(0);
    expect(rows.slice(firstCalm).every((r) => !r.stalls)).toBe(true);
    // The reasons are the digest's.
    expect(first.html).toMatch(/<div><strong class="flag">Stalls<\/strong><ul><li>no client activity for \d+ days<\/li>/);
    const next = nextLink(first)!;
    expect(next).toMatch(/^\/app\?cursor=/);
    const second = await coach.get(next);
    const more = rowsOf(second);
    expect(more).toHaveLength(COACH_PROGRAMS + 1 - 50);
    expect(nextLink(second)).toBeUndefined();
    expect(second.html).toContain('>First page</a>');
    expect(new Set([...rows, ...more].map((r) => r.programId)).size).toBe(COACH_PROGRAMS + 1);
  });

  it('keeps a coach to their own programs whatever the link says', async () => {
    const page = await coach.get(`/app?coach=${F.owner.userId}`);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('Zoë');
    expect(rowsOf(page).length).toBeGreaterThan(0);
  });

  it('filters by status, by "stalled only" and by the client’s name (case and accents aside)', async () => {
    const paused = await coach.get('/app?status=paused');
    const pausedRows = rowsOf(paused);
    expect(pausedRows.length).toBe(Math.floor(COACH_PROGRAMS / 7));
    expect(paused.html.match(/<td data-label="Status">([^<]*)</g)!.every((c) => c.endsWith('>paused<'))).toBe(true);
    expect(paused.html).toContain('<option value="paused" selected>');

    const stalled = await coach.get('/app?stalled=on&status=');
    const stalledRows = rowsOf(stalled);
    expect(stalledRows.length).toBeGreaterThan(0);
    expect(stalledRows.every((r) => r.stalls)).toBe(true);
    expect(stalled.html).toMatch(/<input id="stalled" name="stalled" type="checkbox" checked/);

    const found = await coach.get('/app?q=coached+006');
    expect(rowsOf(found).map((r) => r.client)).toEqual(['Coached 006']);
    expect(found.html).toContain('value="coached 006"');
    // The search looks through a page of programs at a time: a paused one (listed after the active) is on the next.
    const later = await coach.get('/app?q=coached+007');
    expect(rowsOf(later)).toEqual([]);
    expect(later.html).toContain('the next page may hold more');
    const laterNext = nextLink(later)!;
    expect(laterNext).toMatch(/^\/app\?q=coached\+007&cursor=/);
    expect(rowsOf(await coach.get(laterNext)).map((r) => r.client)).toEqual(['Coached 007']);
    const none = await coach.get('/app?q=nobody');
    expect(none.status).toBe(200);
    expect(none.html).toContain('No program on this page matches these filters.');

    const zoe = await admin.get(`/app?q=ZOE&coach=${F.owner.userId}`);
    expect(rowsOf(zoe).map((r) => r.client)).toEqual(['Zoë Okafor']);
  });

  it('shows an admin the firm’s programs with their coach, and filters by coach', async () => {
    const page = await admin.get('/app');
    expect(page.status).toBe(200);
    expect(page.html).toContain('name="coach"');
    expect(page.html).toContain(`<option value="${F.owner.userId}">`);
    expect(page.html).toContain('<td data-label="Coach">');
    expect(nextLink(page)).toBeDefined();
    const owners = await admin.get(`/app?coach=${F.owner.userId}`);
    const rows = rowsOf(owners);
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.client === 'Zoë Okafor' || r.client.startsWith('Owned'))).toBe(true);
    expect(owners.html).toContain(`<option value="${F.owner.userId}" selected>`);
  });

  it('answers filters the form cannot send with a 400 page: the message by the field, the typed value kept', async () => {
    const long = 'x'.repeat(101);
    const bad = await coach.get(`/app?q=${long}&status=bogus`);
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('href="#q"');
    expect(bad.html).toContain('href="#status"');
    expect(bad.html).toContain('id="q-error"');
    expect(bad.html).toContain(`value="${long}"`);
    expect(rowsOf(bad)).toHaveLength(0);
    const cursor = await coach.get('/app?cursor=not-a-cursor');
    expect(cursor.status).toBe(400);
    expect(cursor.html).toContain('This page link is out of date');
    // A cursor of another coach's list (an admin's) does not open it for this coach.
    const adminsNext = nextLink(await admin.get('/app'))!;
    expect((await coach.get(adminsNext)).status).toBe(400);
    // A parameter the page does not know is ignored.
    expect((await coach.get('/app?utm_source=mail')).status).toBe(200);
  });

  it('shows the client’s flow checks by zone from the program’s counters, kept in step with every change', async () => {
    const firm = await createFirm(api);
    const made = await createProgram(firm, 'coach', { client: { name: 'Flow Client' } });
    const row = async () => {
      const page = await (await signedIn(api, firm.owner.email, firm.owner.password)).get('/app');
      return /<td data-label="Flow checks">([^<]*)<\/td>/.exec(page.html)?.[1];
    };
    expect(await row()).toBe('none yet');
    const mark = (flow: { challenge: number; skill: number }) =>
      firm.as('coach', 'PATCH', `/v1/programs/${made.programId}/actions/${made.actionId}`, { status: 'done', flow });
    expect((await mark({ challenge: 4, skill: 4 })).status).toBe(200);
    expect(await row()).toBe('1 in flow');
    // A changed check moves from one zone to the other; the list's JSON says the same.
    expect((await mark({ challenge: 5, skill: 2 })).status).toBe(200);
    expect(await row()).toBe('1 too hard');
    const listed = await firm.as('coach', 'GET', '/v1/programs');
    expect(listed.body.programs[0].flowChecks).toEqual({ anxiety: 1, boredom: 0, flow: 0, apathy: 0 });
  });

  it('shows the next session as agreed when a session is recorded, until its day has passed; settings change or clear it', async () => {
    const firm = await createFirm(api);
    const made = await createProgram(firm, 'coach', { client: { name: 'Next Client', timeZone: 'Europe/Zurich' } });
    const coach = await signedIn(api, firm.coach.email, firm.coach.password);
    const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
    const sessionsCell = async () => /<td data-label="Sessions"><div>(.*?)<\/div><\/td>/.exec((await coach.get('/app')).html)?.[1] ?? '';
    expect(await sessionsCell()).not.toContain('next');
    // A day that does not exist is refused by its field, the typed value kept, nothing written.
    const bad = await coach.post(`/app/programs/${made.programId}/sessions`, { date: day(0), nextSessionOn: '2026-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('id="nextSessionOn-error"');
    expect(bad.html).toContain('value="2026-02-30"');
    const recorded = await coach.post(`/app/programs/${made.programId}/sessions`, { date: day(0), sharedSummary: 'Next time: the budget.', nextSessionOn: day(14) });
    expect(recorded.status, recorded.html.slice(0, 300)).toBe(303);
    expect(await sessionsCell()).toMatch(/<strong>next \d+ \w+ \d{4}<\/strong>/);
    expect((await firm.as('coach', 'GET', `/v1/programs/${made.programId}`)).body.program.nextSessionOn).toBe(day(14));
    // Passed: no longer "next"; cleared in the settings: gone from the JSON too.
    expect((await firm.as('coach', 'PATCH', `/v1/programs/${made.programId}`, { nextSessionOn: day(-3) })).status).toBe(200);
    expect(await sessionsCell()).not.toContain('next');
    expect((await firm.as('coach', 'PATCH', `/v1/programs/${made.programId}`, { nextSessionOn: null })).status).toBe(200);
    expect((await firm.as('coach', 'GET', `/v1/programs/${made.programId}`)).body.program).not.toHaveProperty('nextSessionOn');
  });

  it('says what to do next when the firm has no program yet', async () => {
    const empty = await createOwner(api);
    const owner = await signedIn(api, empty.owner.email, empty.owner.password);
    const page = await owner.get('/app');
    expect(page.status).toBe(200);
    expect(page.html).toContain('No programs yet: add a client');
    expect(page.html).toContain('href="/app/clients"');
    expect(page.html).not.toContain('<table');
  });

  it('weighs under 100 KB with a full page of 50 programs', async () => {
    for (const user of [coach, admin]) {
      const page = await user.get('/app');
      expect(rowsOf(page)).toHaveLength(50);
      expect(Buffer.byteLength(page.html)).toBeLessThan(100 * 1024);
    }
  });
});
