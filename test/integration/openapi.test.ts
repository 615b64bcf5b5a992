import { beforeAll, describe, expect, it } from 'vitest';
import { routes, type RouteContract, type RouteId } from '../../shared/contracts/routes.js';
import { expectDeclaredResponse, useApi } from '../support/api.js';
import { unique } from '../support/factories.js';
import { createFirm, type FirmFixture } from '../support/firms.js';

const api = useApi();
const contract = (id: RouteId): RouteContract => routes.find((r) => r.id === id)!;

type Doc = {
  openapi: string;
  servers: { url: string }[];
  info: { version: string };
  paths: Record<string, Record<string, { operationId: string; security: unknown[]; requestBody?: { content: { 'application/json': { schema: Record<string, any> } } }; parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>>;
};

describe('GET /v1/openapi.json', () => {
  it('documents every route of the route table, and nothing else', async () => {
    const res = await api.request<Doc>('GET', '/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const documented = Object.entries(res.body.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`));
    expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${r.path} ${r.id}`).sort());
  });

  it('generates request bodies from the zod schemas the handlers validate with', async () => {
    const { body } = await api.request<Doc>('GET', '/v1/openapi.json');
    const signup = body.paths['/v1/tenants']!.post!.requestBody!.content['application/json'].schema;
    expect(signup.required.sort()).toEqual(['name', 'ownerEmail', 'ownerName', 'slug']);
    expect(signup.additionalProperties).toBe(false);
    expect(signup.properties.timeZone.default).toBe('Europe/Zurich');
    expect(signup.properties.locale.enum).toEqual(['en', 'de']);
    const invitation = body.paths['/v1/invitations']!.post!.requestBody!.content['application/json'].schema;
    expect(invitation.properties.role.enum).toEqual(['admin', 'coach']);
    const audit = body.paths['/v1/audit']!.get!;
    expect(audit.parameters?.map((p) => `${p.in}:${p.name}`).sort()).toEqual(['query:before', 'query:limit']);
    const userId = body.paths['/v1/staff/{userId}']!.patch!.parameters![0]!;
    expect(userId).toMatchObject({ name: 'userId', in: 'path', required: true, schema: { type: 'string', pattern: expect.any(String) } });
    expect(body.paths['/v1/staff']!.get!.parameters?.map((p) => `${p.in}:${p.name}`).sort()).toEqual(['query:cursor', 'query:limit']);
  });

  it('lists 429 with Retry-After on every rate-limited route, and the 202 of sign-up', async () => {
    const { body } = await api.request<Doc>('GET', '/v1/openapi.json');
    for (const [path, method] of [['/v1/tenants', 'post'], ['/v1/auth/sign-in', 'post'], ['/v1/auth/password-reset', 'post'], ['/v1/invitations', 'post'], ['/v1/invitations/{invitationId}/resend', 'post']] as const) {
      const op = body.paths[path]![method]! as unknown as { responses: Record<string, { headers?: Record<string, unknown> }> };
      expect(op.responses['429']?.headers, `${method} ${path}`).toHaveProperty('Retry-After');
    }
    expect(Object.keys((body.paths['/v1/tenants']!.post! as unknown as { responses: object }).responses)).toContain('202');
  });

  it('marks staff routes as needing a bearer token (web app pages: the session cookie) and lists their 401, 403 and 404', async () => {
    const { body } = await api.request<Doc>('GET', '/v1/openapi.json');
    for (const route of routes) {
      const op = body.paths[route.path]![route.method.toLowerCase()]!;
      if (route.auth === 'staff') {
        expect(op.security, route.id).toEqual([{ staffToken: [] }]);
        expect(Object.keys(op.responses), route.id).toEqual(expect.arrayContaining(['401', '403', '404']));
      } else if (route.auth === 'session') {
        expect(op.security, route.id).toEqual([{ staffSession: [] }]);
        expect(Object.keys(op.responses), route.id).toEqual(expect.arrayContaining(['403', '404']));
      } else {
        expect(op.security, route.id).toEqual([]);
      }
    }
  });
});

describe('response schemas (derived from the route contracts)', () => {
  let F: FirmFixture;
  beforeAll(async () => {
    F = await createFirm(api);
  }, 60_000);

  it('declares a JSON body for every success answer but a 204 or a page, and the document names its server', async () => {
    const { body } = await api.request<Doc>('GET', '/v1/openapi.json');
    expect(body.servers).toEqual([{ url: '/', description: 'this deployment' }]);
    for (const route of routes as readonly RouteContract[]) {
      const op = body.paths[route.path]![route.method.toLowerCase()]! as unknown as { responses: Record<string, { content?: Record<string, { schema: Record<string, any> }> }> };
      const success = op.responses[String(route.response.status)]!;
      if (route.response.status === 204) expect(success.content, route.id).toBeUndefined();
      else if (route.page) expect(Object.keys(success.content ?? {}), route.id).toEqual(['text/html']);
      else expect(success.content?.['application/json']?.schema.type, route.id).toBe('object');
    }
    const me = body.paths['/v1/me']!.get! as unknown as { responses: Record<string, { content: Record<string, { schema: Record<string, any> }> }> };
    expect(me.responses['200']!.content['application/json']!.schema.properties.user.required).toEqual(['userId', 'email', 'name', 'role']);
  });

  it('real answers match their declared schemas: me, staff list, invitation create, audit page', async () => {
    for (const [id, res] of [
      ['getMe', await F.as('coach', 'GET', '/v1/me')],
      ['listStaff', await F.as('admin', 'GET', '/v1/staff')],
      ['createInvitation', await F.as('owner', 'POST', '/v1/invitations', { email: `schema-${unique()}@firm.example`, name: 'Schema', role: 'coach' })],
      ['listAudit', await F.as('owner', 'GET', '/v1/audit?limit=5')],
    ] as const) {
      expect(res.status, id).toBe(contract(id).response.status);
      expect(contract(id).response.body!().safeParse(res.body).success, id).toBe(true);
    }
  });

  it('an answer with a field its contract does not declare fails the request that got it (every test goes through this check)', async () => {
    const me = await F.as('owner', 'GET', '/v1/me');
    const url = `${api.url()}/v1/me`;
    expect(() => expectDeclaredResponse('GET', url, 200, me.body)).not.toThrow();
    expect(() => expectDeclaredResponse('GET', url, 200, { ...me.body, user: { ...me.body.user, linkGeneration: 3 } })).toThrow(/getMe answered 200 with a body its contract does not declare.*user\.linkGeneration/);
    expect(() => expectDeclaredResponse('GET', url, 200, { user: me.body.user })).toThrow(/tenant/);
    // Errors and other statuses have the one error shape, checked elsewhere.
    expect(() => expectDeclaredResponse('GET', url, 401, { message: 'Unauthorized' })).not.toThrow();
  });
});
