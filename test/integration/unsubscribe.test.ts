import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { clientLinkFor } from '../../shared/coaching/programs.js';
import { db, tableName } from '../../shared/db/client.js';
import { keys, tenantScope } from '../../shared/db/keys.js';
import { transact, withoutKeys } from '../../shared/db/transact.js';
import type { Program } from '../../shared/domain/coaching.js';
import type { Tenant } from '../../shared/domain/tenant.js';
import { deliverPending, queueEmailItem, type QueuedEmail } from '../../shared/email/outbox.js';
import { addressHash, suppressItem } from '../../shared/email/suppression.js';
import { reminderDigestEmail } from '../../shared/email/templates/reminders.js';
import { withUnsubscribeLink } from '../../shared/email/unsubscribe.js';
import { hashSecret } from '../../shared/links/tokens.js';
import { createLogger } from '../../shared/log.js';
import { sendDueReminders } from '../../shared/schedules/reminders.js';
import type { EventBridgeEvent } from 'aws-lambda';
import { handler as sesEvents } from '../../functions/jobs/ses-events.js';
import { lambdaContext } from '../../infra/local/gateway.js';
import { withGrants } from '../../infra/local/iam.js';
import { eventRules } from '../../shared/contracts/events.js';
import { useApi } from '../support/api.js';
import { useClockFrom } from '../support/clock.js';
import { createProgram, type ProgramFixture } from '../support/coaching.js';
import { createFirm, type FirmFixture } from '../support/firms.js';
import { emailsTo } from '../support/inbox.js';
import { unsubscribeToken } from '../support/unsubscribe.js';

/**
 * Email hygiene end to end: a reminder digest carries its unsubscribe link; opening it changes nothing; a mail
 * server's one-click POST (or the confirm form) unsubscribes once, turns the client's reminders off, and the next
 * digest is not sent; forged and expired links change nothing; a suppressed address gets nothing and its email
 * record says why; a retried email gets a fresh unsubscribe link.
 */
useClockFrom('2026-11-25T12:00:00Z');
const api = useApi();
const log = createLogger({ test: 'unsubscribe' });
let F: FirmFixture;
let P: ProgramFixture;

const scope = () => tenantScope(F.tenantId);
const sweep = (at: string) => sendDueReminders(scope(), new Date(at), { appUrl: api.url(), log });
const digests = async (to: string) => (await emailsTo(to)).filter((m) => /small steps/.test(m.subject));
const item = async (key: { PK: string; SK: string }) => (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;
const suppression = (address: string) => item(keys.suppression(scope(), addressHash(address)));
const unsubscribeEvents = async () =>
  ((await db().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.auditPartition(scope()) }, ConsistentRead: true }))).Items ?? []).filter(
    (e) => e.action === 'email.unsubscribed',
  );
/** The unsubscribe URL's token in a digest's text (the same URL as its List-Unsubscribe header: test/unit/email-mime.test.ts). */
const tokenIn = (text: string) => decodeURIComponent(/\/unsubscribe\?token=([^\s&]+)/.exec(text)![1]!);

/** A one-click POST as a mail server sends it (RFC 8058): from another site, the token in the URL. */
const oneClick = (token: string) =>
  fetch(`${api.url()}/unsubscribe?token=${encodeURIComponent(token)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site', origin: 'https://mail.example' },
    body: 'List-Unsubscribe=One-Click',
  });

beforeAll(async () => {
  F = await createFirm(api);
  P = await createProgram(F);
}, 120_000);

describe('one-click unsubscribe from reminder digests', () => {
  let token: string;

  it('the digest carries an unsubscribe link in its footer, stored only as a hash', async () => {
    const session = await item(keys.session(scope(), P.programId, P.sessionId));
    expect(await sweep(session!.promptAt as string)).toMatchObject({ digests: 1 });
    const [mail] = await digests(P.clientEmail);
    token = tokenIn(mail!.body.text!);
    expect(mail!.body.html).toContain(`/unsubscribe?token=${encodeURIComponent(token)}`);
    expect(mail!.body.html).toContain('Unsubscribe from these reminders</a>');
    const link = await item(keys.link(scope(), hashSecret(token.split('.')[1]!)));
    expect(link).toMatchObject({ purpose: 'unsubscribe', subjectId: P.clientId, list: 'reminders', addressHash: addressHash(P.clientEmail) });
    expect(JSON.stringify(link)).not.toContain(token.split('.')[1]);
  });

  it('opening the link shows a confirm button and changes nothing', async () => {
    // Opened twice, as a scanner and then the recipient would.
    expect((await fetch(`${api.url()}/unsubscribe?token=${encodeURIComponent(token)}`)).status).toBe(200);
    const page = await (await fetch(`${api.url()}/unsubscribe?token=${encodeURIComponent(token)}`)).text();
    expect(page).toContain('<form method="post" action="/unsubscribe">');
    expect(page).toContain('name="List-Unsubscribe" value="One-Click"');
    expect(await suppression(P.clientEmail)).toBeUndefined();
    expect((await F.as('coach', 'GET', `/v1/clients/${P.clientId}`)).body.client.emailPreferences.reminders).toBe('daily');
    expect(await unsubscribeEvents()).toEqual([]);
  });

  it('a mail server’s one-click POST unsubscribes (200), turns reminders off, and twice is once', async () => {
    const first = await oneClick(token);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('You are unsubscribed');
    const entry = await suppression(P.clientEmail);
    expect([...(entry!.reasons as Set<string>)]).toEqual(['unsubscribe:reminders']);
    expect(JSON.stringify(entry)).not.toContain(P.clientEmail);
    expect((await F.as('coach', 'GET', `/v1/clients/${P.clientId}`)).body.client.emailPreferences.reminders).toBe('off');
    const program = await item(keys.program(scope(), P.programId));
    expect((program!.client as { emailPreferences: { reminders: string } }).emailPreferences.reminders).toBe('off');

    const second = await oneClick(token);
    expect(second.status).toBe(200);
    expect(await unsubscribeEvents()).toHaveLength(1);
    expect((await unsubscribeEvents())[0]).toMatchObject({ actor: { kind: 'client', id: P.clientId }, resource: `client/${P.clientId}`, details: { list: 'reminders' } });
  });

  it('the next digest is not sent', async () => {
    const before = (await digests(P.clientEmail)).length;
    const action = await item(keys.action(scope(), P.programId, P.actionId));
    await sweep(action!.remindAt as string);
    expect(await digests(P.clientEmail)).toHaveLength(before);
  });

  it('the confirm form unsubscribes too (token in the body)', async () => {
    const Q = await createProgram(F);
    const formToken = await unsubscribeToken(F.tenantId, 'reminders', Q.clientId, Q.clientEmail);
    const res = await fetch(`${api.url()}/unsubscribe`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: formToken, 'List-Unsubscribe': 'One-Click' }).toString() });
    expect(res.status).toBe(200);
    expect((await F.as('coach', 'GET', `/v1/clients/${Q.clientId}`)).body.client.emailPreferences.reminders).toBe('off');
  });

  it('takes the one-click body as multipart/form-data too (RFC 8058 allows either)', async () => {
    const Q = await createProgram(F);
    const t = await unsubscribeToken(F.tenantId, 'reminders', Q.clientId, Q.clientEmail);
    const body = new FormData();
    body.set('List-Unsubscribe', 'One-Click');
    const res = await fetch(`${api.url()}/unsubscribe?token=${encodeURIComponent(t)}`, { method: 'POST', body });
    expect(res.status).toBe(200);
    expect([...((await suppression(Q.clientEmail))!.reasons as Set<string>)]).toEqual(['unsubscribe:reminders']);
  });

  it('a forged, an expired or a malformed token gets a friendly 4xx page and changes nothing', async () => {
    const Q = await createProgram(F);
    const expired = await unsubscribeToken(F.tenantId, 'reminders', Q.clientId, Q.clientEmail, new Date(Date.now() - 400 * 86_400_000));
    for (const bad of [`${F.tenantId}.${'x'.repeat(43)}`, expired, 'not-a-token']) {
      const opened = await fetch(`${api.url()}/unsubscribe?token=${encodeURIComponent(bad)}`);
      expect(opened.status, bad).toBe(410);
      expect(await opened.text()).toContain('This link no longer works');
      expect((await oneClick(bad)).status, bad).toBe(410);
    }
    expect(await suppression(Q.clientEmail)).toBeUndefined();
    expect((await F.as('coach', 'GET', `/v1/clients/${Q.clientId}`)).body.client.emailPreferences.reminders).toBe('daily');
  });

  it('a POST that is not a one-click body is a 400 and changes nothing', async () => {
    const Q = await createProgram(F);
    const t = await unsubscribeToken(F.tenantId, 'reminders', Q.clientId, Q.clientEmail);
    const res = await fetch(`${api.url()}/unsubscribe?token=${encodeURIComponent(t)}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=Yes' });
    expect(res.status).toBe(400);
    expect(await suppression(Q.clientEmail)).toBeUndefined();
  });
});

describe('the suppression list in the outbox', () => {
  it('a suppressed address gets nothing, and the email record says why and leaves the outbox', async () => {
    const Q = await createProgram(F);
    await transact([suppressItem(scope(), addressHash(Q.clientEmail.toUpperCase()), 'bounce', new Date())]);
    const session = await item(keys.session(scope(), Q.programId, Q.sessionId));
    await sweep(session!.promptAt as string);
    expect(await digests(Q.clientEmail)).toEqual([]);
    const day = (session!.promptAt as string).slice(0, 10);
    const email = (await item(keys.email(scope(), `reminders#${Q.programId}#${day}`))) as QueuedEmail & Record<string, unknown>;
    expect(email).toMatchObject({ status: 'suppressed', reason: 'bounce' });
    expect(email.GSI1PK).toBeUndefined();
    expect(email.text).toBeUndefined();
  });

  it('an unsubscribe from reminders does not stop another list', async () => {
    // The entry of P's client holds unsubscribe:reminders only: a sponsor report or digest to that address would go.
    const entry = await suppression(P.clientEmail);
    expect([...(entry!.reasons as Set<string>)]).not.toContain('bounce');
  });
});

describe('an outbox retry of an email with an unsubscribe link', () => {
  it('issues a fresh unsubscribe link (and page link), revokes the old ones, and sends the fresh one', async () => {
    const Q = await createProgram(F);
    const now = new Date();
    const tenant = withoutKeys<Tenant>(await item(keys.tenant(scope())))!;
    const program = withoutKeys<Program>(await item(keys.program(scope(), Q.programId)))!;
    const link = clientLinkFor(scope(), program, now);
    const digest = reminderDigestEmail(tenant, program.client, { key: `reminders#${Q.programId}#retry`, programId: Q.programId, content: { programTitle: program.title, capture: [{ number: 1 }], dueSoon: [], overdue: [] } }, link, api.url());
    const unsub = withUnsubscribeLink(scope(), digest, { list: 'reminders', recipientId: Q.clientId, locale: program.client.locale, appUrl: api.url() }, now);
    // Queued but never sent by its writer (as if it died): the secrets it held are gone.
    await transact([queueEmailItem(scope(), unsub.message, now, false), link.item, unsub.item]);
    const run = await deliverPending(scope(), new Date(now.getTime() + 1000));
    expect(run.sent).toBeGreaterThanOrEqual(1);
    const [mail] = await digests(Q.clientEmail);
    const fresh = tokenIn(mail!.body.text!);
    expect(fresh).not.toBe(unsub.token);
    const old = await item(keys.link(scope(), unsub.message.unsubscribe!.hash));
    expect(old).toMatchObject({ revokedAt: expect.any(String), reissuedAs: hashSecret(fresh.split('.')[1]!) });
    expect((await oneClick(unsub.token)).status).toBe(410);
    expect((await oneClick(fresh)).status).toBe(200);
    expect((await F.as('coach', 'GET', `/v1/clients/${Q.clientId}`)).body.client.emailPreferences.reminders).toBe('off');
  });
});

/** An SES event as EventBridge delivers it (AWS docs: SES event publishing to EventBridge), run under the rule's grants. */
function sesEvent(eventType: 'Bounce' | 'Complaint', address: string, tags: Record<string, string[]>, bounceType = 'Permanent'): EventBridgeEvent<string, unknown> {
  const mail = { timestamp: new Date().toISOString(), messageId: `0100-${Date.now()}`, source: 'no-reply@waymark.example', destination: [address], tags: { 'ses:configuration-set': ['waymark-dev'], ...tags } };
  const detail =
    eventType === 'Bounce'
      ? { eventType, mail, bounce: { bounceType, bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull', bouncedRecipients: [{ emailAddress: address, action: 'failed', status: '5.1.1' }], timestamp: mail.timestamp, feedbackId: 'f' } }
      : { eventType, mail, complaint: { complainedRecipients: [{ emailAddress: address }], timestamp: mail.timestamp, feedbackId: 'f', complaintFeedbackType: 'abuse' } };
  return { version: '0', id: `e-${Date.now()}`, 'detail-type': eventType === 'Bounce' ? 'Email Bounced' : 'Email Complaint Received', source: 'aws.ses', account: '000000000000', time: mail.timestamp, region: 'eu-central-1', resources: [], detail };
}
const rule = eventRules.find((r) => r.name === 'ses-events')!;
const feed = (event: EventBridgeEvent<string, unknown>) => withGrants(rule, () => sesEvents(event, lambdaContext('ses-events')));

describe('SES bounces and complaints', () => {
  it('a permanent bounce suppresses the address for its firm, and the coach sees why on the client', async () => {
    const Q = await createProgram(F);
    const tags = { tenant: [F.tenantId], kind: ['reminder-digest'], recipient: [`client.${Q.clientId}`] };
    const run = await feed(sesEvent('Bounce', Q.clientEmail, tags));
    expect(run.result).toEqual({ suppressed: 1 });
    expect([...((await suppression(Q.clientEmail))!.reasons as Set<string>)]).toEqual(['bounce']);
    const client = (await F.as('coach', 'GET', `/v1/clients/${Q.clientId}`)).body.client;
    expect(client.emailSuppressed).toEqual({ reason: 'bounce', since: expect.any(String) });
    // And its next digest is not sent.
    const session = await item(keys.session(scope(), Q.programId, Q.sessionId));
    await sweep(session!.promptAt as string);
    expect(await digests(Q.clientEmail)).toEqual([]);
  });

  it('a sponsor’s bounce shows on the sponsor, and a new address clears it', async () => {
    const Q = await createProgram(F);
    const tags = { tenant: [F.tenantId], kind: ['sponsor-report'], recipient: [`sponsor.${Q.sponsorId}`] };
    expect((await feed(sesEvent('Bounce', Q.sponsorEmail, tags))).result).toEqual({ suppressed: 1 });
    expect((await F.as('coach', 'GET', `/v1/sponsors/${Q.sponsorId}`)).body.sponsor.emailSuppressed).toEqual({ reason: 'bounce', since: expect.any(String) });
    const moved = await F.as('coach', 'PATCH', `/v1/sponsors/${Q.sponsorId}`, { email: `new-${Q.sponsorEmail}` });
    expect(moved.status).toBe(200);
    expect(moved.body.sponsor.emailSuppressed).toBeUndefined();
  });

  it('a transient bounce changes nothing', async () => {
    const Q = await createProgram(F);
    const run = await feed(sesEvent('Bounce', Q.clientEmail, { tenant: [F.tenantId], kind: ['reminder-digest'], recipient: [`client.${Q.clientId}`] }, 'Transient'));
    expect(run.result).toEqual({ suppressed: 0, ignored: 'transient' });
    expect(await suppression(Q.clientEmail)).toBeUndefined();
    expect((await F.as('coach', 'GET', `/v1/clients/${Q.clientId}`)).body.client.emailSuppressed).toBeUndefined();
  });

  it('a complaint suppresses the address of an email with no recipient tag (a staff email), in that firm only', async () => {
    const other = await createFirm(api);
    const address = `complainer-${Date.now()}@client.example`;
    expect((await feed(sesEvent('Complaint', address, { tenant: [F.tenantId], kind: ['invitation'] }))).result).toEqual({ suppressed: 1 });
    expect([...((await suppression(address))!.reasons as Set<string>)]).toEqual(['complaint']);
    expect(await item(keys.suppression(tenantScope(other.tenantId), addressHash(address)))).toBeUndefined();
  });

  it('an event that names no firm of ours changes nothing; a malformed one is refused', async () => {
    expect((await feed(sesEvent('Bounce', 'x@y.example', { kind: ['other'] }))).result).toEqual({ suppressed: 0, ignored: 'no-tenant' });
    await expect(feed({ ...sesEvent('Bounce', 'x@y.example', { tenant: [F.tenantId] }), detail: { eventType: 'Bounce' } })).rejects.toThrow(/mail/);
  });
});
