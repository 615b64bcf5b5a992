import { queryAll } from '../db/client.js';
import { getItems, getProgramCollection } from '../db/coaching.js';
import { keys, type Key, type TenantScope } from '../db/keys.js';
import { moveReportItem, unscheduleReportItem } from '../db/reports.js';
import { transact, withoutKeys } from '../db/transact.js';
import type { Program, Sponsor } from '../domain/coaching.js';
import { splitCollection } from '../domain/program.js';
import { nextReport, previousReportDay, reportAt, reportPeriod, reportTiming, type ReportSchedule } from '../domain/reports.js';
import type { StaffUser, Tenant } from '../domain/tenant.js';
import type { Logger } from '../log.js';
import { prepareReport, sendPreparedReport, sponsorZone } from '../coaching/reports.js';

/**
 * The sponsor reports due at one tick for one tenant. Reads only what is due: the reports' own sparse due index up
 * to now, then programs, sponsors, coaches and the firm in one BatchGet, then one Query per program with a report to
 * send. An entry that woke the sweep before the sponsor's own hour (a new schedule, whose sponsor's zone was not
 * known) moves to that hour. A tick or message delivered twice finds the entry moved, or the report's snapshot there.
 */
export interface ReportRun {
  due: number;
  sent: number;
  /** Entries moved to the sponsor's own hour (not due yet there). */
  moved: number;
  /** Entries dropped: the program is not active, its client or the sponsor archived, or the sponsor no longer on it. */
  dropped: number;
  /** Reports another sender wrote first, or whose schedule changed meanwhile. */
  skipped: number;
}

/** Schedules one sweep takes on (their BatchGet stays under DynamoDB's 100 keys); the rest wait for the next tick. */
export const MAX_REPORTS_PER_SWEEP = 30;

export async function sendDueReports(scope: TenantScope, now: Date, deps: { appUrl: string; log: Logger }): Promise<ReportRun> {
  const run: ReportRun = { due: 0, sent: 0, moved: 0, dropped: 0, skipped: 0 };
  const entries = (
    await queryAll({
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK <= :now',
      ExpressionAttributeValues: { ':pk': keys.dueReportsPartition(scope), ':now': `${now.toISOString()}~` },
    })
  )
    .filter((e) => e.type === 'ReportSchedule')
    .slice(0, MAX_REPORTS_PER_SWEEP)
    .map((e) => withoutKeys<ReportSchedule>(e)!);
  run.due = entries.length;
  if (!entries.length) return run;

  const programIds = [...new Set(entries.map((e) => e.programId))];
  const read: Key[] = [keys.tenant(scope), ...programIds.map((id) => keys.program(scope, id)), ...entries.map((e) => keys.sponsor(scope, e.sponsorId))];
  const loaded = await getItems(read);
  const tenant = withoutKeys<Tenant>(loaded.find((i) => i.type === 'Tenant'));
  if (!tenant || tenant.status !== 'active') return run;
  const programs = new Map(loaded.filter((i) => i.type === 'Program').map((i) => [String(i.programId), withoutKeys<Program>(i)!]));
  const sponsors = new Map(loaded.filter((i) => i.type === 'Sponsor').map((i) => [String(i.sponsorId), withoutKeys<Sponsor>(i)!]));
  const coachKeys = [...new Set([...programs.values()].map((p) => p.coachId))].map((id) => keys.staff(scope, id));
  const coaches = new Map((await getItems(coachKeys)).map((i) => [String(i.userId), withoutKeys<StaffUser>(i)!]));

  for (const programId of programIds) {
    const program = programs.get(programId);
    let collection: ReturnType<typeof splitCollection>;
    for (const schedule of entries.filter((e) => e.programId === programId)) {
      const sponsor = sponsors.get(schedule.sponsorId);
      const day = schedule.reportDay!;
      const live = program?.status === 'active' && program.client.status !== 'archived' && sponsor?.status === 'active' && program.sponsorIds.includes(schedule.sponsorId);
      if (!program || !sponsor || !live) {
        await transact([unscheduleReportItem(scope, programId, schedule.sponsorId, { reportDay: day })]).catch((error: unknown) => deps.log.warn('could not drop a report schedule; the next tick tries again', { error }));
        run.dropped += 1;
        continue;
      }
      const timing = reportTiming(program, tenant.reportDefaults);
      const zone = sponsorZone(sponsor, tenant);
      const at = reportAt(day, timing.hour, zone);
      if (at.getTime() > now.getTime()) {
        await transact([moveReportItem(scope, programId, sponsor.sponsorId, day, at)]).catch((error: unknown) => deps.log.warn('could not move a report schedule; the next tick tries again', { error }));
        run.moved += 1;
        continue;
      }
      collection ??= splitCollection(await getProgramCollection(scope, programId));
      if (!collection) continue;
      // Behind by more than one report (the sweep did not run): only the latest period's goes out, then the next.
      const next = nextReport(timing, zone, now);
      const latest = previousReportDay(timing, next.day);
      const reportDay = latest > day && reportAt(latest, timing.hour, zone).getTime() <= now.getTime() ? latest : day;
      const report = prepareReport(
        scope,
        { tenant, collection, sponsor, coach: coaches.get(program.coachId), period: reportPeriod(timing, reportDay), trigger: 'scheduled', schedule, next: { reportDay: next.day, dueAt: next.at } },
        now,
        deps.appUrl,
      );
      const sent = await sendPreparedReport(scope, report, now, deps.log);
      if (sent.result === 'written') run.sent += 1;
      else run.skipped += 1;
    }
  }
  return run;
}
