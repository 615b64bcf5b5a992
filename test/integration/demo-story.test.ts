import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { demo, demoCoach, seedDemo } from '../../infra/local/seed-demo.js';
import { tick } from '../../infra/local/scheduler.js';
import { useApi } from '../support/api.js';
import { useClockFrom } from '../support/clock.js';
import { emailsTo, type SentEmail } from '../support/inbox.js';

/**
 * The demo's week, as the README tells it: `npm run seed:demo`, then ticks at later instants. The seed runs through
 * the API against this file's gateway and inbox; the ticks go through the schedule table, the queue and its worker. Each scheduled email arrives at its recipient's local 08:00, once,
 * and a tick repeated sends nothing new.
 */
const api = useApi();

// The seed dates everything from "now": the story runs as of a Wednesday afternoon, so its days are always the same.
useClockFrom('2026-11-25T12:00:00Z');
const at = (iso: string) => new Date(iso);
const THURSDAY_0800 = at('2026-11-26T08:00:00+01:00');
const FRIDAY_0800 = at('2026-11-27T08:00:00+01:00');
const MONDAY_0800 = at('2026-11-30T08:00:00+01:00');

const recipients = { alex: 'alex@client.example', bea: 'bea@client.example', cem: 'cem@client.example', morgan: 'morgan@client.example', coach: demoCoach.email, owner: demo.ownerEmail };
type Who = keyof typeof recipients;
const inboxes = async (): Promise<Record<Who, SentEmail[]>> =>
  Object.fromEntries(await Promise.all(Object.entries(recipients).map(async ([who, address]) => [who, await emailsTo(address)]))) as Record<Who, SentEmail[]>;
const counts = (all: Record<Who, SentEmail[]>) => Object.fromEntries(Object.entries(all).map(([who, list]) => [who, list.length]));
const newSince = (before: Record<Who, SentEmail[]>, after: Record<Who, SentEmail[]>, who: Who) => after[who].slice(before[who].length);
const tickAt = async (at: Date) => {
  const [run] = await tick(at, ['tenant-tick']);
  expect(run, JSON.stringify(run)).toMatchObject({ ok: true });
};

beforeAll(async () => {
  const seeded = await seedDemo({ apiUrl: api.url(), inboxUrl: inject('sesUrl') });
  expect(seeded?.firstLink).toContain('/client?token=');
}, 240_000);

describe('the demo week, tick by tick', () => {
  it('nothing goes out before the recipients’ 08:00', async () => {
    const before = await inboxes();
    await tickAt(new Date(THURSDAY_0800.getTime() - 15 * 60_000));
    const after = await inboxes();
    const none = Object.fromEntries(Object.keys(recipients).map((who) => [who, []]));
    expect(Object.fromEntries(Object.keys(recipients).map((who) => [who, newSince(before, after, who as Who).map((m) => m.subject)]))).toEqual(none);
  }, 120_000);

  it('Thursday 08:00: Alex is nudged about overdue actions, the coach’s digest flags the stalled program; once, however often the tick comes', async () => {
    const before = await inboxes();
    await tickAt(THURSDAY_0800);
    const after = await inboxes();
    const alex = newSince(before, after, 'alex');
    expect(alex.map((m) => m.subject)).toEqual(['Your next small steps, from Demo Coaching']);
    expect(alex[0]!.body.text).toMatch(/Still open:\n- Give Jo feedback on the pitch within a day/);
    expect(alex[0]!.body.text).toMatch(/Unsubscribe from these reminders: .*\/unsubscribe\?token=/);
    const coach = newSince(before, after, 'coach');
    expect(coach.map((m) => m.subject)).toEqual(['3 clients active, 1 program stalling · Demo Coaching']);
    expect(coach[0]!.body.text).toMatch(/Cem Celik · Finding focus: no session for 5 weeks/);
    expect(coach[0]!.body.text).toContain('Alex Adler');
    expect(coach[0]!.body.text).not.toContain('energy seemed low');
    // Alex's and Bea's programs began four weeks ago: their self-assessment opened yesterday, and this digest invites them.
    expect(alex[0]!.body.text).toMatch(/It is time to look at where you stand[^]*Take your self-assessment: .*\/client\/assessment\?token=/);
    const bea = newSince(before, after, 'bea');
    expect(bea.map((m) => m.subject)).toEqual(['Ihre nächsten kleinen Schritte, von Demo Coaching']);
    expect(bea[0]!.body.text).toMatch(/Zeit für einen Blick darauf, wo Sie stehen[^]*Zur Selbsteinschätzung: .*\/client\/assessment\?token=/);
    // Nothing is due for Cem (his next round is two weeks away); the owner coaches nobody, so nothing happened for them.
    for (const who of ['cem', 'owner', 'morgan'] as const) expect(newSince(before, after, who)).toHaveLength(0);

    await tickAt(THURSDAY_0800);
    await tickAt(new Date(THURSDAY_0800.getTime() + 15 * 60_000));
    expect(counts(await inboxes())).toEqual(counts(after));

    // Alex follows the invitation that morning and answers: Delegation has moved from his baseline (stage 1) to stage 3.
    vi.setSystemTime(new Date(THURSDAY_0800.getTime() + 3_600_000));
    const assessment = /https?:\/\/\S+\/client\/assessment\?token=[\w.%-]+/.exec(alex[0]!.body.text!)![0].replace(/^https?:\/\/[^/]+/, api.url());
    const open = await (await fetch(assessment)).text();
    expect(open).toContain('Baseline 1 · no later assessment yet');
    const token = decodeURIComponent(new URL(assessment).searchParams.get('token')!);
    const round = /name="round" value="([^"]+)"/.exec(open)![1]!;
    expect(round).toBe('2026-11-26');
    const form = { token, round, 'competency-0': 'Delegation', 'stage-0': '3', 'competency-1': 'Feedback', 'stage-1': '2' };
    const saved = await fetch(`${api.url()}/client/assessment`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
    expect(saved.status).toBe(200);

    // His page says the coach proposes to share more; he looks at the preview of the stages and agrees.
    const clientPage = await (await fetch(`${api.url()}/client?token=${encodeURIComponent(token)}`)).text();
    const sharingPath = /href="(\/client\/sharing\?[^"]+)"/.exec(clientPage)![1]!.replace(/&amp;/g, '&');
    const sharing = await (await fetch(`${api.url()}${sharingPath}`)).text();
    expect(sharing).toContain('Delegation: stage 1 → 3 of 4');
    const agree = Object.fromEntries([...sharing.split('<form').find((f) => f.includes('value="agree"'))!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]));
    const agreed = await fetch(`${api.url()}/client/sharing`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...agree, level: 'assessments' }).toString() });
    expect(agreed.status).toBe(200);
  }, 180_000);

  it('Friday 08:00: a day after the sessions, each client is prompted to capture their actions, Bea in German', async () => {
    const before = await inboxes();
    await tickAt(FRIDAY_0800);
    const after = await inboxes();
    expect(newSince(before, after, 'alex')[0]!.body.text).toMatch(/Session 2 is a day behind you/);
    expect(newSince(before, after, 'bea').map((m) => m.subject)).toEqual(['Ihre nächsten kleinen Schritte, von Demo Coaching']);
    expect(newSince(before, after, 'bea')[0]!.body.text).toMatch(/Sitzung 1 liegt einen Tag zurück/);
    expect(newSince(before, after, 'cem')).toHaveLength(1);
    // The coach's digest lists what Alex answered in his self-assessment on Thursday.
    expect(newSince(before, after, 'coach').map((m) => m.body.text).join('\n')).toContain('Self-assessment: Delegation 3/4, Feedback 2/4');
    await tickAt(FRIDAY_0800);
    expect(counts(await inboxes())).toEqual(counts(after));
  }, 180_000);

  it('Monday 08:00: the sponsor’s weekly report, with the coach’s copy; its web version shows the snapshot within the sharing level', async () => {
    const before = await inboxes();
    await tickAt(MONDAY_0800);
    const after = await inboxes();
    const reports = after.morgan.filter((m) => /^Progress report: /.test(m.subject));
    expect(reports.map((m) => m.subject)).toEqual(['Progress report: Alex Adler, Leading the new team']);
    expect(newSince(before, after, 'morgan')).toHaveLength(1);
    const [report] = reports;
    expect(report!.body.text).toMatch(/Unsubscribe from these reports: .*\/unsubscribe\?token=/);
    expect(after.coach.filter((m) => /^Copy: the progress report to Morgan Manager about Alex Adler/.test(m.subject))).toHaveLength(1);

    // The demo program shares `assessments`: action titles and the stages' movement, but no obstacle or reflection
    // (`full`) and never a coach's note, in the email or on its web version.
    expect(report!.body.text).toContain('List the tasks only I can do');
    expect(report!.body.text).toContain('Delegation: stage 1 → 3 of 4');
    const unshared = ['The quarter close ate the week.', 'Easier than I thought.', 'energy seemed low'];
    for (const words of unshared) {
      expect(report!.body.text).not.toContain(words);
      expect(report!.body.html).not.toContain(words);
    }
    const web = /https?:\/\/\S+\/report\?token=[\w.%-]+/.exec(report!.body.text!)![0];
    const page = await fetch(web.replace(/^https?:\/\/[^/]+/, api.url()));
    const html = await page.text();
    expect(page.status, html.replace(/<[^>]+>/g, ' ').slice(0, 600)).toBe(200);
    expect(html).toContain('Leading the new team');
    expect(html).toContain('List the tasks only I can do');
    for (const words of unshared) expect(html).not.toContain(words);

    await tickAt(MONDAY_0800);
    expect(counts(await inboxes())).toEqual(counts(after));

    // Morgan answers the report's one question with one click, then confirms; the coach sees it beside Alex's stages.
    const answer = /https?:\/\/\S+\/pulse\?token=[\w.%-]+&answer=3/.exec(report!.body.text!)![0].replace(/^https?:\/\/[^/]+/, api.url());
    const confirm = await fetch(answer);
    expect(confirm.status).toBe(200);
    const confirmPage = await confirm.text();
    expect(confirmPage).toContain('how much change have you observed in Delegation');
    const posted = await fetch(`${api.url()}/pulse`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: new URL(answer).searchParams.get('token')!, answer: '3' }).toString() });
    expect(posted.status).toBe(200);
    const signedIn = (await (await fetch(`${api.url()}/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: demoCoach.email, password: demoCoach.password }) })).json()) as { idToken: string };
    const programs = (await (await fetch(`${api.url()}/v1/programs`, { headers: { authorization: `Bearer ${signedIn.idToken}` } })).json()) as { programs: { programId: string; title: string }[] };
    const alexProgram = programs.programs.find((p) => p.title === 'Leading the new team')!;
    const pageOf = (await (await fetch(`${api.url()}/v1/programs/${alexProgram.programId}`, { headers: { authorization: `Bearer ${signedIn.idToken}` } })).json()) as Record<string, any>;
    expect(pageOf.pulse.answers).toMatchObject([{ subject: 'Delegation', answer: 3 }]);
    expect(pageOf.assessments.progress[0]).toMatchObject({ competency: 'Delegation', baseline: { stage: 1 }, latest: { stage: 3 } });
    expect(pageOf.agenda.some((item: { kind: string }) => item.kind === 'stretch')).toBe(true);
  }, 180_000);

  it('the links in the emails open without changing anything: the unsubscribe page asks first, the client’s page keeps its reminders', async () => {
    const digest = (await emailsTo(recipients.alex)).filter((m) => /small steps/.test(m.subject)).at(-1)!;
    const unsubscribe = /https?:\/\/\S+\/unsubscribe\?token=[\w.%-]+/.exec(digest.body.text!)![0].replace(/^https?:\/\/[^/]+/, api.url());
    const confirm = await fetch(unsubscribe);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('<form method="post"');
    const page = /https?:\/\/\S+\/client\?token=[\w.%-]+/.exec(digest.body.text!)![0].replace(/^https?:\/\/[^/]+/, api.url());
    const client = await fetch(page);
    expect(client.status).toBe(200);
    const html = await client.text();
    expect(html).toContain('name="intent" value="preferences"');
    expect(html).toContain('name="reminders" value="daily" checked');
  }, 60_000);
});
