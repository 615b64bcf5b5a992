import { describe, expect, it } from 'vitest';
import { keys, platformKeys, tenantScope } from '../../shared/db/keys.js';

const scope = tenantScope('01JD5Z7Q6X4M2N8P0R3S5T7V9W');

describe('key builders', () => {
  it('start every tenant-owned partition key, on the table and every index, with T#<tenantId>#', () => {
    const prefix = 'T#01JD5Z7Q6X4M2N8P0R3S5T7V9W#';
    const partitions = [
      keys.tenant(scope).PK,
      keys.staff(scope, 'u1').PK,
      keys.invitation(scope, 'i1').PK,
      keys.link(scope, 'hash').PK,
      keys.email(scope, 'welcome#u1').PK,
      keys.outbox(scope, '2026-01-01T00:00:00.000Z', 'k').GSI1PK,
      keys.outboxPartition(scope),
      keys.audit(scope, '2026-01-01T00:00:00.000Z', 'e1').PK,
      keys.auditPartition(scope),
    ];
    partitions.push(
      keys.clientOfCoach(scope, 'u', 'active', 'c').GSI1PK,
      keys.clientsOfCoachPartition(scope, 'u'),
      keys.clientByStatus(scope, 'active', 'c').GSI2PK,
      keys.clientsByStatusPartition(scope),
      keys.programOfCoach(scope, 'u', 'active', 'p').GSI1PK,
      keys.programsOfCoachPartition(scope, 'u'),
      keys.programOfClient(scope, 'c', 'active', 'p').GSI2PK,
      keys.programsOfClientPartition(scope, 'c'),
      keys.programByStatus(scope, 'active', 'p').GSI3PK,
      keys.programsByStatusPartition(scope),
      keys.dueReminder(scope, '2026-01-01T07:00:00.000Z', 'p', 'a').GSI2PK,
      keys.dueRemindersPartition(scope),
      keys.coachDigestDue(scope, '2026-01-01T07:00:00.000Z', 'u').GSI2PK,
      keys.coachActivity(scope, 'u', '2026-01-01T07:00:00.000Z', 'p', 'c').GSI3PK,
      keys.coachActivityPartition(scope, 'u'),
      keys.dueReport(scope, '2026-01-01T07:00:00.000Z', 'p', 's').GSI2PK,
      keys.dueReportsPartition(scope),
      ...keys.programPartitions(scope, 'p'),
    );
    for (const pk of partitions) expect(pk.startsWith(prefix)).toBe(true);
  });

  it('name every tenant partition in removablePartitions, except the append-only audit trail', () => {
    const removable = new Set(keys.removablePartitions(scope));
    const built = [
      keys.tenant(scope).PK,
      keys.staff(scope, 'u1').PK,
      keys.firmCounters(scope).PK,
      keys.staffAddress(scope, 'h').PK,
      keys.invitation(scope, 'i1').PK,
      keys.link(scope, 'hash').PK,
      keys.email(scope, 'welcome#u1').PK,
      keys.signedOutToken(scope, 'jti').PK,
      keys.rate(scope, 'rule', 'subject', 0).PK,
      keys.client(scope, 'c1').PK,
      keys.clientPartition(scope),
      keys.sponsor(scope, 's1').PK,
      keys.sponsorPartition(scope),
      keys.suppression(scope, 'h').PK,
    ];
    for (const pk of built) expect(removable.has(pk), pk).toBe(true);
    expect(removable.has(keys.auditPartition(scope))).toBe(false);
    // A program's partitions (its item collection and its history) are found through the firm's programs.
    const programs = keys.programPartitions(scope, 'p1');
    const perProgram = [
      keys.program(scope, 'p1').PK,
      keys.programPartition(scope, 'p1'),
      keys.session(scope, 'p1', 's').PK,
      keys.action(scope, 'p1', 'a').PK,
      keys.obstacle(scope, 'p1', 'o').PK,
      keys.assessmentInvitation(scope, 'p1').PK,
      keys.reportSchedule(scope, 'p1', 's').PK,
      keys.reportSnapshot(scope, 'p1', 'r').PK,
      keys.pulse(scope, 'p1', 'r').PK,
      keys.change(scope, 'p1', 'a', 'c').PK,
      keys.historyPartition(scope, 'p1'),
    ];
    for (const pk of perProgram) expect(programs, pk).toContain(pk);
    // Every key builder of a tenant is listed above or among the index entries below: a new one must be added here
    // and, if removable, there.
    expect(Object.keys(keys).length).toBe(56);
  });

  it('keep platform keys outside every tenant prefix', () => {
    expect(platformKeys.slug('acme').PK.startsWith('T#')).toBe(false);
    expect(platformKeys.tenantRegistry(scope.tenantId).PK.startsWith('T#')).toBe(false);
  });

  it('accept only fixed-length ULIDs as tenant ids', () => {
    expect(() => tenantScope('acme')).toThrow(/Not a tenant id/);
    expect(() => tenantScope('01JD5Z7Q6X4M2N8P0R3S5T7V9W#X')).toThrow(/Not a tenant id/);
    expect(() => tenantScope('')).toThrow(/Not a tenant id/);
  });
});
