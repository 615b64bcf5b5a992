import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db, dynamoCallCount, tableName } from '../../shared/db/client.js';
import { keys, platformKeys, tenantScope } from '../../shared/db/keys.js';
import { pendingEmailKeys } from '../../shared/email/outbox.js';
import { cognito } from '../../shared/identity/cognito.js';
import { useApi } from '../support/api.js';
import { signupBody, unique } from '../support/factories.js';
import { emailsTo } from '../support/inbox.js';

const api = useApi();

interface Created {
  tenant: { tenantId: string; slug: string; timeZone: string; locale: string; status: string };
  owner: { userId: string; email: string; role: string };
  welcomeEmail: string;
}
interface ErrorReply {
  error: { code: string; message: string; requestId: string; fields?: { field: string; message: string }[] };
}

const cognitoUser = (email: string) =>
  cognito()
    .send(new AdminGetUserCommand({ UserPoolId: process.env.WAYMARK_USER_POOL_ID, Username: email }))
    .catch((error: Error) => error.name);

const slugClaim = async (slug: string) => (await db().send(new GetCommand({ TableName: tableName(), Key: platformKeys.slug(slug) }))).Item;

describe('POST /v1/tenants', () => {
  it('creates the firm, its owner in Cognito and the table, and sends the welcome email', async () => {
    const body = signupBody({ ownerEmail: `Mixed-${unique()}@Firm.Example` });
    const before = dynamoCallCount();
    const res = await api.request<Created>('POST', '/v1/tenants', { json: body });
    const calls = dynamoCallCount() - before;

    expect(res.status).toBe(201);
    const { tenant, owner } = res.body;
    expect(tenant.tenantId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(res.headers.get('location')).toBe(`/v1/tenants/${tenant.tenantId}`);
    expect(tenant).toMatchObject({ slug: body.slug, timeZone: 'Europe/Zurich', locale: 'en', status: 'active' });
    expect(owner).toMatchObject({ email: body.ownerEmail.toLowerCase(), role: 'owner' });
    expect(res.body.welcomeEmail).toBe('sent');
    // One transaction plus marking the welcome email sent.
    expect(calls).toBe(2);

    const scope = tenantScope(tenant.tenantId);
    const stored = await db().send(new GetCommand({ TableName: tableName(), Key: keys.staff(scope, owner.userId) }));
    expect(stored.Item).toMatchObject({ role: 'owner', email: owner.email, tenantId: tenant.tenantId });
    expect(await slugClaim(body.slug)).toMatchObject({ tenantId: tenant.tenantId });

    const user = await cognitoUser(owner.email);
    expect(typeof user).toBe('object');
    const attributes = Object.fromEntries(((user as { UserAttributes?: { Name?: string; Value?: string }[] }).UserAttributes ?? []).map((a) => [a.Name, a.Value]));
    expect(attributes).toMatchObject({ sub: owner.userId, 'custom:tenantId': tenant.tenantId, 'custom:role': 'owner' });

    const mails = await emailsTo(owner.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Welcome to Waymark, ${body.name} is ready`);
    expect(mails[0]!.body.text).toMatch(new RegExp(`https://app\\.waymark\\.test/set-password\\?token=${tenant.tenantId}\\.[\\w-]{43}`));
    expect(await pendingEmailKeys(scope)).toEqual([]);

    const audit = await db().send(
      new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.auditPartition(scope) } }),
    );
    expect(audit.Items).toHaveLength(1);
    expect(audit.Items![0]).toMatchObject({ action: 'tenant.created', actor: { kind: 'signup', id: owner.userId } });
  });

  it('writes the welcome email in the firm locale', async () => {
    const body = signupBody({ locale: 'de', name: 'Müller & <Partner>' });
    const res = await api.request<Created>('POST', '/v1/tenants', { json: body });
    expect(res.status).toBe(201);
    const [mail] = await emailsTo(body.ownerEmail);
    expect(mail!.subject).toBe('Willkommen bei Waymark, Müller & <Partner> ist bereit');
    expect(mail!.body.html).toContain('Müller &amp; &lt;Partner&gt;');
    expect(mail!.body.html).not.toContain('<Partner>');
  });

  it('refuses a taken slug with 409 and leaves no login behind', async () => {
    const first = signupBody();
    expect((await api.request('POST', '/v1/tenants', { json: first })).status).toBe(201);
    const second = signupBody({ slug: first.slug.toUpperCase() });
    const res = await api.request<ErrorReply>('POST', '/v1/tenants', { json: second });

    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(res.body.error.message).toContain(`"${first.slug}" is already taken`);
    expect(res.body.error.fields).toEqual([{ field: 'slug', message: 'is already taken' }]);
    expect(await cognitoUser(second.ownerEmail)).toBe('UserNotFoundException');
    expect(await emailsTo(second.ownerEmail)).toHaveLength(0);
  });

  it('refuses an owner address that already has a login, without claiming the slug', async () => {
    const first = signupBody();
    expect((await api.request('POST', '/v1/tenants', { json: first })).status).toBe(201);
    const second = signupBody({ ownerEmail: first.ownerEmail });
    const res = await api.request<ErrorReply>('POST', '/v1/tenants', { json: second });

    expect(res.status).toBe(409);
    expect(res.body.error.fields).toEqual([{ field: 'ownerEmail', message: 'already has a Waymark staff account' }]);
    expect(await slugClaim(second.slug)).toBeUndefined();
  });

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
