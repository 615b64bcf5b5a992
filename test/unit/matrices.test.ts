import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routes } from '../../shared/contracts/routes.js';
import { matrixFiles, routesOf, type MatrixFile } from '../support/matrices.js';

const root = resolve(import.meta.dirname, '../..');
const files = Object.keys(matrixFiles) as MatrixFile[];
const suites = { isolation: 'crossTenantMatrix', 'call-budget': 'callBudget' } as const;

/**
 * The completeness of the per-area matrices: each route is in exactly one file of each suite. Here: every area in
 * exactly one file, and every file in each suite, registering itself under its own name; in each file, its matrix
 * names exactly the routes of its areas (expectCoversAreas, and the type of its matrix).
 */
describe('the per-area test matrices', () => {
  it('put every route of the route table in exactly one matrix file', () => {
    const placed = routes.map((route) => ({ id: route.id, in: files.filter((file) => routesOf(file).some((r) => r.id === route.id)) }));
    expect(placed.filter((p) => p.in.length !== 1)).toEqual([]);
    // An area named by two files, or by none, is caught even before it has routes.
    const areas = files.flatMap((file) => [...matrixFiles[file]]);
    expect(new Set(areas).size).toBe(areas.length);
  });

  it.each(Object.entries(suites))('%s: one file per matrix file, each registering its own part', (suite, register) => {
    const dir = resolve(root, 'test/integration', suite);
    expect(readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort()).toEqual(files.map((f) => `${f}.test.ts`).sort());
    for (const file of files) {
      const path = resolve(dir, `${file}.test.ts`);
      expect(existsSync(path), path).toBe(true);
      expect(readFileSync(path, 'utf8'), path).toContain(`${register}('${file}', {`);
    }
  });
});
