import { describe, expect, it } from 'vitest';
import { routes } from '../../shared/contracts/routes.js';
import { useApi } from '../support/api.js';

const api = useApi();

type Doc = {
  openapi: string;
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

  it('marks staff routes as needing a bearer token and lists their 401, 403 and 404', async () => {
    const { body } = await api.request<Doc>('GET', '/v1/openapi.json');
    for (const route of routes) {
      const op = body.paths[route.path]![route.method.toLowerCase()]!;
      if (route.auth === 'staff') {
        expect(op.security, route.id).toEqual([{ staffToken: [] }]);
        expect(Object.keys(op.responses), route.id).toEqual(expect.arrayContaining(['401', '403', '404']));
      } else {
        expect(op.security, route.id).toEqual([]);
      }
    }
  });
});
