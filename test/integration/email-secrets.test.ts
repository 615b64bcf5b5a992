/**
 * No raw link secret is ever stored: emails are queued with a placeholder where the token goes, the sender fills it
 * in on the way out, and a retry by the outbox (which never had the token) sends a freshly issued link instead.
 * This file scans the whole table (tests may; runtime code never does) after every kind of email. SES goes down for
 * a while here (its own process), so it never shares the relay with another file.
 */
import { GetCommand, paginateScan } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { tick } from '../../infra/local/scheduler.js';
import { db, tableName } from '../../shared/db/client.js';
import { keys, tenantScope } from '../../shared/db/keys.js';
import { LINK_TOKEN_PLACEHOLDER, RAW_LINK_TOKEN } from '../../shared/email/message.js';
import { backoffSeconds, pendingEmailKeys } from '../../shared/email/outbox.js';
import { useApi } from '../support/api.js';
import { unique } from '../support/factories.js';
import { createFirm, linkTokenSentTo } from '../support/firms.js';
import { emailsTo, type SentEmail } from '../support/inbox.js';
import { useSesSwitch } from '../support/ses-switch.js';

const ses = useSesSwitch();
const api = useApi();

/** Every item of the table, as one JSON text. */
async function wholeTable(): Promise<string> {
  const items: Record<string, unknown>[] = [];
  // Pages of a few hundred items: a full 1 MB page of the suite's shared table can take DynamoDB Local longer than the
  // clients' 2 s request timeout on a busy machine.
  for await (const page of paginateScan({ client: db() }, { TableName: tableName(), ConsistentRead: true, Limit: 300 })) items.push(...(page.Items ?? []));
  return JSON.stringify(items);
}

/** Every link token local SES has delivered, to anyone. */
async function everyDeliveredToken(): Promise<string[]> {
  const { emails } = (await (await fetch(`${inject('sesUrl')}/store`)).json()) as { emails: SentEmail[] };
  return emails.flatMap((e) => [...`${e.body.text ?? ''} ${e.body.html ?? ''}`.matchAll(/token=([\w.%-]+)/g)].map((m) => decodeURIComponent(m[1]!)));
}

const getItem = async (key: { PK: string; SK: string }) => (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;

describe('link secrets at rest', () => {
  it('no email leaves a raw link secret in the table: welcome, invitation, resend, password reset and an outbox retry', async () => {
    // Welcome at sign-up, and two invitations accepted.
    const F = await createFirm(api);
    const scope = tenantScope(F.tenantId);

    // An invitation and its resend.
    const invitee = `invitee-${unique()}@firm.example`;
    const invited = await F.as('owner', 'POST', '/v1/invitations', { email: invitee, name: 'Ivy Invitee', role: 'coach' });
    expect(invited.status).toBe(201);
    expect(invited.body.email).toBe('sent');
    const firstInvite = await linkTokenSentTo(invitee);
    const resent = await F.as('owner', 'POST', `/v1/invitations/${invited.body.invitation.invitationId}/resend`);
    expect(resent.status).toBe(200);
    expect(await linkTokenSentTo(invitee)).not.toBe(firstInvite);

    // A password reset.
    expect((await api.request('POST', '/v1/auth/password-reset', { json: { email: F.coach.email } })).status).toBe(202);
    expect((await emailsTo(F.coach.email)).at(-1)!.subject).toContain('Reset');

    // SES is down for an invitation and a reset: both wait in the outbox, rendered without their token.
    ses.down();
    const late = `late-${unique()}@firm.example`;
    const lateInvite = await F.as('owner', 'POST', '/v1/invitations', { email: late, name: 'Lou Late', role: 'coach' });
    expect(lateInvite.status).toBe(201);
    expect(lateInvite.body.email).toBe('queued');
    expect((await api.request('POST', '/v1/auth/password-reset', { json: { email: F.admin.email } })).status).toBe(202);
    ses.up();
    const adminMailsBefore = (await emailsTo(F.admin.email)).length;
    const pending = await pendingEmailKeys(scope);
    expect(pending).toHaveLength(2);
    const queuedInvite = (await getItem(keys.email(scope, pending.find((k) => k.startsWith('invitation#'))!)))!;
    expect(queuedInvite.text).toContain(`/accept-invitation?token=${LINK_TOKEN_PLACEHOLDER}`);
    expect(queuedInvite.link).toMatchObject({ purpose: 'invitation', subjectId: lateInvite.body.invitation.invitationId });
    const oldHash = queuedInvite.link.hash as string;

    // The outbox retries after the wait: a fresh link (the old one revoked), which works.
    const retryAt = new Date(Date.now() + (backoffSeconds(1) + 60) * 1000);
    const [run] = await tick(retryAt, ['tenant-tick']);
    expect(run).toMatchObject({ ok: true });
    expect(await pendingEmailKeys(scope)).toEqual([]);
    const sentInvite = (await getItem(keys.email(scope, queuedInvite.SK as string)))!;
    expect(sentInvite).toMatchObject({ status: 'sent', attempts: 2 });
    expect(sentInvite.text).toBeUndefined();
    const newHash = sentInvite.link.hash as string;
    expect(newHash).not.toBe(oldHash);
    const oldLink = (await getItem(keys.link(scope, oldHash)))!;
    const newLink = (await getItem(keys.link(scope, newHash)))!;
    expect(oldLink).toMatchObject({ revokedAt: expect.any(String), reissuedAs: newHash });
    const { PK: _p1, SK: _s1, revokedAt: _r, reissuedAs: _a, ...oldRecord } = oldLink;
    const { PK: _p2, SK: _s2, reissuedAt: _t, reissuedFrom, ...newRecord } = newLink;
    expect(reissuedFrom).toBe(oldHash);
    expect(newRecord).toEqual(oldRecord); // same purpose, subject, validity, generation
    expect(newRecord.usedAt).toBeUndefined();

    const lateToken = await linkTokenSentTo(late);
    const accepted = await api.request('POST', '/v1/auth/accept-invitation', { json: { token: lateToken, password: `Late-${unique()}-Aa1` } });
    expect(accepted.status).toBe(201);

    expect(await emailsTo(F.admin.email)).toHaveLength(adminMailsBefore + 1);
    const adminResetToken = await linkTokenSentTo(F.admin.email);
    expect((await api.request('POST', '/v1/auth/password', { json: { token: adminResetToken, password: `Admin-${unique()}-Aa1` } })).status).toBe(200);

    // Every secret any email carried (this firm's and every other's), and anything shaped like a token: none stored.
    const tokens = await everyDeliveredToken();
    expect(tokens.filter((t) => t.startsWith(F.tenantId)).length).toBeGreaterThanOrEqual(8);
    const table = await wholeTable();
    expect(table).not.toMatch(RAW_LINK_TOKEN);
    for (const token of tokens) expect(table).not.toContain(token.split('.')[1]!);
  });
});
