/**
 * Routes -> Lambda functions: one function per area and auth kind (`tenancy-staff`, `auth-public`, `pages-link`),
 * named by that group. A function per route costs ~7 CloudFormation resources and a stack holds 500, so it would
 * stop at ~69 routes; a group costs 6 resources and each of its routes 1 more (the API route). Routes of one area
 * share most of their imports (bundle budget) and their traffic (fewer, warmer functions: fewer cold first clicks);
 * splitting by auth kind keeps what a public or link route may do apart from what a signed-in staff route may do.
 * The route table stays the one list: groups are derived from it, and each route handler stays a complete Lambda
 * handler, so the local gateway and the tests still call routes one by one (with each route's own grants).
 *
 * No CDK import here: the bench bundles the same group entries.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { routeKey, type AuthKind, type Capability, type RouteDef } from '../../shared/contracts/routes.js';

export interface FunctionGroup {
  /** `<area>-<auth>`: names the function, its role and its log group. */
  readonly name: string;
  readonly area: RouteDef['area'];
  readonly auth: AuthKind;
  readonly routes: readonly RouteDef[];
  /** The union of its routes' capabilities: what the function's role is granted. */
  readonly needs: readonly Capability[];
}

export const groupNameOf = (route: Pick<RouteDef, 'area' | 'auth'>): string => `${route.area}-${route.auth}`;

/** The function groups of a route table, in the order their first route appears. */
export function functionGroups(table: readonly RouteDef[]): FunctionGroup[] {
  const byName = new Map<string, RouteDef[]>();
  for (const route of table) {
    const name = groupNameOf(route);
    byName.set(name, [...(byName.get(name) ?? []), route]);
  }
  return [...byName].map(([name, members]) => ({
    name,
    area: members[0]!.area,
    auth: members[0]!.auth,
    routes: members,
    needs: [...new Set(members.flatMap((r) => r.needs))].sort(),
  }));
}

/** The dispatcher every group entry uses (functions/dispatch.ts), relative to the repository root. */
export const DISPATCHER = 'functions/dispatch.ts';

/**
 * The source of a group's Lambda entry: static imports of its routes' handlers only (esbuild bundles nothing else)
 * and a map from API Gateway's route key to each. `fromDir` is where the entry will sit (import paths are relative
 * to it); handler paths are relative to `root`.
 */
export function groupEntrySource(group: FunctionGroup, fromDir: string, root: string): string {
  const specifier = (file: string): string => {
    const path = relative(fromDir, join(root, file)).split(sep).join('/');
    return JSON.stringify(path.startsWith('.') ? path : `./${path}`);
  };
  const files = [...new Set(group.routes.map((r) => r.handler))];
  const local = (file: string) => `route${files.indexOf(file)}`;
  return [
    `// Function group ${group.name}, generated from the route table by infra/stacks/route-groups.ts: do not edit.`,
    `import { dispatchByRouteKey } from ${specifier(DISPATCHER)};`,
    ...files.map((file) => `import { handler as ${local(file)} } from ${specifier(file)};`),
    '',
    `export const handler = dispatchByRouteKey(${JSON.stringify(group.name)}, {`,
    ...group.routes.map((r) => `  ${JSON.stringify(routeKey(r))}: ${local(r.handler)},`),
    '});',
    '',
  ].join('\n');
}

/** Where `cdk synth` and the infra tests write group entries: under cdk.out (git- and lint-ignored, in the project). */
export const groupEntriesDir = (root: string): string => join(root, 'cdk.out', 'function-groups');

/**
 * Writes a group's entry file and returns its path. NodejsFunction needs an entry file under the project root.
 * Unchanged content is not rewritten, and a new one replaces the old in one rename, so a synth running alongside
 * (tests, `cdk synth`) never reads a half-written entry.
 */
export function writeGroupEntry(group: FunctionGroup, root: string): string {
  const dir = groupEntriesDir(root);
  const file = join(dir, `${group.name}.ts`);
  const source = groupEntrySource(group, dirname(file), root);
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== source) {
    mkdirSync(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, source);
    renameSync(temp, file);
  }
  return file;
}
