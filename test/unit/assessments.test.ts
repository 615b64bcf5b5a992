import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  assessmentFormFields,
  cadenceOf,
  checkAnswers,
  clientAssessmentFormSchema,
  competenceStagesOf,
  invitationDueAt,
  latestScheduledRound,
  nextInvitation,
  nextScheduledRound,
  openRound,
  progressOf,
  scheduledKindOn,
  type Assessment,
} from '../../shared/domain/assessments.js';
import { parseInput } from '../../shared/domain/validation.js';
import { ValidationError } from '../../shared/errors.js';

/**
 * The self-assessment as plain functions: its rounds (start, every few weeks, end; none too close to the end), the
 * round open on a day, the invitation's time in the client's zone (checked against Temporal), the answers' rules,
 * and progress: baseline against latest, and what a report may show as of its period's end.
 */
const policy = { digestHour: 8, quietHoursStart: '21:00', quietHoursEnd: '07:00', dueSoonDays: 1 };
const oracle = (zone: string, local: string) => new Date(Temporal.PlainDateTime.from(local).toZonedDateTime(zone).epochMilliseconds);
const program = (over: Record<string, unknown> = {}) => ({
  startDate: '2026-03-02',
  endDate: '2026-06-26',
  competencies: ['Delegation', 'Feedback'],
  client: { name: 'Alex', email: 'alex@client.example', locale: 'en' as const, timeZone: 'Europe/Zurich' },
  ...over,
});

describe('rounds', () => {
  const c = cadenceOf(program());

  it('open at the start, every four weeks, and at the end; a periodic one within a week of the end is left out', () => {
    const days: string[] = [];
    for (let d = Temporal.PlainDate.from('2026-02-20'); Temporal.PlainDate.compare(d, Temporal.PlainDate.from('2026-07-10')) <= 0; d = d.add({ days: 1 })) {
      const kind = scheduledKindOn(c, d.toString());
      if (kind) days.push(`${d.toString()} ${kind}`);
    }
    // 2026-06-22 would be the fifth periodic round: four days before the end round, so there is none.
    expect(days).toEqual(['2026-03-02 start', '2026-03-30 periodic', '2026-04-27 periodic', '2026-05-25 periodic', '2026-06-26 end']);
  });

  it('follow one another: the next after any day, and the latest by it, agree with the list', () => {
    expect(nextScheduledRound(c, '2026-01-01')).toEqual({ opensOn: '2026-03-02', kind: 'start' });
    expect(nextScheduledRound(c, '2026-03-02')).toEqual({ opensOn: '2026-03-30', kind: 'periodic' });
    expect(nextScheduledRound(c, '2026-05-25')).toEqual({ opensOn: '2026-06-26', kind: 'end' });
    expect(nextScheduledRound(c, '2026-06-26')).toBeUndefined();
    expect(latestScheduledRound(c, '2026-03-01')).toBeUndefined();
    expect(latestScheduledRound(c, '2026-04-26')).toEqual({ opensOn: '2026-03-30', kind: 'periodic' });
    expect(latestScheduledRound(c, '2026-06-25')).toEqual({ opensOn: '2026-05-25', kind: 'periodic' });
    expect(latestScheduledRound(c, '2027-01-01')).toEqual({ opensOn: '2026-06-26', kind: 'end' });
  });

  it('run on every few weeks without an end date, at the program’s own cadence', () => {
    const open = cadenceOf(program({ endDate: undefined, assessmentEveryWeeks: 2 }));
    expect(nextScheduledRound(open, '2027-01-01')).toEqual({ opensOn: '2027-01-04', kind: 'periodic' });
    expect(latestScheduledRound(open, '2027-01-01')).toEqual({ opensOn: '2026-12-21', kind: 'periodic' });
  });

  it('the open round is the latest scheduled or opened by the coach; answers can change until the next opens', () => {
    expect(openRound(c, [], '2026-04-01')).toEqual({ round: '2026-03-30', kind: 'periodic', closesOn: '2026-04-27' });
    const extra = [{ round: '2026-04-10', kind: 'extra' as const }];
    expect(openRound(c, extra, '2026-04-12')).toEqual({ round: '2026-04-10', kind: 'extra', closesOn: '2026-04-27' });
    // Before the coach's round day it is not open yet, and it closes the scheduled one when it opens.
    expect(openRound(c, extra, '2026-04-05')).toEqual({ round: '2026-03-30', kind: 'periodic', closesOn: '2026-04-10' });
    expect(openRound(c, [], '2026-02-01')).toBeUndefined();
    expect(openRound(c, [], '2026-07-01')).toEqual({ round: '2026-06-26', kind: 'end' });
  });
});

describe('the invitation’s time, in the client’s own zone and hour', () => {
  it('is the client’s digest hour on the round’s day, across zones and DST changes (checked against Temporal)', () => {
    for (const [zone, hour] of [['Europe/Zurich', 8], ['America/Los_Angeles', 7], ['Pacific/Auckland', 9], ['Asia/Kolkata', 18]] as const) {
      const p = program({ client: { name: 'Alex', email: 'alex@client.example', locale: 'en', timeZone: zone, emailPreferences: { reminders: 'daily', hour } } });
      for (const round of ['2026-03-02', '2026-03-30', '2026-04-27', '2026-06-26']) {
        const invited = nextInvitation(p, policy, oracle(zone, `${Temporal.PlainDate.from(round).subtract({ days: 1 }).toString()}T12:00`));
        expect(invited, `${zone} ${round}`).toEqual({ opensOn: round, dueAt: oracle(zone, `${round}T${String(hour).padStart(2, '0')}:00`) });
      }
    }
  });

  it('on a round’s own day after the digest hour: at the next digest time; a weekly digest waits for Monday', () => {
    const zone = 'Europe/Zurich';
    const p = program();
    expect(nextInvitation(p, policy, oracle(zone, '2026-03-30T10:00'))).toEqual({ opensOn: '2026-03-30', dueAt: oracle(zone, '2026-03-31T08:00') });
    const weekly = { timeZone: zone, hour: 8, frequency: 'weekly' as const, quietStart: '21:00', quietEnd: '07:00' };
    // 26 June 2026 is a Friday: the weekly digest of Monday 29 June carries it.
    expect(invitationDueAt('2026-06-26', weekly, oracle(zone, '2026-06-01T00:00'))).toEqual(oracle(zone, '2026-06-29T08:00'));
    // Reminders off: at the hour all the same (the digest then drops it and the invitation moves on).
    expect(invitationDueAt('2026-06-26', { ...weekly, frequency: 'off' }, oracle(zone, '2026-06-01T00:00'))).toEqual(oracle(zone, '2026-06-26T08:00'));
  });

  it('none without competencies, none after the end round', () => {
    expect(nextInvitation(program({ competencies: [] }), policy, new Date('2026-03-01T12:00:00Z'))).toBeUndefined();
    expect(nextInvitation(program(), policy, new Date('2026-06-27T12:00:00Z'))).toBeUndefined();
  });
});

describe('answers', () => {
  const p = { competencies: ['Delegation', 'Feedback'] };
  const refused = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).fields!.map((f) => f.field);
    }
    throw new Error('not refused');
  };

  it('the client answers every competency of the program, in any order, once each; kept in the program’s order', () => {
    expect(checkAnswers(p, [{ competency: 'Feedback', stage: 3 }, { competency: 'Delegation', stage: 1, note: 'Still doing it myself' }], { all: true })).toEqual([
      { competency: 'Delegation', stage: 1, note: 'Still doing it myself' },
      { competency: 'Feedback', stage: 3 },
    ]);
    expect(refused(() => checkAnswers(p, [{ competency: 'Delegation', stage: 2 }], { all: true }))).toEqual(['answers.1.stage']);
    expect(refused(() => checkAnswers(p, [{ competency: 'Delegation', stage: 2 }, { competency: 'Negotiation', stage: 2 }], { all: false }))).toEqual(['answers.1.competency']);
    expect(refused(() => checkAnswers(p, [{ competency: 'Delegation', stage: 2 }, { competency: 'Delegation', stage: 3 }], { all: false }))).toEqual(['answers.1.competency']);
    expect(checkAnswers(p, [{ competency: 'Feedback', stage: 4 }], { all: false })).toEqual([{ competency: 'Feedback', stage: 4 }]);
  });

  it('the form’s flat fields become answers; a stage outside 1-4 or not a number names its field', () => {
    const fields = assessmentFormFields({ token: 't', round: '2026-03-30', 'competency-0': 'Delegation', 'stage-0': '2', 'note-0': '', 'competency-1': 'Feedback', 'stage-1': '4', 'note-1': 'Better' });
    expect(parseInput(clientAssessmentFormSchema, fields)).toEqual({
      token: 't',
      round: '2026-03-30',
      answers: [{ competency: 'Delegation', stage: 2 }, { competency: 'Feedback', stage: 4, note: 'Better' }],
    });
    for (const bad of ['0', '5', '2.5', 'x']) {
      const form = assessmentFormFields({ token: 't', round: '2026-03-30', 'competency-0': 'Delegation', 'stage-0': bad });
      expect(refused(() => parseInput(clientAssessmentFormSchema, form)), bad).toEqual(['answers.0.stage']);
    }
    expect(refused(() => parseInput(clientAssessmentFormSchema, assessmentFormFields({ token: 't', round: '2026-02-30' })))).toEqual(['round']);
    expect(refused(() => parseInput(clientAssessmentFormSchema, assessmentFormFields({ token: 't', round: '2026-03-30', 'stage-99': '2' })))).toEqual(['stage-99']);
  });
});

describe('progress', () => {
  const round = (r: string, client?: [number, number], coach?: [number]): Assessment => ({
    programId: 'p',
    round: r,
    kind: 'periodic',
    ...(client ? { client: { answers: [{ competency: 'Delegation', stage: client[0] as 1 }, { competency: 'Feedback', stage: client[1] as 1 }], at: `${r}T09:00:00.000Z`, firstAnsweredAt: `${r}T09:00:00.000Z` } } : {}),
    ...(coach ? { coach: { answers: [{ competency: 'Delegation', stage: coach[0] as 1 }], at: `${r}T10:00:00.000Z`, by: 'coach' } } : {}),
    createdAt: `${r}T09:00:00.000Z`,
    updatedAt: `${r}T09:00:00.000Z`,
    version: 1,
  });
  const rounds = [round('2026-04-27', [2, 3], [2]), round('2026-03-02', [1, 2]), round('2026-03-30'), round('2026-05-25', [3, 3])];

  it('each competency’s stages oldest first, the coach’s view apart, baseline against latest; rounds nobody answered leave no point', () => {
    const [delegation, feedback] = progressOf({ competencies: ['Delegation', 'Feedback'] }, rounds);
    expect(delegation).toEqual({
      competency: 'Delegation',
      points: [{ round: '2026-03-02', stage: 1 }, { round: '2026-04-27', stage: 2 }, { round: '2026-05-25', stage: 3 }],
      coachPoints: [{ round: '2026-04-27', stage: 2 }],
      baseline: { round: '2026-03-02', stage: 1 },
      latest: { round: '2026-05-25', stage: 3 },
    });
    expect(feedback!.points.map((p) => p.stage)).toEqual([2, 3, 3]);
    // A competency the program no longer names keeps its history, last.
    expect(progressOf({ competencies: ['Feedback'] }, rounds).map((p) => p.competency)).toEqual(['Feedback', 'Delegation']);
  });

  it('a report shows what the client had said by its period’s end: latest, the one before and the first', () => {
    expect(competenceStagesOf({ competencies: ['Delegation', 'Feedback'] }, rounds, '2026-05-01T00:00:00.000Z')).toEqual([
      { competency: 'Delegation', stage: 2, previousStage: 1, firstStage: 1, assessedAt: '2026-04-27T09:00:00.000Z' },
      { competency: 'Feedback', stage: 3, previousStage: 2, firstStage: 2, assessedAt: '2026-04-27T09:00:00.000Z' },
    ]);
    expect(competenceStagesOf({ competencies: ['Delegation'] }, rounds, '2026-03-10T00:00:00.000Z')).toEqual([{ competency: 'Delegation', stage: 1, assessedAt: '2026-03-02T09:00:00.000Z' }]);
    expect(competenceStagesOf({ competencies: ['Delegation'] }, rounds, '2026-03-01T00:00:00.000Z')).toEqual([]);
  });
});
