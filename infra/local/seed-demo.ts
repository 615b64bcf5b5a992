/**
 * `npm run seed:demo`: a demo firm with one owner on the running local stack, made the way a person makes it:
 * sign up through the API, take the set-password link from the welcome email in the local inbox, set the password.
 */
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

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function post(url: string, body: unknown): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

async function main(): Promise<void> {
  const state = readState();
  const { password, ...signup } = demo;
  const created = await post(`${state.apiUrl}/v1/tenants`, signup);
  if (created.status === 409) {
    console.log(`The demo firm exists already. Sign in as ${demo.ownerEmail} / ${password} (see README, "Try it").`);
    return;
  }
  if (created.status !== 202) throw new LocalStackError(`Sign-up failed with ${created.status}: ${JSON.stringify(created.body)}`);

  const store = (await (await fetch(`${state.inboxUrl.replace(/\/$/, '')}/store`)).json()) as { emails: { destination: { to: string[] }; body: { text?: string } }[] };
  const welcome = store.emails.filter((e) => e.destination.to.includes(demo.ownerEmail)).at(-1);
  const token = /token=([\w.%-]+)/.exec(welcome?.body.text ?? '')?.[1];
  if (!token) throw new LocalStackError('The welcome email with the set-password link is not in the local inbox');
  const set = await post(`${state.apiUrl}/v1/auth/password`, { token: decodeURIComponent(token), password });
  if (set.status !== 200) throw new LocalStackError(`Setting the password failed with ${set.status}: ${JSON.stringify(set.body)}`);

  console.log(`Created the demo firm "${demo.name}" (tenant ${decodeURIComponent(token).split('.')[0]}); its welcome email is in ${state.inboxUrl}

Sign in as the owner (${demo.ownerEmail} / ${password}):

  TOKEN=$(curl -s -X POST ${state.apiUrl}/v1/auth/sign-in -H 'content-type: application/json' \\
    -d '{"email":"${demo.ownerEmail}","password":"${password}"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).idToken')
  curl -s ${state.apiUrl}/v1/me -H "authorization: Bearer $TOKEN"
`);
}

main().catch((error: unknown) => {
  console.error(`waymark: ${error instanceof LocalStackError ? error.message : String(error)}`);
  process.exit(1);
});
