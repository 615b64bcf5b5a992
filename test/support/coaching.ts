import { expect } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../shared/db/client.js';
import { keys, tenantScope } from '../../shared/db/keys.js';
import type { StaffRole } from '../../shared/domain/tenant.js';
import type { useApi } from './api.js';
import { unique } from './factories.js';
import { linkPathSentTo, type FirmFixture } from './firms.js';

type Api = ReturnType<typeof useApi>;
type Body = Record<string, any>;

/** A client of a firm with a program and one recorded session, made through the API as a coach does it. */
export interface ProgramFixture {
  clientId: string;
  clientEmail: string;
  sponsorId: string;
  /** The sponsor's address: their reports arrive there. */
  sponsorEmail: string;
  programId: string;
  sessionId: string;
  /** The action agreed in the session (the "lock-in"). */
  actionId: string;
  /** The path of the client link from the capture email: `/client?token=…`. */
  linkPath: string;
  token: string;
}

export const clientBody = (overrides: Body = {}) => ({ name: `Client ${unique()}`, email: `client-${unique()}@client.example`, organisation: 'Example AG', ...overrides });

export async function createProgram(firm: FirmFixture, as: StaffRole = 'coach', overrides: { client?: Body; program?: Body } = {}): Promise<ProgramFixture> {
  const client = await firm.as(as, 'POST', '/v1/clients', clientBody(overrides.client));
  expect(client.status, JSON.stringify(client.body)).toBe(201);
  const sponsor = await firm.as(as, 'POST', '/v1/sponsors', { name: `Sponsor ${unique()}`, email: `sponsor-${unique()}@client.example`, role: 'manager' });
  expect(sponsor.status, JSON.stringify(sponsor.body)).toBe(201);
  const program = await firm.as(as, 'POST', '/v1/programs', {
    clientId: client.body.client.clientId,
    sponsorIds: [sponsor.body.sponsor.sponsorId],
    title: 'Leading the new team',
    goals: ['Delegate with confidence'],
    competencies: ['Delegation', 'Feedback'],
    startDate: '2026-11-01',
    sessionsPlanned: 8,
    ...overrides.program,
  });
  expect(program.status, JSON.stringify(program.body)).toBe(201);
  const programId = program.body.program.programId as string;
  const session = await firm.as(as, 'POST', `/v1/programs/${programId}/sessions`, {
    heldAt: '2026-11-20T10:00:00+01:00',
    sharedSummary: 'We looked at where your week goes.',
    privateNotes: `Private note ${unique()}: seems tired.`,
    actions: [{ title: 'Block two focus hours on Monday', dueDate: '2026-11-30', competency: 'Delegation' }],
  });
  expect(session.status, JSON.stringify(session.body)).toBe(201);
  const linkPath = await linkPathSentTo(client.body.client.email);
  const token = decodeURIComponent(/token=([^&]+)/.exec(linkPath)![1]!);
  return {
    clientId: client.body.client.clientId,
    clientEmail: client.body.client.email,
    sponsorId: sponsor.body.sponsor.sponsorId,
    sponsorEmail: sponsor.body.sponsor.email,
    programId,
    sessionId: session.body.session.sessionId,
    actionId: session.body.actions[0].actionId,
    linkPath,
    token,
  };
}

/** A page of the client's, as a browser sends it: GET, or a form post; `html` is the page. */
export async function clientRequest(api: Api, method: 'GET' | 'HEAD' | 'POST', path: string, form?: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${api.url()}${path}`, {
    method,
    redirect: 'manual',
    headers: { ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...headers },
    ...(form ? { body: new URLSearchParams(form).toString() } : {}),
  });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

/** The hidden fields of the form with `intent` (and, for an action's forms, that action) on a page. */
export function formOn(html: string, intent: string, actionId?: string): Record<string, string> {
  const forms = html.split('<form').slice(1).map((f) => f.slice(0, f.indexOf('</form>')));
  const form = forms.find((f) => f.includes(`name="intent" value="${intent}"`) && (!actionId || f.includes(`name="action" value="${actionId}"`)));
  if (!form) throw new Error(`no ${intent} form${actionId ? ` for ${actionId}` : ''} on the page`);
  const hidden = [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]);
  return Object.fromEntries(hidden);
}

/** The client agrees, on their sharing page, that sponsors may see `level` (the page's form, as a browser sends it). */
export async function agreeToShare(api: Api, program: Pick<ProgramFixture, 'token'>, level: string) {
  const page = await clientRequest(api, 'GET', `/client/sharing?token=${encodeURIComponent(program.token)}`);
  const agreed = await clientRequest(api, 'POST', '/client/sharing', { ...formOn(page.html, 'agree'), level });
  expect(agreed.status, agreed.html.slice(0, 800)).toBe(200);
  return agreed;
}

/** Every item of a program's partitions (collection and history), as JSON text: to prove a request changed nothing. */
export async function programItems(tenantId: string, programId: string): Promise<string> {
  const scope = tenantScope(tenantId);
  const all: unknown[] = [];
  for (const pk of keys.programPartitions(scope, programId)) {
    const result = await db().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }));
    all.push(...(result.Items ?? []));
  }
  return JSON.stringify(all);
}
