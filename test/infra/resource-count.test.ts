/**
 * The stack against CloudFormation's limit of 500 resources per stack (README, "Functions sized for the whole
 * product"): the real route table, and a synthetic table of 150 routes over 10 areas and the three auth kinds (the
 * most groups such a table can make: 30). Bundling is skipped (test/support/cdk.ts), so these synths are quick.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { routes, type AuthKind, type Capability, type RouteDef } from '../../shared/contracts/routes.js';
import { queues } from '../../shared/contracts/queues.js';
import { schedules } from '../../shared/contracts/schedules.js';
import { eventRules } from '../../shared/contracts/events.js';
import { functionGroups, groupEntriesDir } from '../../infra/stacks/route-groups.js';
import { repoRoot, WaymarkStack } from '../../infra/stacks/waymark-stack.js';
import { devConfig, testApp } from '../support/cdk.js';

const STACK_LIMIT = 500;
/** What the tests hold: room left under the limit for queues, web and whatever else comes. */
const CEILING = 450;

const synthesizedGroups = new Set<string>();

/** Resources of the stack synthesized with a route table, by type. */
function synthesize(id: string, table: readonly RouteDef[]): { total: number; byType: Map<string, number> } {
  for (const group of functionGroups(table)) synthesizedGroups.add(group.name);
  const stack = new WaymarkStack(testApp(devConfig), id, { ...devConfig, routes: table });
  const resources = Object.values(Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string }>);
  const byType = new Map<string, number>();
  for (const { Type } of resources) byType.set(Type, (byType.get(Type) ?? 0) + 1);
  return { total: resources.length, byType };
}

const AREAS = ['clients', 'programs', 'sessions', 'actions', 'obstacles', 'assessments', 'reports', 'sponsors', 'reminders', 'dashboard'];
const AUTH_KINDS: AuthKind[] = ['public', 'staff', 'link'];
const NEEDS: Capability[][] = [
  ['table:batch-get'],
  ['table:batch-get', 'table:query'],
  ['table:get', 'table:put', 'table:update', 'table:condition-check'],
  ['table:batch-get', 'table:query-index', 'table:update', 'email:send'],
  ['table:get', 'table:delete', 'identity:get-user'],
];
const METHODS: RouteDef['method'][] = ['GET', 'POST', 'PATCH', 'DELETE'];

/** `count` routes spread evenly over 10 areas and the three auth kinds, on real handler files (never bundled here). */
function syntheticRoutes(count: number): RouteDef[] {
  return Array.from({ length: count }, (_, i): RouteDef => {
    const area = AREAS[i % AREAS.length]!;
    return {
      id: `${area}Route${i}`,
      method: METHODS[i % METHODS.length]!,
      path: `/v1/${area}/r${i}/{id}`,
      handler: routes[i % routes.length]!.handler,
      area: area as RouteDef['area'],
      auth: AUTH_KINDS[Math.floor(i / AREAS.length) % AUTH_KINDS.length]!,
      needs: NEEDS[i % NEEDS.length]!,
      summary: `synthetic route ${i}`,
    };
  });
}

const synthetic = syntheticRoutes(150);
afterAll(() => {
  // The made-up groups' entries are not the product's: leave cdk.out as `cdk synth` leaves it.
  const real = new Set(functionGroups(routes).map((g) => g.name));
  for (const name of synthesizedGroups) if (!real.has(name)) rmSync(join(groupEntriesDir(repoRoot), `${name}.ts`), { force: true });
});

describe('resources per stack', () => {
  it('the route table synthesizes well under the limit; a route costs one resource, a route in a new group seven', () => {
    const groups = functionGroups(routes);
    const now = synthesize('Waymark-count', routes);
    console.log(`route table: ${routes.length} routes in ${groups.length} functions, ${schedules.length} schedules, ${queues.length} queues: ${now.total} resources (limit ${STACK_LIMIT})`);
    expect(now.total).toBeLessThan(CEILING);
    expect(now.byType.get('AWS::Lambda::Function')).toBe(groups.length + schedules.length + queues.length + eventRules.length);
    expect(now.byType.get('AWS::ApiGatewayV2::Route')).toBe(routes.length);

    const inGroup: RouteDef = { ...routes.find((r) => r.id === 'getMe')!, id: 'extraStaffRoute', path: '/v1/extra' };
    expect(synthesize('Waymark-count-route', [...routes, inGroup]).total - now.total).toBe(1);
    const newGroup: RouteDef = { ...inGroup, id: 'extraArea', area: 'extra' as RouteDef['area'] };
    expect(synthesize('Waymark-count-group', [...routes, newGroup]).total - now.total).toBe(7);
  });

  it(`150 routes over 10 areas and three auth kinds stay under ${CEILING} resources in one stack`, () => {
    const groups = functionGroups(synthetic);
    expect(groups).toHaveLength(AREAS.length * AUTH_KINDS.length);
    const { total, byType } = synthesize('Waymark-150-routes', synthetic);
    console.log(`synthetic table: ${synthetic.length} routes in ${groups.length} functions: ${total} resources (limit ${STACK_LIMIT})`);
    expect(byType.get('AWS::ApiGatewayV2::Route')).toBe(150);
    expect(byType.get('AWS::Lambda::Function')).toBe(groups.length + schedules.length + queues.length + eventRules.length);
    expect(total).toBeLessThan(CEILING);
  });
});
