import { expect } from 'vitest';
import { routes, type Area } from '../../shared/contracts/routes.js';

/**
 * The per-area test matrices (test/integration/isolation/<file>.test.ts, test/integration/call-budget/<file>.test.ts):
 * which areas each file covers. Every area of the route table is in exactly one file (test/unit/matrices.test.ts),
 * and each file's matrix names exactly the routes of its areas (`expectCoversAreas`), so a route is in one matrix of
 * each suite: a new route fails until it has its entries, a new area until it has its files.
 */
export const matrixFiles = {
  platform: ['health', 'docs'],
  auth: ['auth'],
  tenancy: ['tenancy'],
  pages: ['pages'],
  coaching: ['coaching'],
  client: ['client', 'progress', 'sponsor'],
  app: ['account', 'practice'],
  directory: ['directory'],
  admin: ['admin'],
} as const satisfies Record<string, readonly Area[]>;

export type MatrixFile = keyof typeof matrixFiles;
type Route = (typeof routes)[number];
/** The routes a matrix file covers. */
export type RouteOf<F extends MatrixFile> = Extract<Route, { area: (typeof matrixFiles)[F][number] }>;
export type RouteIdOf<F extends MatrixFile> = RouteOf<F>['id'];

export const routesOf = <F extends MatrixFile>(file: F): RouteOf<F>[] =>
  routes.filter((r): r is RouteOf<F> => (matrixFiles[file] as readonly Area[]).includes(r.area));

/** A matrix names exactly the routes of its file's areas. */
export function expectCoversAreas(file: MatrixFile, matrix: object): void {
  expect(Object.keys(matrix).sort(), `the ${file} matrix`).toEqual(routesOf(file).map((r) => r.id).sort());
}
