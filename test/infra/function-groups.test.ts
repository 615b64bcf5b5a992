/**
 * Routes -> functions (infra/stacks/route-groups.ts): one function per area and auth kind, whose generated entry
 * imports only its routes' handlers and hands each request to the handler of `event.routeKey`. Bundled here with
 * esbuild as CDK bundles it (minified CommonJS for Node 22).
 */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { routeKey, routes, type RouteDef } from '../../shared/contracts/routes.js';
import { DISPATCHER, functionGroups, groupEntrySource, writeGroupEntry } from '../../infra/stacks/route-groups.js';
import { bundle, root } from '../bench/measure.js';

const out = mkdtempSync(join(tmpdir(), 'waymark-groups-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const groups = functionGroups(routes);

/** Bundles a group's entry as `cdk synth` would and loads it as Lambda would. */
async function load(source: string, name: string) {
  const bundled = await bundle(out, name, { contents: source });
  const { handler } = createRequire(import.meta.url)(bundled.file) as { handler: (e: APIGatewayProxyEventV2, c: Context) => Promise<any> };
  return { handler, metafile: bundled.metafile };
}

const event = (key: string): APIGatewayProxyEventV2 => ({ routeKey: key, requestContext: { requestId: 'req-1' } }) as unknown as APIGatewayProxyEventV2;
const context = { awsRequestId: 'aws-1' } as Context;

describe('function groups', () => {
  it('every route is in exactly one group, named by its area and auth kind', () => {
    expect(groups.flatMap((g) => g.routes.map((r) => r.id)).sort()).toEqual(routes.map((r) => r.id).sort());
    for (const group of groups) {
      expect(group.name).toBe(`${group.area}-${group.auth}`);
      for (const route of group.routes) expect([route.area, route.auth], route.id).toEqual([group.area, group.auth]);
    }
    expect(groups.map((g) => g.name)).toContain('tenancy-staff');
  });

  it("a group's role needs are the union of its routes' needs, each once", () => {
    for (const group of groups) {
      expect([...group.needs].sort(), group.name).toEqual([...new Set(group.routes.flatMap((r) => r.needs))].sort());
    }
  });

  it('the entry imports the dispatcher and each handler file of the group once, and maps every route key', () => {
    for (const group of groups) {
      const source = groupEntrySource(group, root, root);
      const imports = [...source.matchAll(/^import .* from "(.+)";$/gm)].map((m) => m[1]);
      expect(imports, group.name).toEqual([`./${DISPATCHER}`, ...new Set(group.routes.map((r) => `./${r.handler}`))]);
      for (const route of group.routes) expect(source, route.id).toContain(`${JSON.stringify(routeKey(route))}: route`);
    }
  });

  it('the entry is written under the project (NodejsFunction bundles only from there), with imports relative to it', () => {
    const group = groups.find((g) => g.name === 'tenancy-staff')!;
    const file = writeGroupEntry(group, root);
    expect(file.startsWith(join(root, 'cdk.out'))).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(groupEntrySource(group, dirname(file), root));
    expect(readFileSync(file, 'utf8')).toContain('from "../../functions/dispatch.ts"');
  });

  it('a bundled group holds its own route handlers and no other route\'s', async () => {
    const group = groups.find((g) => g.name === 'auth-staff')!;
    const { metafile } = await load(groupEntrySource(group, root, root), group.name);
    const handlers = new Set(routes.map((r) => r.handler as string));
    const bundled = Object.keys(metafile.inputs).filter((input) => handlers.has(input));
    expect(bundled.sort()).toEqual([...new Set(group.routes.map((r) => r.handler))].sort());
  });

  it('dispatches by route key to the route handler, and answers an unknown route key with a JSON 404', async () => {
    const route = (id: string, method: RouteDef['method'], handler: string): RouteDef => ({
      id, method, path: '/probe', handler, area: 'health', auth: 'public', needs: [], summary: 'dispatch probe',
    });
    const [group] = functionGroups([
      route('probeGet', 'GET', 'test/infra/fixtures/echo-handler.ts'),
      route('probePost', 'POST', 'test/infra/fixtures/echo-handler.ts'),
      route('probeDelete', 'DELETE', 'test/infra/fixtures/other-handler.ts'),
    ]);
    const { handler } = await load(groupEntrySource(group!, root, root), 'probe');

    expect(JSON.parse((await handler(event('GET /probe'), context)).body)).toEqual({ answeredBy: 'echo', routeKey: 'GET /probe' });
    expect(JSON.parse((await handler(event('POST /probe'), context)).body)).toEqual({ answeredBy: 'echo', routeKey: 'POST /probe' });
    const other = await handler(event('DELETE /probe'), context);
    expect([other.statusCode, JSON.parse(other.body).answeredBy]).toEqual([201, 'other']);

    const written = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    for (const key of ['GET /v1/me', '$default', 'toString', 'GET /probe ']) {
      written.mockClear();
      const missing = await handler(event(key), context);
      expect(JSON.parse(String(written.mock.calls[0]?.[0]))).toMatchObject({ level: 'error', route: key, group: 'health-public', requestId: 'req-1' });
      expect(missing.statusCode, key).toBe(404);
      expect(missing.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff', 'x-request-id': 'req-1' });
      expect(JSON.parse(missing.body)).toEqual({ error: { code: 'not_found', message: expect.any(String), requestId: 'req-1' } });
    }
    written.mockRestore();
  });
});
