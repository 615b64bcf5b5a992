import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routeKey, routes } from '../../shared/contracts/routes.js';
import { schedules } from '../../shared/contracts/schedules.js';

const root = resolve(import.meta.dirname, '../..');

describe('route and schedule tables', () => {
  it('name unique ids and unique method + path pairs', () => {
    expect(new Set(routes.map((r) => r.id)).size).toBe(routes.length);
    expect(new Set(routes.map(routeKey)).size).toBe(routes.length);
    expect(new Set(schedules.map((s) => s.name)).size).toBe(schedules.length);
  });

  it('point at handler files under functions/ that exist', () => {
    for (const entry of [...routes, ...schedules]) {
      expect(entry.handler).toMatch(/^functions\/(http|jobs)\/.+\.ts$/);
      expect(existsSync(resolve(root, entry.handler)), entry.handler).toBe(true);
    }
  });

  it('version every API route under /v1; pages (the addresses in emails) and health sit at the root', () => {
    for (const r of routes.filter((r) => r.area !== 'pages' && r.id !== 'health')) expect(r.path.startsWith('/v1/'), r.id).toBe(true);
    for (const r of routes.filter((r) => r.area === 'pages')) expect(r.path.startsWith('/v1/'), r.id).toBe(false);
  });
});
