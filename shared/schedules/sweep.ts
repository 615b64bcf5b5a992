import { logMetrics, METRIC_FIELD } from '../contracts/metrics.js';
import type { TenantScope } from '../db/keys.js';
import type { Tenant } from '../domain/tenant.js';
import { deliverPending, MAX_ATTEMPTS, type DeliveryResult } from '../email/outbox.js';
import type { Logger } from '../log.js';
import { config } from '../config.js';
import { sendDueReminders, type ReminderRun } from './reminders.js';
import { sendCoachDigests, type CoachDigestRun } from './coach-digests.js';
import { sendDueReports, type ReportRun } from './reports.js';

/**
 * One tenant's scheduled work at one tick, as the tenant-sweep worker runs it: the client reminder digests that are
 * due, then the outbox (emails whose first attempt failed or was interrupted). Each reads only what is due, from its
 * sparse index. The coaches' daily digests too; sponsor reports join here. `firm`: the firm's profile as the tick's
 * message carries it (the registry's copy), so no step reads it again; without it, each reads the firm itself.
 */
export async function sweepTenant(scope: TenantScope, now: Date, log: Logger, firm?: Tenant): Promise<{ reminders: ReminderRun; coachDigests: CoachDigestRun; reports: ReportRun; outbox: Record<DeliveryResult, number> }> {
  const deps = { appUrl: config.appUrl(), log, ...(firm ? { tenant: firm } : {}) };
  const reminders = await sendDueReminders(scope, now, deps);
  const coachDigests = await sendCoachDigests(scope, now, deps);
  const reports = await sendDueReports(scope, now, deps);
  const outbox = await deliverPending(scope, now, (d) => {
    const fields = { key: d.key, kind: d.kind, attempts: d.attempts, reason: d.reason };
    if (d.result === 'failed') log.error(`email given up after ${MAX_ATTEMPTS} attempts`, { ...fields, [METRIC_FIELD]: logMetrics.emailsFailed.name });
    else if (d.result === 'retrying') log.warn('email not sent; the outbox tries again later', fields);
    else if (d.result === 'cancelled') log.info('email dropped: its link no longer works', fields);
    else if (d.result === 'suppressed') log.info('email not sent: the address is on the suppression list', fields);
  });
  return { reminders, coachDigests, reports, outbox };
}
