import type { TenantScope } from '../db/keys.js';
import { newReportScheduleItem, scheduleReportItem, unscheduleReportItem } from '../db/reports.js';
import type { TransactItem } from '../db/transact.js';
import type { Program } from '../domain/coaching.js';
import { earliestReportAt, firstScheduledDay, reportTiming } from '../domain/reports.js';
import type { Tenant } from '../domain/tenant.js';

/**
 * The report schedule writes that keep a program's sponsors' schedules in step with a change of the program (or its
 * creation: `before` undefined): an active program schedules each sponsor's next report (at the earliest instant its
 * day's hour comes anywhere; the sweep moves it to the sponsor's own hour), a program that is not active and a
 * sponsor taken off leave the due index. A change that touches none of status, cadence, start or sponsors writes nothing.
 */
export function reportScheduleItems(scope: TenantScope, tenant: Tenant, before: Program | undefined, after: Program, now: Date): TransactItem[] {
  const timing = reportTiming(after, tenant.reportDefaults);
  const day = firstScheduledDay(timing, now);
  const schedule = (sponsorId: string) => scheduleReportItem(scope, after.programId, sponsorId, day, earliestReportAt(day, timing.hour));
  const active = after.status === 'active';
  if (!before) return active ? after.sponsorIds.map((id) => newReportScheduleItem(scope, after.programId, id, day, earliestReportAt(day, timing.hour))) : [];
  const removed = before.sponsorIds.filter((id) => !after.sponsorIds.includes(id));
  const added = after.sponsorIds.filter((id) => !before.sponsorIds.includes(id));
  const retimed = before.status !== after.status || before.reportCadence !== after.reportCadence || before.startDate !== after.startDate;
  const items = removed.map((id) => unscheduleReportItem(scope, after.programId, id));
  if (!active) return retimed || added.length ? [...items, ...after.sponsorIds.map((id) => unscheduleReportItem(scope, after.programId, id))] : items;
  return [...items, ...(retimed ? after.sponsorIds : added).map(schedule)];
}
