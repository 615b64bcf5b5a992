import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routeKey, routes, type RouteDef } from '../../shared/contracts/routes.js';
import { can } from '../../shared/domain/access.js';
import { logMetrics } from '../../shared/contracts/metrics.js';
import { queues } from '../../shared/contracts/queues.js';
import { schedules } from '../../shared/contracts/schedules.js';

const root = resolve(import.meta.dirname, '../..');

describe('route and schedule tables', () => {
  it('name unique ids and unique method + path pairs', () => {
    expect(new Set(routes.map((r) => r.id)).size).toBe(routes.length);
    expect(new Set(routes.map(routeKey)).size).toBe(routes.length);
    expect(new Set(schedules.map((s) => s.name)).size).toBe(schedules.length);
    expect(new Set([...schedules, ...queues].map((s) => s.name)).size).toBe(schedules.length + queues.length);
  });

  it('name, for every log metric, a schedule or queue whose function writes it', () => {
    for (const def of Object.values(logMetrics)) expect([...schedules, ...queues].map((j) => j.name), def.name).toContain(def.job);
  });

  it('give every queue a visibility timeout of at least 6x its function timeout, and a dead-letter queue', () => {
    for (const q of queues) {
      expect(q.visibilityTimeoutSeconds, q.name).toBeGreaterThanOrEqual(6 * q.functionTimeoutSeconds);
      expect(q.maxReceiveCount, q.name).toBeGreaterThan(1);
    }
  });

  it('point at handler files under functions/ that exist', () => {
    for (const entry of [...routes, ...schedules, ...queues]) {
      expect(entry.handler).toMatch(/^functions\/(http|jobs|queues)\/.+\.ts$/);
      expect(existsSync(resolve(root, entry.handler)), entry.handler).toBe(true);
    }
  });

  it('version every API route under /v1; pages (the addresses in emails) and health sit at the root', () => {
    const pageAreas: RouteDef['area'][] = ['pages', 'client', 'progress', 'sponsor', 'account', 'practice', 'directory', 'admin'];
    const isPage = (r: RouteDef) => pageAreas.includes(r.area);
    for (const r of routes.filter((r) => !isPage(r) && r.id !== 'health')) expect(r.path.startsWith('/v1/'), r.id).toBe(true);
    for (const r of routes.filter(isPage)) expect(r.path.startsWith('/v1/'), r.id).toBe(false);
  });

  it('name the permission of every staff route, one the access rules know, and none on other routes', () => {
    for (const route of routes as readonly RouteDef[]) {
      if (route.auth !== 'staff' && route.auth !== 'session') {
        expect(route.permission, route.id).toBeUndefined();
        continue;
      }
      expect(route.permission, route.id).toEqual(expect.any(String));
      // The owner may do everything: a permission the owner lacks is one access.ts does not know.
      expect(can('owner', route.permission!), route.id).toBe(true);
      // Its handler authorizes with its own contract entry, not a neighbour's.
      const wrapper = route.auth === 'session' ? 'staffPageHandler' : 'staffHandler';
      expect(readFileSync(resolve(root, route.handler), 'utf8'), route.handler).toMatch(new RegExp(`${wrapper}\\(\\s*${route.area}\\.${route.id},`));
    }
  });
});
