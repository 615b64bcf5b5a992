import type { ReportRef, ReportSnapshot } from '../domain/reports.js';
import { tableName } from './client.js';
import { keys, type TenantScope } from './keys.js';
import type { TransactItem } from './transact.js';

/**
 * Report schedules (one per program and sponsor, in the program's collection, with a sparse due entry while a report
 * is to come) and report snapshots. Schedules are written as upserts so that pausing and resuming a program, or
 * taking a sponsor off and on again, keeps the list of reports already sent.
 */

/** Schedules a sponsor's next report: its day, and the due entry the sweep reads at `dueAt`. */
export function scheduleReportItem(scope: TenantScope, programId: string, sponsorId: string, reportDay: string, dueAt: Date): TransactItem {
  const entry = keys.dueReport(scope, dueAt.toISOString(), programId, sponsorId);
  return {
    Update: {
      TableName: tableName(),
      Key: keys.reportSchedule(scope, programId, sponsorId),
      UpdateExpression:
        'SET #type = :type, programId = :program, sponsorId = :sponsor, reportDay = :day, dueAt = :at, GSI2PK = :pk, GSI2SK = :sk, reportsSent = if_not_exists(reportsSent, :zero), recent = if_not_exists(recent, :none)',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: {
        ':type': 'ReportSchedule',
        ':program': programId,
        ':sponsor': sponsorId,
        ':day': reportDay,
        ':at': dueAt.toISOString(),
        ':pk': entry.GSI2PK,
        ':sk': entry.GSI2SK,
        ':zero': 0,
        ':none': [],
      },
    },
  };
}

/** A new program's schedule for one sponsor (a Put: nothing is there to keep). */
export function newReportScheduleItem(scope: TenantScope, programId: string, sponsorId: string, reportDay: string, dueAt: Date): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.reportSchedule(scope, programId, sponsorId),
        ...keys.dueReport(scope, dueAt.toISOString(), programId, sponsorId),
        type: 'ReportSchedule',
        programId,
        sponsorId,
        reportDay,
        dueAt: dueAt.toISOString(),
        reportsSent: 0,
        recent: [],
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** No more reports to this sponsor (program not active, sponsor taken off): the due entry goes, the list stays. */
export function unscheduleReportItem(scope: TenantScope, programId: string, sponsorId: string, heldTo?: { reportDay: string }): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.reportSchedule(scope, programId, sponsorId),
      // Made whole if it was not there (a program from before reports), so it never lingers as a bare key.
      UpdateExpression: 'SET #type = :type, programId = :program, sponsorId = :sponsor, reportsSent = if_not_exists(reportsSent, :zero), recent = if_not_exists(recent, :none) REMOVE reportDay, dueAt, GSI2PK, GSI2SK',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':type': 'ReportSchedule', ':program': programId, ':sponsor': sponsorId, ':zero': 0, ':none': [], ...(heldTo ? { ':day': heldTo.reportDay } : {}) },
      ...(heldTo ? { ConditionExpression: 'reportDay = :day' } : {}),
    },
  };
}

/** Moves the due entry of a report not due yet to the sponsor's own hour, held to the schedule as read. */
export function moveReportItem(scope: TenantScope, programId: string, sponsorId: string, reportDay: string, dueAt: Date): TransactItem {
  const entry = keys.dueReport(scope, dueAt.toISOString(), programId, sponsorId);
  return {
    Update: {
      TableName: tableName(),
      Key: keys.reportSchedule(scope, programId, sponsorId),
      UpdateExpression: 'SET dueAt = :at, GSI2SK = :sk',
      ConditionExpression: 'reportDay = :day',
      ExpressionAttributeValues: { ':at': dueAt.toISOString(), ':sk': entry.GSI2SK, ':day': reportDay },
    },
  };
}

/**
 * A report was sent: the schedule lists it and (a scheduled one) moves to the next report day. Held to the count of
 * reports it read, so two senders of one report cannot both write it; a schedule that does not exist yet (a report
 * on demand to a sponsor without one) is made.
 */
export function reportSentItem(
  scope: TenantScope,
  schedule: { programId: string; sponsorId: string; reportsSent: number; exists: boolean },
  recent: ReportRef[],
  next?: { reportDay: string; dueAt: Date },
): TransactItem {
  const values: Record<string, unknown> = { ':recent': recent, ':n': schedule.reportsSent + 1, ':type': 'ReportSchedule', ':program': schedule.programId, ':sponsor': schedule.sponsorId };
  let set = 'SET recent = :recent, reportsSent = :n, #type = :type, programId = :program, sponsorId = :sponsor';
  if (next) {
    const entry = keys.dueReport(scope, next.dueAt.toISOString(), schedule.programId, schedule.sponsorId);
    set += ', reportDay = :day, dueAt = :at, GSI2PK = :pk, GSI2SK = :sk';
    Object.assign(values, { ':day': next.reportDay, ':at': next.dueAt.toISOString(), ':pk': entry.GSI2PK, ':sk': entry.GSI2SK });
  }
  if (schedule.exists) values[':read'] = schedule.reportsSent;
  return {
    Update: {
      TableName: tableName(),
      Key: keys.reportSchedule(scope, schedule.programId, schedule.sponsorId),
      UpdateExpression: set,
      ConditionExpression: schedule.exists ? 'reportsSent = :read' : 'attribute_not_exists(PK)',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: values,
    },
  };
}

/** The snapshot of a sent report; its id is deterministic, so the same report is never stored twice. */
export const reportSnapshotItem = (scope: TenantScope, snapshot: ReportSnapshot): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...keys.reportSnapshot(scope, snapshot.programId, snapshot.reportId), type: 'Report', ...snapshot },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});
