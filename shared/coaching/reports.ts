import { getItems } from '../db/coaching.js';
import { keys } from '../db/keys.js';
import { reportSentItem, reportSnapshotItem } from '../db/reports.js';
import type { TenantScope } from '../db/keys.js';
import { ConditionFailed, transact, withoutKeys, type TransactItem } from '../db/transact.js';
import type { StaffPrincipal } from '../domain/access.js';
import { ConflictError } from '../errors.js';
import type { Program, Sponsor } from '../domain/coaching.js';
import type { ProgramCollection } from '../domain/program.js';
import { competenceStagesOf } from '../domain/assessments.js';
import { PULSE_LIMIT, pulseSubject } from '../domain/pulse.js';
import { localDay, plusDays, startOfLocalDay } from '../domain/reminders.js';
import {
  previousReportDay,
  reportContent,
  reportDayOnOrAfter,
  reportIdOf,
  reportPeriod,
  reportsView,
  reportTiming,
  withRecent,
  type ReportContent,
  type ReportPeriod,
  type ReportRef,
  type ReportSchedule,
  type ReportSnapshot,
} from '../domain/reports.js';
import type { StaffUser, Tenant } from '../domain/tenant.js';
import { queueEmailItem, sendNow } from '../email/outbox.js';
import type { EmailMessage } from '../email/message.js';
import { reportLines, reportWords, sponsorReportEmail } from '../email/templates/report.js';
import { withUnsubscribeLink } from '../email/unsubscribe.js';
import { issueLink, type IssuedLink } from '../links/tokens.js';
import type { Logger } from '../log.js';

/**
 * Sending a sponsor's report, for the schedule's sweep and the coach's "send now" alike: the report's content from
 * the program's collection (cut to its sharing level), its snapshot, the sponsor's email with a link to that
 * snapshot, the coach's copy, and the schedule's move: one transaction, then the emails go out.
 */

/** Days a report's web version opens. */
export const REPORT_LINK_DAYS = 90;

/** The sponsor's language, else the firm's; the sponsor's zone, else the firm's. */
export const sponsorLocale = (sponsor: Pick<Sponsor, 'locale'> | undefined, tenant: Tenant) => sponsor?.locale ?? tenant.locale;
export const sponsorZone = (sponsor: Pick<Sponsor, 'timeZone'> | undefined, tenant: Tenant) => sponsor?.timeZone ?? tenant.timeZone;

/** Where a sponsor's reply goes: the program's coach while active, else the firm's reply-to. */
export const reportReplyTo = (tenant: Tenant, coach: StaffUser | undefined) => (coach && coach.status === 'active' ? coach.email : tenant.sender.replyTo);

/** The period a report sent now covers: from the current period's start up to the end of the client's today. */
export function periodSoFar(program: Program, tenant: Tenant, now: Date): ReportPeriod {
  const timing = reportTiming(program, tenant.reportDefaults);
  const today = localDay(now, program.client.timeZone);
  const start = previousReportDay(timing, reportDayOnOrAfter(timing, plusDays(today, 1)));
  return { start: start < today ? start : today, end: plusDays(today, 1) };
}

/** The next scheduled report's period, as far as it has come (the coach's preview). */
export function nextPeriod(program: Program, tenant: Tenant, now: Date): ReportPeriod {
  const timing = reportTiming(program, tenant.reportDefaults);
  return reportPeriod(timing, reportDayOnOrAfter(timing, plusDays(localDay(now, program.client.timeZone), 1)));
}

/** A report's content: the stages of competence as the client had given them by the period's end. */
export const contentFor = (collection: ProgramCollection, tenant: Tenant, period: ReportPeriod): ReportContent =>
  reportContent(
    { ...collection, competenceStages: competenceStagesOf(collection.program, collection.assessments ?? [], startOfLocalDay(period.end, collection.program.client.timeZone).toISOString()) },
    reportTiming(collection.program, tenant.reportDefaults),
    period,
  );

export interface PreparedReport {
  snapshot: ReportSnapshot;
  emails: EmailMessage[];
  link: IssuedLink;
  /** The sponsor's unsubscribe link's token, for the send; never stored. */
  unsubscribeToken: string;
  items: TransactItem[];
}

/** Everything one report writes, ready for its transaction (nothing written yet). */
export function prepareReport(
  scope: TenantScope,
  input: { tenant: Tenant; collection: ProgramCollection; sponsor: Sponsor; coach?: StaffUser; period: ReportPeriod; trigger: ReportRef['trigger']; schedule?: ReportSchedule; next?: { reportDay: string; dueAt: Date } },
  now: Date,
  appUrl: string,
): PreparedReport {
  const { tenant, collection, sponsor, coach } = input;
  const program = collection.program;
  const content = contentFor(collection, tenant, input.period);
  const reportId = reportIdOf(input.period.end, sponsor.sponsorId, input.trigger);
  const ref: ReportRef = { reportId, sponsorId: sponsor.sponsorId, period: input.period, sentAt: now.toISOString(), trigger: input.trigger };
  const locale = sponsorLocale(sponsor, tenant);
  // The question rotates with the sponsor's reports; asked no more once their answers fill the program's share.
  const pulse = (input.schedule?.pulses ?? 0) < PULSE_LIMIT ? { subject: pulseSubject(program, input.schedule?.reportsSent ?? 0) } : undefined;
  const snapshot: ReportSnapshot = { ...ref, programId: program.programId, sponsorName: sponsor.name, locale, content, ...(pulse ? { pulse } : {}) };
  const link = issueLink(scope, 'sponsor-report', program.programId, REPORT_LINK_DAYS * 86_400, now, 0, { sponsorId: sponsor.sponsorId, reportId });
  const replyTo = reportReplyTo(tenant, coach);
  // The sponsor's email carries its one-click unsubscribe link (List-Unsubscribe); the coach's copy is the firm's setting.
  const unsubscribe = withUnsubscribeLink(
    scope,
    sponsorReportEmail(tenant, { key: `sponsor-report#${program.programId}#${reportId}`, to: { name: sponsor.name, email: sponsor.email, locale }, content, replyTo, link: { ...link, programId: program.programId }, ...(pulse ? { pulse } : {}) }, appUrl),
    { list: 'sponsor-report', recipientId: sponsor.sponsorId, locale, appUrl },
    now,
  );
  const emails = [unsubscribe.message];
  if (coach && coach.status === 'active' && tenant.reportDefaults.coachCopy !== false) {
    emails.push(
      sponsorReportEmail(tenant, { key: `sponsor-report-copy#${program.programId}#${reportId}`, to: { name: coach.name, email: coach.email, locale: tenant.locale }, content, replyTo: tenant.sender.replyTo, copyOf: { sponsorName: sponsor.name } }, appUrl),
    );
  }
  const schedule = input.schedule;
  const sentItem = reportSentItem(
    scope,
    { programId: program.programId, sponsorId: sponsor.sponsorId, reportsSent: schedule?.reportsSent ?? 0, exists: !!schedule },
    withRecent(schedule?.recent ?? [], ref),
    input.next,
  );
  return { snapshot, emails, link, unsubscribeToken: unsubscribe.token, items: [reportSnapshotItem(scope, snapshot), ...emails.map((e) => queueEmailItem(scope, e, now)), link.item, unsubscribe.item, sentItem] };
}

/**
 * Writes a prepared report and sends its emails. `sent-already`: its snapshot exists (the same report was written
 * before); `changed`: its schedule moved meanwhile. Either way nothing was written or sent.
 */
export async function sendPreparedReport(
  scope: TenantScope,
  report: PreparedReport,
  now: Date,
  log: Logger,
): Promise<{ result: 'written'; reportId: string; emails: ('sent' | 'queued' | 'suppressed')[] } | { result: 'sent-already' | 'changed'; reportId: string }> {
  const reportId = report.snapshot.reportId;
  try {
    await transact(report.items);
  } catch (error) {
    if (error instanceof ConditionFailed) return { result: error.failed.includes(0) ? 'sent-already' : 'changed', reportId };
    throw error;
  }
  const emails: ('sent' | 'queued' | 'suppressed')[] = [];
  for (const email of report.emails) emails.push(await sendNow(scope, email, now, log, email.link ? report.link.token : undefined, email.unsubscribe ? report.unsubscribeToken : undefined));
  return { result: 'written', reportId, emails };
}

/** The coach's preview: the next report as it stands now, in the firm's language, with nothing sent or stored. */
export function previewReport(collection: ProgramCollection, tenant: Tenant, now: Date) {
  const period = nextPeriod(collection.program, tenant, now);
  const content = contentFor(collection, tenant, period);
  return { period, content, text: reportLines(reportWords[tenant.locale], tenant.locale, content).join('\n\n'), reports: reportsView(collection.reportSchedules) };
}

/**
 * A report to each of the program's sponsors now, up to the end of the client's today: the report's id names that
 * day, so a second request the same day (a double click) writes and sends nothing again.
 */
// `sponsorId`: to that one of the program's sponsors only (the staff page's "send now" to one sponsor).
export async function sendReportsNow(actor: StaffPrincipal, collection: ProgramCollection, deps: { now: Date; appUrl: string; log: Logger }, opts: { sponsorId?: string } = {}) {
  const { program } = collection;
  if (program.status === 'archived') throw new ConflictError('This program is archived; set it active again to report on it');
  const sponsorIds = opts.sponsorId === undefined ? program.sponsorIds : program.sponsorIds.filter((id) => id === opts.sponsorId);
  if (!sponsorIds.length) throw new ConflictError('This program has no sponsors to report to', undefined, 'no-sponsors');
  const loaded = await getItems([...sponsorIds.map((id) => keys.sponsor(actor.scope, id)), keys.staff(actor.scope, program.coachId)]);
  const coach = withoutKeys<StaffUser>(loaded.find((i) => i.type === 'Staff'));
  const period = periodSoFar(program, actor.tenant, deps.now);
  const reports = [];
  for (const sponsor of loaded.filter((i) => i.type === 'Sponsor').map((i) => withoutKeys<Sponsor>(i)!)) {
    if (sponsor.status !== 'active') continue;
    const schedule = collection.reportSchedules?.find((s) => s.sponsorId === sponsor.sponsorId);
    const prepared = prepareReport(actor.scope, { tenant: actor.tenant, collection, sponsor, coach, period, trigger: 'now', ...(schedule ? { schedule } : {}) }, deps.now, deps.appUrl);
    const sent = await sendPreparedReport(actor.scope, prepared, deps.now, deps.log);
    if (sent.result === 'changed') throw new ConflictError('A report to this program’s sponsors went out meanwhile; reload and try again');
    reports.push({ sponsorId: sponsor.sponsorId, reportId: sent.reportId, email: sent.result === 'written' ? sent.emails[0]! : ('sent-already' as const) });
  }
  return { reports };
}
