import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { runSchedule } from '../../infra/local/scheduler.js';
import { schedules } from '../../shared/contracts/schedules.js';
import { db, dynamoCallCount, tableName } from '../../shared/db/client.js';
import { keys, platformKeys, tenantScope } from '../../shared/db/keys.js';
import { pendingEmailKeys } from '../../shared/email/outbox.js';
import { cognito } from '../../shared/identity/cognito.js';
import { useApi } from '../support/api.js';
import { signupBody, unique } from '../support/factories.js';
import { createFirm } from '../support/firms.js';
import { emailsTo } from '../support/inbox.js';

const api = useApi();

interface Accepted {
  slug: string;
  next: string;
}
interface ErrorReply {
  error: { code: string; message: string; requestId: string; fields?: { field: string; message: string }[] };
}

const cognitoUser = (email: string) =>
  cognito()
    .send(new AdminGetUserCommand({ UserPoolId: process.env.WAYMARK_USER_POOL_ID, Username: email }))
    .catch((error: Error) => error.name);

const slugClaim = async (slug: string) => (await db().send(new GetCommand({ TableName: tableName(), Key: platformKeys.slug(slug) }))).Item;

/** The unclaimed-firms schedule, run at an instant by the local scheduler (under the schedule's grants). */
async function sweepAt(at: Date) {
  const run = await runSchedule(schedules.find((s) => s.name === 'unclaimed-firms')!, at);
  expect(run.error).toBeUndefined();
  return run.result as { removed: number };
}

describe('POST /v1/tenants', () => {
  it('creates the firm, its owner in Cognito and the table, and sends the welcome email', async () => {
    const body = signupBody({ ownerEmail: `Mixed-${unique()}@Firm.Example` });
    const ownerEmail = body.ownerEmail.toLowerCase();
    const before = dynamoCallCount();
    const res = await api.request<Accepted>('POST', '/v1/tenants', { json: body });
    const calls = dynamoCallCount() - before;

    expect(res.status).toBe(202);
    expect(res.body.slug).toBe(body.slug);
    // The rate counter, the slug check, one transaction, and marking the welcome email sent.
    expect(calls).toBe(4);

    const mails = await emailsTo(ownerEmail);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Welcome to Waymark, ${body.name} is ready`);
    const link = /https:\/\/app\.waymark\.test\/set-password\?token=([0-9A-HJKMNP-TV-Z]{26})\.[\w-]{43}/.exec(mails[0]!.body.text ?? '');
    expect(link).not.toBeNull();
    const tenantId = link![1]!;
    const scope = tenantScope(tenantId);
    expect(await slugClaim(body.slug)).toMatchObject({ tenantId });

    const user = await cognitoUser(ownerEmail);
    expect(typeof user).toBe('object');
    const attributes = Object.fromEntries(((user as { UserAttributes?: { Name?: string; Value?: string }[] }).UserAttributes ?? []).map((a) => [a.Name, a.Value]));
    expect(attributes).toMatchObject({ 'custom:tenantId': tenantId, 'custom:role': 'owner' });
    const stored = await db().send(new GetCommand({ TableName: tableName(), Key: keys.staff(scope, attributes.sub!) }));
    expect(stored.Item).toMatchObject({ role: 'owner', email: ownerEmail, tenantId });
    const tenant = await db().send(new GetCommand({ TableName: tableName(), Key: keys.tenant(scope) }));
    expect(tenant.Item).toMatchObject({ slug: body.slug, timeZone: 'Europe/Zurich', locale: 'en', status: 'active' });
    expect(await pendingEmailKeys(scope)).toEqual([]);

    const audit = await db().send(
      new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.auditPartition(scope) } }),
    );
    expect(audit.Items).toHaveLength(1);
    expect(audit.Items![0]).toMatchObject({ action: 'tenant.created', actor: { kind: 'signup', id: attributes.sub } });
  });

  it('writes the welcome email in the firm locale', async () => {
    const body = signupBody({ locale: 'de', name: 'Müller & <Partner>' });
    const res = await api.request('POST', '/v1/tenants', { json: body });
    expect(res.status).toBe(202);
    const [mail] = await emailsTo(body.ownerEmail);
    expect(mail!.subject).toBe('Willkommen bei Waymark, Müller & <Partner> ist bereit');
    expect(mail!.body.html).toContain('Müller &amp; &lt;Partner&gt;');
    expect(mail!.body.html).not.toContain('<Partner>');
  });

  it('refuses a taken slug with 409 and leaves no login behind', async () => {
    const first = signupBody();
    expect((await api.request('POST', '/v1/tenants', { json: first })).status).toBe(202);
    const second = signupBody({ slug: first.slug.toUpperCase() });
    const res = await api.request<ErrorReply>('POST', '/v1/tenants', { json: second });

    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(res.body.error.message).toContain(`"${first.slug}" is already taken`);
    expect(res.body.error.fields).toEqual([{ field: 'slug', message: 'is already taken' }]);
    expect(await cognitoUser(second.ownerEmail)).toBe('UserNotFoundException');
    expect(await emailsTo(second.ownerEmail)).toHaveLength(0);
  });

  it('answers an address that already has an account exactly as a new one, and tells only that address (#14)', async () => {
    const first = signupBody();
    const fresh = await api.request('POST', '/v1/tenants', { json: first });
    const second = signupBody({ ownerEmail: first.ownerEmail, locale: 'de' });
    const taken = await api.request('POST', '/v1/tenants', { json: second });

    expect(taken.status).toBe(fresh.status);
    expect(Object.keys(taken.body).sort()).toEqual(Object.keys(fresh.body).sort());
    expect(taken.body.next).toBe(fresh.body.next);
    expect(await slugClaim(second.slug)).toBeUndefined();
    const mails = await emailsTo(first.ownerEmail);
    expect(mails.map((m) => m.subject)).toEqual([expect.stringContaining('Welcome'), 'Jemand wollte mit Ihrer Adresse eine Firma bei Waymark registrieren']);
    expect(mails[1]!.body.text).not.toMatch(/token=/);
    // At most one such notice a day, however often it is tried.
    await api.request('POST', '/v1/tenants', { json: signupBody({ ownerEmail: first.ownerEmail }) });
    expect(await emailsTo(first.ownerEmail)).toHaveLength(2);
  });

  it('removes a firm whose owner never set a password once the welcome link expired, freeing slug and address (#14)', async () => {
    const squatted = signupBody();
    expect((await api.request('POST', '/v1/tenants', { json: squatted })).status).toBe(202);
    const [welcome] = await emailsTo(squatted.ownerEmail);
    const oldToken = decodeURIComponent(/token=([\w.%-]+)/.exec(welcome!.body.text ?? '')![1]!);
    const claimed = await createFirm(api);

    expect(await sweepAt(new Date(Date.now() + 6 * 86_400_000))).toEqual({ removed: 0 });
    const result = await sweepAt(new Date(Date.now() + 8 * 86_400_000));
    expect(result.removed).toBeGreaterThanOrEqual(1);

    expect(await slugClaim(squatted.slug)).toBeUndefined();
    expect(await cognitoUser(squatted.ownerEmail)).toBe('UserNotFoundException');
    const leftovers = await db().send(
      new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.tenant(tenantScope(oldToken.split('.')[0]!)).PK } }),
    );
    expect(leftovers.Items).toEqual([]);
    const trail = await db().send(
      new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.auditPartition(tenantScope(oldToken.split('.')[0]!)) } }),
    );
    expect(trail.Items!.map((e) => e.action)).toEqual(['tenant.created', 'tenant.removed_unclaimed']);
    expect((await api.request('POST', '/v1/auth/password', { json: { token: oldToken, password: 'Too-late-2026' } })).status).toBe(410);
    // The real owner of the address can now sign up, with the same slug even.
    expect((await api.request('POST', '/v1/tenants', { json: { ...signupBody({ ownerEmail: squatted.ownerEmail }), slug: squatted.slug } })).status).toBe(202);
    expect((await emailsTo(squatted.ownerEmail)).filter((m) => m.subject.startsWith('Welcome'))).toHaveLength(2);
    // A firm whose owner set a password stays.
    expect((await claimed.as('owner', 'GET', '/v1/me')).status).toBe(200);
  }, 60_000);

  it('answers a bad body with 400 naming every bad field, and writes nothing', async () => {
    const slug = `bad-${unique()}`;
    const res = await api.request<ErrorReply>('POST', '/v1/tenants', {
      json: { name: 'A', slug: `${slug}--x`, ownerEmail: 'not-an-address', timeZone: 'Mars/Olympus', tenantId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' },
    });

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.requestId).toBe(res.headers.get('x-request-id'));
    const fields = Object.fromEntries(res.body.error.fields!.map((f) => [f.field, f.message]));
    expect(Object.keys(fields).sort()).toEqual(['name', 'ownerEmail', 'ownerName', 'slug', 'tenantId', 'timeZone']);
    expect(fields.tenantId).toBe('is not a known field');
    expect(fields.timeZone).toContain('IANA time zone');
    expect(await slugClaim(`${slug}--x`)).toBeUndefined();
  });

  it('answers a body that is not JSON with 400 and a wrong content type with 415', async () => {
    const broken = await api.request<ErrorReply>('POST', '/v1/tenants', { body: '{"name":', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toContain('not valid JSON');

    const form = await api.request<ErrorReply>('POST', '/v1/tenants', { body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);

    const empty = await api.request<ErrorReply>('POST', '/v1/tenants');
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain('a JSON body is required');
  });

  it('sends the security headers on every answer', async () => {
    const res = await api.request('POST', '/v1/tenants', { json: {} });
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
