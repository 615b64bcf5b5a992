/**
 * `npm run seed:demo`: a demo firm on the running local stack, made the way people make it, through the API, the
 * local inbox and the client's page: the owner signs up and sets a password; a coach accepts an invitation; the
 * coach adds three clients (two English, one German; one program stalled) with a sponsor and a program each, and records sessions with the
 * actions agreed in them; the clients mark some of them on their pages (Alex answers his first self-assessment and
 * agrees to share his action titles with his sponsor; the coach proposes his stages too, which waits for his
 * agreement). Prints the coach's sign-in and the link of the newest capture email.
 */
import { pathToFileURL } from 'node:url';
import { LocalStackError } from './processes.js';
import { readState } from './state.js';

export const demo = {
  name: 'Demo Coaching',
  slug: 'demo-coaching',
  ownerEmail: 'owner@demo-coaching.example',
  ownerName: 'Dana Demo',
  timeZone: 'Europe/Zurich',
  password: 'Waymark-demo-2026',
};

export const demoCoach = { email: 'coach@demo-coaching.example', name: 'Chris Coach', password: 'Waymark-coach-2026' };

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, read by field name
  body: Record<string, any>;
}

/** The running stack's API and inbox (readState for `npm run seed:demo`; a test passes its own). */
let api = '';
let inboxUrl = '';

async function call(method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Answer['body']) : {} };
}

async function expectStatus(what: string, answer: Promise<Answer>, status: number): Promise<Answer['body']> {
  const got = await answer;
  if (got.status !== status) throw new LocalStackError(`${what} failed with ${got.status}: ${JSON.stringify(got.body)}`);
  return got.body;
}

/** The link in the newest email to an address, as the local inbox holds it. */
async function newestLink(address: string): Promise<string> {
  const store = (await (await fetch(`${inboxUrl.replace(/\/$/, '')}/store`)).json()) as { emails: { destination: { to: string[] }; body: { text?: string } }[] };
  const text = store.emails.filter((e) => e.destination.to.includes(address)).at(-1)?.body.text ?? '';
  const link = /https?:\/\/\S+\?token=[\w.%-]+/.exec(text)?.[0];
  if (!link) throw new LocalStackError(`No email with a link to ${address} in the local inbox`);
  // The link's page on the API the seed talks to (locally the app URL is that API anyway).
  const { pathname, search } = new URL(link);
  return `${api}${pathname}${search}`;
}

const tokenOf = (link: string) => decodeURIComponent(new URL(link).searchParams.get('token')!);

/** Submits one form of the client's page, as a browser does: the form's hidden fields plus what the client chose. */
async function clientForm(link: string, intent: string, fields: Record<string, string>, actionId?: string, path = '/client'): Promise<void> {
  const page = await (await fetch(link)).text();
  const form = page
    .split('<form')
    .slice(1)
    .find((f) => f.includes(`name="intent" value="${intent}"`) && (!actionId || f.includes(`name="action" value="${actionId}"`)));
  if (!form) throw new LocalStackError(`The client page has no ${intent} form`);
  const hidden = Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
  const response = await fetch(`${api}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...hidden, ...fields }).toString() });
  if (response.status !== 200) throw new LocalStackError(`The client's ${intent} form answered ${response.status}`);
}

/** Answers the self-assessment open on the client's page: a stage per competency, as the client picks them. */
async function selfAssessment(link: string, competencies: string[], stages: string[]): Promise<void> {
  const token = tokenOf(link);
  const page = await (await fetch(`${api}/client/assessment?token=${encodeURIComponent(token)}`)).text();
  const round = /name="round" value="([^"]+)"/.exec(page)?.[1];
  if (!round) throw new LocalStackError('The self-assessment page has no open round');
  const answers = Object.fromEntries(competencies.flatMap((competency, i) => [[`competency-${i}`, competency], [`stage-${i}`, stages[i]!]]));
  const response = await fetch(`${api}/client/assessment`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token, round, ...answers }).toString() });
  if (response.status !== 200) throw new LocalStackError(`The self-assessment answered ${response.status}`);
}

const daysAgo = (n: number, hour = 10) => {
  const d = new Date(Date.now() - n * 86_400_000);
  d.setUTCHours(hour - 1, 0, 0, 0);
  return d.toISOString().replace('.000Z', '+00:00');
};
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** The next Monday's date (UTC), when the demo's weekly report is due. */
const nextMonday = () => inDays(((8 - new Date().getUTCDay()) % 7) || 7);

/**
 * Seeds the demo firm through the API at `apiUrl`, reading links from the local inbox at `inboxUrl`. Answers the link
 * of Alex's newest capture email, or undefined when the demo firm exists already.
 */
export async function seedDemo(urls: { apiUrl: string; inboxUrl: string }): Promise<{ firstLink: string } | undefined> {
  api = urls.apiUrl;
  inboxUrl = urls.inboxUrl;
  const { password, ...signup } = demo;
  const created = await call('POST', '/v1/tenants', signup);
  if (created.status === 409) return undefined;
  if (created.status !== 202) throw new LocalStackError(`Sign-up failed with ${created.status}: ${JSON.stringify(created.body)}`);
  const welcome = tokenOf(await newestLink(demo.ownerEmail));
  await expectStatus('Setting the owner password', call('POST', '/v1/auth/password', { token: welcome, password }), 200);
  const owner = (await expectStatus('The owner sign-in', call('POST', '/v1/auth/sign-in', { email: demo.ownerEmail, password }), 200)).idToken as string;

  await expectStatus('Inviting the coach', call('POST', '/v1/invitations', { email: demoCoach.email, name: demoCoach.name, role: 'coach' }, owner), 201);
  await expectStatus('Accepting the invitation', call('POST', '/v1/auth/accept-invitation', { token: tokenOf(await newestLink(demoCoach.email)), password: demoCoach.password }), 201);
  const coach = (await expectStatus('The coach sign-in', call('POST', '/v1/auth/sign-in', { email: demoCoach.email, password: demoCoach.password }), 200)).idToken as string;

  const stories = [
    {
      client: { name: 'Alex Adler', email: 'alex@client.example', organisation: 'Northwind AG', locale: 'en' },
      sponsor: { name: 'Morgan Manager', email: 'morgan@client.example', organisation: 'Northwind AG', role: 'manager' },
      // Weekly reports to Morgan (Mondays 08:00 Zurich), with action titles and stages of competence: `npm run tick -- --at <a Monday> 08:00` sends one.
      program: { title: 'Leading the new team', goals: ['Delegate with confidence', 'Give feedback within a day'], competencies: ['Delegation', 'Feedback'], reportCadence: 'weekly', sharingLevel: 'assessments' },
      // Began 27 days ago: Alex answered the self-assessment of the start (his baseline). The coach opens one today
      // ("send one now": an email straight to it), so his answers of today show the movement; the scheduled one opens
      // tomorrow, and tomorrow's digest invites him to it.
      startDays: 27,
      baseline: ['1', '2'],
      agreed: 'actions',
      sessions: [
        { days: 21, summary: 'Where does your week go? We mapped the tasks only you can do.', actions: [{ title: 'List the tasks only I can do', competency: 'Delegation' }, { title: 'Hand the weekly report to Sam', competency: 'Delegation' }] },
        { days: 7, summary: 'Feedback that lands: short, specific, soon.', actions: [{ title: 'Give Jo feedback on the pitch within a day', competency: 'Feedback' }, { title: 'Block two focus hours on Monday' }] },
      ],
    },
    {
      client: { name: 'Bea Berger', email: 'bea@client.example', organisation: 'Südwind GmbH', locale: 'de', timeZone: 'Europe/Berlin' },
      sponsor: { name: 'Hanna Huber', email: 'hanna@client.example', organisation: 'Südwind GmbH', role: 'HR' },
      program: { title: 'Klar führen', goals: ['Prioritäten setzen'], competencies: ['Priorisieren'] },
      sessions: [{ days: 10, summary: 'Was ist wirklich wichtig? Wir haben die Woche sortiert.', actions: [{ title: 'Jeden Morgen die drei wichtigsten Aufgaben notieren', competency: 'Priorisieren' }] }],
    },
    {
      // No session for five weeks: the coach's daily digest flags this program as stalled.
      client: { name: 'Cem Celik', email: 'cem@client.example', organisation: 'Westwind AG', locale: 'en' },
      sponsor: { name: 'Pat Partner', email: 'pat@client.example', organisation: 'Westwind AG', role: 'manager' },
      program: { title: 'Finding focus', goals: ['Protect deep work'], competencies: ['Focus'] },
      startDays: 42,
      sessions: [{ days: 35, summary: 'Where does your attention go?', actions: [{ title: 'Turn notifications off after 16:00', competency: 'Focus' }] }],
    },
  ];

  let firstLink = '';
  for (const story of stories) {
    const client = (await expectStatus('Adding a client', call('POST', '/v1/clients', story.client, coach), 201)).client;
    const sponsor = (await expectStatus('Adding a sponsor', call('POST', '/v1/sponsors', { ...story.sponsor, locale: story.client.locale }, coach), 201)).sponsor;
    const program = (
      await expectStatus(
        'Starting a program',
        call('POST', '/v1/programs', { clientId: client.clientId, sponsorIds: [sponsor.sponsorId], startDate: inDays(-(('startDays' in story && story.startDays) || 28)), endDate: inDays(150), sessionsPlanned: 8, ...story.program }, coach),
        201,
      )
    ).program;
    for (const [i, session] of story.sessions.entries()) {
      const actions = session.actions.map((a, j) => ({ ...a, dueDate: inDays(-session.days + 5 + j * 2) }));
      const recorded = await expectStatus(
        'Recording a session',
        call('POST', `/v1/programs/${program.programId}/sessions`, { heldAt: daysAgo(session.days), sharedSummary: session.summary, privateNotes: 'Private: energy seemed low today.', actions }, coach),
        201,
      );
      const link = await newestLink(client.email);
      if (story === stories[0]) firstLink = link;
      // Alex agrees on his sharing page to share his action titles (not yet his stages, which the coach proposes), so
      // Morgan's reports show the titles, and his page asks him about the rest.
      if (i === 0 && 'agreed' in story && story.agreed) await clientForm(link.replace('/client?', '/client/sharing?'), 'agree', { level: story.agreed }, undefined, '/client/sharing');
      // The client marks the first session's actions (the done one rated too easy: the agenda suggests a stretch); the newer ones are still open.
      if (i < story.sessions.length - 1 || story.sessions.length === 1) {
        const [first, second] = recorded.actions as { actionId: string }[];
        if (first) await clientForm(link, 'mark', { status: 'done', reflection: 'Easier than I thought.', challenge: '2', skill: '4' }, first.actionId);
        if (second) await clientForm(link, 'mark', { status: 'not_done', obstacleCategory: 'time', obstacleText: 'The quarter close ate the week.' }, second.actionId);
      }
    }
    if ('baseline' in story && story.baseline) {
      await selfAssessment(await newestLink(client.email), story.program.competencies, story.baseline);
      await expectStatus('Opening a self-assessment', call('POST', `/v1/programs/${program.programId}/assessments`, {}, coach), 202);
    }
  }

  return { firstLink };
}

async function main(): Promise<void> {
  const state = readState();
  const seeded = await seedDemo(state);
  if (!seeded) {
    console.log(`The demo firm exists already. Sign in at ${state.apiUrl}/sign-in as ${demoCoach.email} / ${demoCoach.password} or ${demo.ownerEmail} / ${demo.password} (README, "Try it").`);
    return;
  }
  console.log(`Created the demo firm "${demo.name}" with a coach, three clients and their programs; every email is in ${state.inboxUrl}

The staff web app: open ${api}/sign-in and sign in as the coach (${demoCoach.email} / ${demoCoach.password})
or the owner (${demo.ownerEmail} / ${demo.password}).

The coach through the API:

  TOKEN=$(curl -s -X POST ${api}/v1/auth/sign-in -H 'content-type: application/json' \\
    -d '{"email":"${demoCoach.email}","password":"${demoCoach.password}"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).idToken')
  curl -s ${api}/v1/programs -H "authorization: Bearer $TOKEN"

The owner: ${demo.ownerEmail} / ${demo.password}

Alex's coach has just asked him for a self-assessment (the newest email to alex@client.example links to it; his
baseline is from the program's start), and his page asks him to look at what his sponsor would see.

The next morning at 08:00 Zurich, the clients' reminder digests (Alex is prompted to capture his latest session's
actions and invited to his self-assessment) and the coach's daily digest (what the clients did, and "Finding focus"
stalled: no session for five weeks):

  npm run tick -- --at ${inDays(1)}T08:00:00+01:00

Morgan, Alex's sponsor, gets a weekly progress report on Mondays at 08:00 Zurich time:

  npm run tick -- --at ${nextMonday()}T08:00:00+01:00

Alex's page (the link of the newest capture email; open it in a browser):

  ${seeded.firstLink}
`);
}

// Run as `npm run seed:demo`; a test imports seedDemo instead.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(`waymark: ${error instanceof LocalStackError ? error.message : String(error)}`);
    process.exit(1);
  });
}
