import { describe, expect, it } from 'vitest';
import { reportScheduleItems } from '../../shared/coaching/report-schedules.js';
import { tenantScope } from '../../shared/db/keys.js';
import type { Program } from '../../shared/domain/coaching.js';
import { emptyCounters } from '../../shared/domain/program.js';
import { newTenant } from '../../shared/domain/tenant.js';

/**
 * The report schedule writes that go with a program's creation and changes: each active program's sponsors have a
 * due entry, a program that is not active and a sponsor taken off have none, and a change that touches neither the
 * status, the cadence, the start nor the sponsors writes nothing.
 */
process.env.WAYMARK_TABLE_NAME ??= 'waymark-test';
const scope = tenantScope('01JD5Z7Q6X4M2N8P0R3S5T7V9W');
const now = new Date('2026-11-25T12:00:00Z');
const { tenant } = newTenant({ name: 'Acme', slug: 'acme', ownerEmail: 'o@acme.example', ownerName: 'O', timeZone: 'Europe/Zurich', locale: 'en' }, { tenantId: scope.tenantId, ownerUserId: 'u' }, now);
const program: Program = {
  programId: 'p',
  clientId: 'c',
  coachId: 'u',
  client: { name: 'Alex', email: 'a@x.example', locale: 'en', timeZone: 'Europe/Zurich', status: 'active' },
  sponsorIds: ['s1', 's2'],
  title: 'T',
  goals: [],
  competencies: [],
  startDate: '2026-11-01',
  sessionsPlanned: 6,
  status: 'active',
  reportCadence: 'weekly',
  sharingLevel: 'metrics',
  clientLinkGeneration: 0,
  ...emptyCounters(),
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
  version: 1,
};

/** What each item does to which sponsor's schedule: `new`, `due` (set), `off` (due entry removed). */
const effects = (items: ReturnType<typeof reportScheduleItems>) =>
  items.map((i) => {
    if (i.Put) return `new ${String(i.Put.Item!.sponsorId)} ${String(i.Put.Item!.reportDay)} ${String(i.Put.Item!.GSI2SK).slice(0, 24)}`;
    const sponsor = String(i.Update!.Key!.SK).replace('REPORTS#', '');
    return i.Update!.UpdateExpression!.includes('REMOVE reportDay') ? `off ${sponsor}` : `due ${sponsor} ${String(i.Update!.ExpressionAttributeValues![':day'])}`;
  });

describe('report schedules kept in step with the program', () => {
  it('a new active program: each sponsor’s first report, waking at the earliest zone’s Monday 08:00', () => {
    expect(effects(reportScheduleItems(scope, tenant, undefined, program, now))).toEqual(['new s1 2026-11-30 2026-11-29T18:00:00.000Z', 'new s2 2026-11-30 2026-11-29T18:00:00.000Z']);
    expect(reportScheduleItems(scope, tenant, undefined, { ...program, sponsorIds: [] }, now)).toEqual([]);
  });

  it('paused, completed or archived: every sponsor leaves the due index; active again: back in it', () => {
    for (const status of ['paused', 'completed', 'archived'] as const) {
      expect(effects(reportScheduleItems(scope, tenant, program, { ...program, status }, now))).toEqual(['off s1', 'off s2']);
    }
    expect(effects(reportScheduleItems(scope, tenant, { ...program, status: 'paused' }, program, now))).toEqual(['due s1 2026-11-30', 'due s2 2026-11-30']);
  });

  it('sponsors taken off leave, new ones join; a new cadence moves them all', () => {
    expect(effects(reportScheduleItems(scope, tenant, program, { ...program, sponsorIds: ['s2', 's3'] }, now))).toEqual(['off s1', 'due s3 2026-11-30']);
    expect(effects(reportScheduleItems(scope, tenant, program, { ...program, reportCadence: 'monthly' }, now))).toEqual(['due s1 2026-12-07', 'due s2 2026-12-07']);
  });

  it('other changes (title, goals, sharing level) write nothing', () => {
    expect(reportScheduleItems(scope, tenant, program, { ...program, title: 'New title', sharingLevel: 'full' }, now)).toEqual([]);
  });
});
