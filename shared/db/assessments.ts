import type { AnswerSet, AssessmentCadence, RoundKind } from '../domain/assessments.js';
import type { DigestRecipient } from '../domain/reminders.js';
import { tableName } from './client.js';
import { keys, type TenantScope } from './keys.js';
import type { TransactItem } from './transact.js';

/**
 * The self-assessment's items, in the program's collection (the program page's one Query reads them): one per round,
 * made by its first answer (or by the coach opening a round), and the invitation to the next round, which the reminder
 * sweep sends with the client's digest and then moves on to the round after.
 */

/** One side's answers of a round (`client` or `coach`), creating the round's item when it is the first. */
export function answersItem(scope: TenantScope, round: { programId: string; round: string; kind: RoundKind }, side: 'client' | 'coach', answers: AnswerSet & { by?: string }, now: Date): TransactItem {
  const at = now.toISOString();
  const sideValue = side === 'client' ? { answers: answers.answers, at } : { answers: answers.answers, at, by: answers.by };
  return {
    Update: {
      TableName: tableName(),
      Key: keys.assessment(scope, round.programId, round.round),
      // The client's first answer stays on record when they change their answers later.
      UpdateExpression:
        side === 'client'
          ? 'SET #type = :type, programId = :p, round = :r, kind = if_not_exists(kind, :k), createdAt = if_not_exists(createdAt, :at), updatedAt = :at, #side = :side, firstClientAnswerAt = if_not_exists(firstClientAnswerAt, :at) ADD version :one'
          : 'SET #type = :type, programId = :p, round = :r, kind = if_not_exists(kind, :k), createdAt = if_not_exists(createdAt, :at), updatedAt = :at, #side = :side ADD version :one',
      ExpressionAttributeNames: { '#type': 'type', '#side': side },
      ExpressionAttributeValues: { ':type': 'Assessment', ':p': round.programId, ':r': round.round, ':k': round.kind, ':at': at, ':side': sideValue, ':one': 1 },
    },
  };
}

/** A round the coach opens today (an extra one): made once, a second request the same day finds it. */
export const extraRoundItem = (scope: TenantScope, programId: string, round: string, now: Date): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...keys.assessment(scope, programId, round), type: 'Assessment', programId, round, kind: 'extra', createdAt: now.toISOString(), updatedAt: now.toISOString(), version: 1 },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

/**
 * The invitation to the round opening on `opensOn`, due at the client's digest time that day; it carries the
 * program's cadence so the sweep can move it to the round after without reading the program. Replaces any earlier one.
 */
export const assessmentInvitationItem = (
  scope: TenantScope,
  invitation: { programId: string; dueAt: string; opensOn: string; cadence?: AssessmentCadence },
  recipient: DigestRecipient,
): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: {
      ...keys.assessmentInvitation(scope, invitation.programId),
      ...keys.dueReminder(scope, invitation.dueAt, invitation.programId, 'ASSESSMENT_INVITATION'),
      type: 'AssessmentInvitation',
      ...invitation,
      digestTo: recipient,
    },
  },
});

/** No invitation any more (no competencies, no round to come, the program closed). */
export const noAssessmentInvitationItem = (scope: TenantScope, programId: string): TransactItem => ({
  Delete: { TableName: tableName(), Key: keys.assessmentInvitation(scope, programId) },
});

/**
 * What the coach's digest shows of a client's answers: an entry in the coach's activity index (as a client's change
 * of an action has), one per round, replaced by each save.
 */
export const assessmentActivityItem = (scope: TenantScope, program: { programId: string; coachId: string }, round: string, answers: AnswerSet['answers'], now: Date): TransactItem => {
  const at = now.toISOString();
  const changeId = `ASSESSMENT#${round}`;
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.assessmentActivity(scope, program.programId, round),
        ...keys.coachActivity(scope, program.coachId, at, program.programId, changeId),
        type: 'AssessmentActivity',
        changeId,
        subject: 'assessment',
        kind: 'updated',
        fields: {},
        at,
        activity: { programId: program.programId, actionTitle: '', stages: answers.map((a) => ({ competency: a.competency, stage: a.stage })) },
      },
    },
  };
};
