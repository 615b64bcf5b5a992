import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { db, tableName } from '../../shared/db/client.js';
import { keys, tenantScope } from '../../shared/db/keys.js';
import { newId } from '../../shared/ids.js';
import { rateRules, limitOf } from '../../shared/limits/policy.js';
import { hashSecret } from '../../shared/links/tokens.js';
import { useApi } from '../support/api.js';
import { createProgram, formOn, type ProgramFixture } from '../support/coaching.js';
import { createFirm, linkPathSentTo, type FirmFixture } from '../support/firms.js';
import { emailsTo } from '../support/inbox.js';
import { tenantItems, tenantSnapshot } from '../support/tenant-items.js';

/**
 * #12, the link rules on the client's page (GET /client?token=…, POST /client): forged, malformed, expired, revoked
 * links and links of another firm, client or program open and change nothing of this program; GET and HEAD change
 * nothing; the raw token is in no error page, redirect, log line or item at rest; a dead link offers a fresh one
 * (the same answer whatever the token, rate limited); a form sent twice records once; a cross-site POST is refused;
 * the client edits only their own actions.
 */
const api = useApi();
type Body = Record<string, any>;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  html: string;
}

/** Every reply of the client page this file received: no error page or redirect may carry a token. */
const replies: Reply[] = [];
/** Every client link token this file saw. */
const tokens = new Set<string>();
const secretOf = (token: string) => token.split('.')[1] ?? token;

/**
 * A request to the client page as a browser sends it, from a loopback source address of the test's choosing
 * (127.0.0.0/8 is all local on Linux): per-source rate limits count per test, not per file run.
 */
function page(method: 'GET' | 'HEAD' | 'POST', path: string, form?: Record<string, string>, opts: { headers?: Record<string, string>; from?: string } = {}): Promise<Reply> {
  const { port } = new URL(api.url());
  const body = form ? new URLSearchParams(form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        localAddress: opts.from ?? '127.0.0.1',
        headers: { ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}), ...opts.headers },
      },
      (res) => {
        let html = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (html += chunk));
        res.on('end', () => {
          const reply = { status: res.statusCode ?? 0, headers: res.headers, html };
          replies.push(reply);
          resolve(reply);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const pathOf = (token: string) => `/client?token=${encodeURIComponent(token)}`;
const sourceAddress = () => `127.${1 + (randomBytes(1)[0]! % 250)}.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0]! % 250)}`;
const randomSecret = () => randomBytes(32).toString('base64url');

async function allEmails(): Promise<number> {
  const response = await fetch(`${inject('sesUrl')}/store`);
  return ((await response.json()) as { emails: unknown[] }).emails.length;
}

/** Where a link goes dead in the table: its validUntil in the past (the code checks it; TTL only cleans up). */
async function expire(token: string): Promise<void> {
  const [tenantId, secret] = token.split('.');
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.link(tenantScope(tenantId!), hashSecret(secret!)),
      UpdateExpression: 'SET validUntil = :past',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) - 60 },
    }),
  );
}

let F: FirmFixture;
let F2: FirmFixture;
/** The program under test. */
let P: ProgramFixture;
/** Another client of the same firm. */
let Q: ProgramFixture;
/** Another program of P's client. */
let R: { programId: string; actionId: string; token: string };
/** A client of another firm. */
let O: ProgramFixture;
/** A link that expired, and one the coach revoked. */
let E: ProgramFixture;
let V: ProgramFixture;
/** A change the client made on P through their link (an undo names it). */
let changeOfP: string;

const snapshot = async () => JSON.stringify([await tenantSnapshot(F.tenantId), await tenantSnapshot(F2.tenantId)]);

const lines: string[] = [];
const level = process.env.LOG_LEVEL;

beforeAll(async () => {
  // Every log line of this file, at the most talkative level: no token may be in any of them.
  process.env.LOG_LEVEL = 'debug';
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    lines.push(String(chunk));
    return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  });

  F = await createFirm(api);
  F2 = await createFirm(api);
  [P, Q, E, V] = [await createProgram(F), await createProgram(F), await createProgram(F), await createProgram(F)];
  O = await createProgram(F2);

  const second = await F.as('coach', 'POST', '/v1/programs', { clientId: P.clientId, title: 'Second program', competencies: ['Delegation'], startDate: '2027-01-10', sessionsPlanned: 4 });
  expect(second.status, JSON.stringify(second.body)).toBe(201);
  const session = await F.as('coach', 'POST', `/v1/programs/${second.body.program.programId}/sessions`, { heldAt: '2026-11-21T09:00:00+01:00', actions: [{ title: 'Second program step' }] });
  expect(session.status, JSON.stringify(session.body)).toBe(201);
  const rPath = await linkPathSentTo(P.clientEmail);
  R = { programId: second.body.program.programId, actionId: session.body.actions[0].actionId, token: decodeURIComponent(/token=([^&]+)/.exec(rPath)![1]!) };
  expect(R.token).not.toBe(P.token);

  await expire(E.token);
  expect((await F.as('coach', 'DELETE', `/v1/programs/${V.programId}/client-link`)).status).toBe(204);
  for (const t of [P.token, Q.token, R.token, O.token, E.token, V.token]) tokens.add(t);

  const opened = await page('GET', P.linkPath);
  const marked = await page('POST', '/client', { ...formOn(opened.html, 'mark', P.actionId), status: 'partly' });
  expect(marked.status, marked.html.slice(0, 500)).toBe(200);
  changeOfP = formOn(marked.html, 'undo').undo!;
}, 180_000);

afterAll(() => {
  vi.restoreAllMocks();
  process.env.LOG_LEVEL = level;
});

describe('a link that does not open this program', () => {
  /** GET, HEAD and POSTs naming this program's action with a token: each gets the dead-link page, nothing is written. */
  async function refused(cases: Record<string, string>): Promise<void> {
    const before = await snapshot();
    for (const [kind, token] of Object.entries(cases)) {
      tokens.add(token);
      const opened = await page('GET', pathOf(token));
      expect(opened.status, kind).toBe(410);
      expect(opened.html, kind).toContain('This link no longer works');
      expect(opened.html, kind).not.toContain(secretOf(token));
      expect((await page('HEAD', pathOf(token))).status, kind).not.toBe(200);
      const mark = await page('POST', '/client', { token, change: newId(), intent: 'mark', action: P.actionId, status: 'done' });
      expect(mark.status, kind).toBe(410);
      expect(mark.html, kind).not.toContain(secretOf(token));
      const add = await page('POST', '/client', { token, change: newId(), intent: 'add', title: 'Planted' });
      expect(add.status, kind).toBe(410);
    }
    expect(await snapshot()).toBe(before);
    // The live link still works: the refusals were about the tokens.
    expect((await page('GET', P.linkPath)).status).toBe(200);
  }

  it('forged or malformed: GET, HEAD and a POST naming this program’s action get the dead-link page; nothing is written', async () => {
    await refused({
      'forged: the firm’s id and a random secret': `${F.tenantId}.${randomSecret()}`,
      'forged: another firm’s id': `${F2.tenantId}.${secretOf(P.token)}`,
      'malformed: short secret': `${F.tenantId}.${randomSecret().slice(0, 20)}`,
      'malformed: extra part': `${P.token}.x`,
      'malformed: no tenant': secretOf(P.token),
    });
  });

  it('expired or revoked: GET, HEAD and a POST naming this program’s action get the dead-link page; nothing is written', async () => {
    await refused({ expired: E.token, revoked: V.token });
  });

  it('an expired or revoked link’s page speaks for the firm and offers a fresh link by a form that posts to its own address', async () => {
    const firmName = (await F.as('owner', 'GET', '/v1/settings')).body.settings.branding.displayName as string;
    for (const token of [E.token, V.token]) {
      const opened = await page('GET', pathOf(token));
      expect(opened.status).toBe(410);
      expect(opened.html).toContain(firmName);
      const form = /<form([^>]*)>([\s\S]*?)<\/form>/.exec(opened.html);
      expect(form, opened.html).not.toBeNull();
      expect(form![1]).toMatch(/method="post"/);
      expect(form![1]).not.toMatch(/action=/);
      expect(form![2]).toContain('<input type="hidden" name="intent" value="fresh-link">');
      expect(form![2]).toContain('Email me a fresh link');
    }
  });

  it('another firm’s, another client’s or another program’s link shows only its own program and cannot touch this program’s actions', async () => {
    const clientName = (await F.as('owner', 'GET', `/v1/clients/${P.clientId}`)).body.client.name as string;
    const before = await snapshot();
    for (const [kind, token] of Object.entries({ 'other firm': O.token, 'other client': Q.token, 'other program of the client': R.token })) {
      const opened = await page('GET', pathOf(token));
      expect(opened.status, kind).toBe(200);
      expect(opened.html, kind).not.toContain(P.actionId);
      expect(opened.html, kind).not.toContain(P.programId);
      if (kind !== 'other program of the client') expect(opened.html, kind).not.toContain(clientName);
      const own = formOn(opened.html, 'add');
      const attempts: Record<string, Record<string, string>> = {
        mark: { ...own, intent: 'mark', action: P.actionId, status: 'dropped' },
        'mark with an obstacle': { ...own, intent: 'mark', action: P.actionId, status: 'not_done', obstacleCategory: 'time', obstacleText: 'Planted' },
        edit: { ...own, intent: 'edit', action: P.actionId, title: 'Hijacked' },
        undo: { ...own, intent: 'undo', action: P.actionId, program: P.programId, undo: changeOfP },
      };
      for (const [what, form] of Object.entries(attempts)) {
        const res = await page('POST', '/client', form);
        expect(res.status, `${kind}: ${what}`).toBe(404);
        expect(res.html, `${kind}: ${what}`).not.toContain(P.actionId);
      }
    }
    expect(await snapshot()).toBe(before);
  });
});

describe('GET and HEAD', () => {
  it('change nothing, whatever the link', async () => {
    const before = await snapshot();
    for (const token of [P.token, Q.token, R.token, O.token, E.token, V.token]) {
      for (let i = 0; i < 2; i++) {
        await page('GET', pathOf(token));
        await page('HEAD', pathOf(token));
      }
    }
    expect(await snapshot()).toBe(before);
  });
});

describe('a dead link’s "Email me a fresh link"', () => {
  let answer: string;

  it('emails the client a working fresh link', async () => {
    const from = sourceAddress();
    const mails = (await emailsTo(E.clientEmail)).length;
    const asked = await page('POST', pathOf(E.token), { intent: 'fresh-link' }, { from });
    expect(asked.status, asked.html.slice(0, 500)).toBe(200);
    expect(asked.html).toContain('Check your email');
    expect(asked.html).not.toContain(secretOf(E.token));
    answer = asked.html;
    expect(await emailsTo(E.clientEmail)).toHaveLength(mails + 1);
    const fresh = await linkPathSentTo(E.clientEmail);
    const token = decodeURIComponent(/token=([^&]+)/.exec(fresh)![1]!);
    tokens.add(token);
    expect(token).not.toBe(E.token);
    const opened = await page('GET', fresh);
    expect(opened.status).toBe(200);
    expect(opened.html).toContain('Leading the new team');
  });

  it('answers a garbage or forged token with the same page, and sends nothing', async () => {
    const from = sourceAddress();
    const before = await allEmails();
    const firm = await snapshot();
    for (const token of ['garbage', `${F.tenantId}.${randomSecret()}`, `${F2.tenantId}.${randomSecret()}`]) {
      tokens.add(token);
      const asked = await page('POST', pathOf(token), { intent: 'fresh-link' }, { from });
      expect(asked.status).toBe(200);
      expect(asked.html).toBe(answer);
    }
    expect(await allEmails()).toBe(before);
    expect(await snapshot()).toBe(firm);
  });

  it('sends at most the daily number of link emails to one client, then skips silently', async () => {
    const from = sourceAddress();
    const perDay = limitOf(rateRules.clientLinksPerRecipientDay);
    expect(perDay).toBe(5);
    const mails = (await emailsTo(E.clientEmail)).length;
    // One went out in the first test.
    for (let i = 1; i < perDay; i++) {
      const asked = await page('POST', pathOf(E.token), { intent: 'fresh-link' }, { from });
      expect(asked.status).toBe(200);
      expect(asked.html).toBe(answer);
    }
    expect(await emailsTo(E.clientEmail)).toHaveLength(mails + perDay - 1);
    const over = await page('POST', pathOf(E.token), { intent: 'fresh-link' }, { from });
    expect(over.status).toBe(200);
    expect(over.html).toBe(answer);
    expect(await emailsTo(E.clientEmail)).toHaveLength(mails + perDay - 1);
    // The coach's "send the link" counts against the same limit.
    const coach = await F.as('coach', 'POST', `/v1/programs/${E.programId}/client-link`);
    expect(coach.status, JSON.stringify(coach.body)).toBe(429);
  });

  it('from one network address is rate limited with a 429 page that says when to try again', async () => {
    const perSource = limitOf(rateRules.freshClientLinkPerSource);
    expect(perSource).toBeLessThanOrEqual(rateRules.freshClientLinkPerSource.limit);
    // Fixed windows: start again should the hour turn during the run.
    for (let attempt = 0; attempt < 2; attempt++) {
      const from = sourceAddress();
      const hour = Math.floor(Date.now() / 3_600_000);
      const answers: number[] = [];
      for (let i = 0; i <= perSource; i++) answers.push((await page('POST', pathOf(`${F.tenantId}.${randomSecret()}`), { intent: 'fresh-link' }, { from })).status);
      const last = replies.at(-1)!;
      if (Math.floor(Date.now() / 3_600_000) !== hour) continue;
      expect(answers.slice(0, perSource)).toEqual(Array(perSource).fill(200));
      expect(answers.at(-1)).toBe(429);
      expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
      expect(last.html).toContain('Too many attempts');
      // Another address is not held up by it.
      expect((await page('POST', pathOf('garbage'), { intent: 'fresh-link' }, { from: sourceAddress() })).status).toBe(200);
      return;
    }
    throw new Error('the hour turned twice during the test');
  });
});

describe('the forms of the client page', () => {
  it('a double submit of the same form records once', async () => {
    for (const fields of [
      { status: 'not_done', obstacleCategory: 'energy', obstacleText: 'Flu all week' } as Record<string, string>,
      { status: 'open', reflection: 'The week ran away' },
    ]) {
      const form = { ...formOn((await page('GET', P.linkPath)).html, 'mark', P.actionId), ...fields };
      const first = await page('POST', '/client', form);
      expect(first.status, first.html.slice(0, 300)).toBe(200);
      expect(first.html).toContain('Recorded:');
      const after = await snapshot();
      await page('POST', '/client', form);
      expect(await snapshot()).toBe(after);
      const action = await F.as('coach', 'GET', `/v1/programs/${P.programId}/actions/${P.actionId}`);
      expect(action.body.history.filter((c: Body) => c.changeId === form.change)).toHaveLength(1);
    }
    const program = await F.as('coach', 'GET', `/v1/programs/${P.programId}`);
    expect(program.body.openObstacles.filter((o: Body) => o.text === 'Flu all week')).toHaveLength(1);
    expect(program.body.actions.find((a: Body) => a.actionId === P.actionId)).toMatchObject({ status: 'open', reflection: 'The week ran away' });
  });

  it('the second submit of a form is answered as recorded already, not with an error', async () => {
    const answers: Record<string, [number, boolean]> = {};
    const twice = async (name: string, form: Record<string, string>): Promise<Reply> => {
      const first = await page('POST', '/client', form);
      expect(first.status, `${name}: ${first.html.slice(0, 300)}`).toBe(200);
      const second = await page('POST', '/client', form);
      answers[name] = [second.status, second.html.includes('This was recorded already')];
      return first;
    };
    const fresh = async () => (await page('GET', P.linkPath)).html;
    await twice('mark with an obstacle', { ...formOn(await fresh(), 'mark', P.actionId), status: 'partly', obstacleCategory: 'time', obstacleText: 'Board meeting moved' });
    await twice('add', { ...formOn(await fresh(), 'add'), title: 'Book the room' });
    const marked = await twice('mark', { ...formOn(await fresh(), 'mark', P.actionId), status: 'not_done', reflection: 'Next week' });
    await twice('undo', formOn(marked.html, 'undo'));
    const own = (await F.as('coach', 'GET', `/v1/programs/${P.programId}`)).body.actions.find((a: Body) => a.title === 'Book the room').actionId;
    await twice('edit', { ...formOn(await fresh(), 'edit', own), title: 'Book the big room' });
    expect(answers).toEqual({
      'mark with an obstacle': [200, true],
      add: [200, true],
      mark: [200, true],
      undo: [200, true],
      edit: [200, true],
    });
  });

  it('a POST from another site is refused with a 403 page, and nothing is written', async () => {
    const opened = await page('GET', P.linkPath);
    const form = { ...formOn(opened.html, 'mark', P.actionId), status: 'dropped' };
    const before = await snapshot();
    for (const headers of [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'https://evil.example' }] as Record<string, string>[]) {
      const res = await page('POST', '/client', form, { headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.html).toContain('This request was refused');
      expect(res.html).not.toContain(secretOf(P.token));
    }
    const fresh = await page('POST', pathOf(E.token), { intent: 'fresh-link' }, { headers: { 'sec-fetch-site': 'cross-site' }, from: sourceAddress() });
    expect(fresh.status).toBe(403);
    expect(await snapshot()).toBe(before);
    // The same form from the page itself is taken.
    expect((await page('POST', '/client', form, { headers: { 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
  });

  it('the client edits only their own actions, and marks the coach’s', async () => {
    let opened = await page('GET', P.linkPath);
    expect(() => formOn(opened.html, 'edit', P.actionId)).toThrow(/no edit form/);
    const added = await page('POST', '/client', { ...formOn(opened.html, 'add'), title: 'Ask Sam for the agenda' });
    expect(added.status).toBe(200);
    const own = formOn(added.html, 'undo').action!;
    opened = await page('GET', P.linkPath);
    const edit = formOn(opened.html, 'edit', own);

    const before = await snapshot();
    const forged = await page('POST', '/client', { ...edit, action: P.actionId, title: 'Hijacked' });
    expect(forged.status).toBe(403);
    expect(forged.html).toContain('only they can change its wording');
    expect(forged.html).not.toContain('Hijacked');
    expect(await snapshot()).toBe(before);
    expect((await F.as('coach', 'GET', `/v1/programs/${P.programId}/actions/${P.actionId}`)).body.action.title).toBe('Block two focus hours on Monday');

    const edited = await page('POST', '/client', { ...edit, title: 'Ask Sam for the agenda by Thursday' });
    expect(edited.status).toBe(200);
    expect((await F.as('coach', 'GET', `/v1/programs/${P.programId}/actions/${own}`)).body.action.title).toBe('Ask Sam for the agenda by Thursday');

    opened = await page('GET', P.linkPath);
    const marked = await page('POST', '/client', { ...formOn(opened.html, 'mark', P.actionId), status: 'done' });
    expect(marked.status).toBe(200);
    const action = await F.as('coach', 'GET', `/v1/programs/${P.programId}/actions/${P.actionId}`);
    expect(action.body.action.status).toBe('done');
    expect(action.body.history.at(-1)).toMatchObject({ by: { kind: 'client' }, fields: { status: { to: 'done' } } });
  });
});

describe('the raw token', () => {
  it('is in no error page and no redirect', () => {
    const secrets = [...tokens].map(secretOf);
    const errors = replies.filter((r) => [404, 410, 429].includes(r.status) || r.html.includes('This request was refused'));
    expect(errors.length).toBeGreaterThan(20);
    for (const reply of errors) for (const secret of secrets) expect(reply.html).not.toContain(secret);
    for (const reply of replies) {
      const location = reply.headers.location ?? '';
      for (const secret of secrets) expect(location).not.toContain(secret);
    }
  });

  it('is stored nowhere: not in links, emails, the audit trail or any program', async () => {
    expect(tokens.size).toBeGreaterThan(10);
    for (const firm of [F, F2]) {
      const items = await tenantItems(firm.tenantId);
      const stored = JSON.stringify(items);
      expect(items.filter((i) => i.type === 'Link').length).toBeGreaterThan(0);
      expect(items.some((i) => String(i.PK).endsWith('#EMAIL'))).toBe(true);
      for (const token of tokens) {
        expect(stored).not.toContain(secretOf(token));
        expect(stored).not.toContain(token);
      }
      // What is stored of a link is the hash of its secret.
      for (const token of [P.token, O.token]) if (token.startsWith(firm.tenantId)) expect(stored).toContain(hashSecret(secretOf(token)));
    }
  });

  it('is in no log line', () => {
    const logged = lines.filter((l) => l.startsWith('{'));
    // Requests were logged, refusals of dead links among them.
    expect(logged.some((l) => l.includes('link_not_usable'))).toBe(true);
    expect(logged.length).toBeGreaterThan(20);
    for (const line of logged) for (const token of tokens) expect(line).not.toContain(secretOf(token));
  });
});
