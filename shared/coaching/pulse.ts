import { tableName } from '../db/client.js';
import { getItems } from '../db/coaching.js';
import { keys } from '../db/keys.js';
import { ConditionFailed, transact, withoutKeys } from '../db/transact.js';
import { PULSE_LIMIT, type Pulse, type PulseAnswer } from '../domain/pulse.js';
import { NotFoundError } from '../errors.js';
import { LinkNotUsableError } from '../links/tokens.js';
import { openReportLink, type OpenedReport } from './report-link.js';

/**
 * The sponsor's answer to their report's one question, behind the report's own link: the link names the program, the
 * sponsor and the report, so an answer can only ever be about that report. One answer per report: the first stands,
 * and a second is told it was recorded already (a sponsor who changes their mind answers the next report).
 */

/** A report link opened for its question: 404 when the report asked none (sent before the pulse, or past the limit). */
export async function openPulseLink(token: string, now: Date): Promise<OpenedReport & { question: { subject: string } }> {
  const opened = await openReportLink(token, now, { withPulse: true });
  if (!opened.snapshot.pulse) throw new NotFoundError('This report asked no question');
  return { ...opened, question: opened.snapshot.pulse };
}

export type PulseRecorded = { result: 'recorded' | 'recorded-already'; pulse: Pulse } | { result: 'full' };

/**
 * Records the answer once, in one transaction: the answer (only if the report has none yet), the sponsor's count of
 * answers held below PULSE_LIMIT (the program page's Query stays small), and the link still working.
 */
export async function recordPulse(opened: OpenedReport & { question: { subject: string } }, answer: PulseAnswer, now: Date): Promise<PulseRecorded> {
  if (opened.pulse) return { result: 'recorded-already', pulse: opened.pulse };
  const { scope, snapshot } = opened;
  const pulse: Pulse = { programId: snapshot.programId, reportId: snapshot.reportId, sponsorId: snapshot.sponsorId, subject: opened.question.subject, answer, answeredAt: now.toISOString() };
  const pulseKey = keys.pulse(scope, snapshot.programId, snapshot.reportId);
  try {
    await transact([
      { Put: { TableName: tableName(), Item: { ...pulseKey, type: 'Pulse', ...pulse }, ConditionExpression: 'attribute_not_exists(PK)' } },
      {
        Update: {
          TableName: tableName(),
          Key: keys.reportSchedule(scope, snapshot.programId, snapshot.sponsorId),
          UpdateExpression: 'ADD pulses :one',
          ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(pulses) OR pulses < :limit)',
          ExpressionAttributeValues: { ':one': 1, ':limit': PULSE_LIMIT },
        },
      },
      {
        ConditionCheck: {
          TableName: tableName(),
          Key: keys.link(scope, opened.linkHash),
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(revokedAt) AND validUntil > :epoch',
          ExpressionAttributeValues: { ':epoch': Math.floor(now.getTime() / 1000) },
        },
      },
    ]);
    return { result: 'recorded', pulse };
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    if (error.failed.includes(0)) {
      // Another request of the same report answered first (a double click): its answer stands.
      const first = withoutKeys<Pulse>((await getItems([pulseKey]))[0]);
      if (first) return { result: 'recorded-already', pulse: first };
    }
    if (error.failed.includes(2)) throw new LinkNotUsableError('revoked', 'sponsor-report', scope, opened.tenant);
    return { result: 'full' };
  }
}
