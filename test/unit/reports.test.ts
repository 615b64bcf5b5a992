import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { Action, Obstacle, Program, Session } from '../../shared/domain/coaching.js';
import { emptyCounters } from '../../shared/domain/program.js';
import {
  earliestReportAt,
  firstScheduledDay,
  nextReport,
  reportAt,
  reportContent,
  reportDayOnOrAfter,
  reportPeriod,
  withRecent,
  type ReportRef,
  type ReportTiming,
  type SharingLevel,
} from '../../shared/domain/reports.js';
import { reportWords, reportLines, sponsorReportEmail } from '../../shared/email/templates/report.js';
import { newTenant } from '../../shared/domain/tenant.js';

/**
 * Report times (checked against the Temporal polyfill), periods for each cadence, and what a report shows at each
 * sharing level: planted strings show only from the level that shares them, in the content, the text and the HTML.
 */
const oracle = (zone: string, iso: string) => new Date(Temporal.PlainDateTime.from(iso).toZonedDateTime(zone).epochMilliseconds);
const weekly: ReportTiming = { cadence: 'weekly', weekday: 'mon', hour: 8, startDate: '2026-03-10' };

describe('report days and periods', () => {
  it('weekly: every Monday from a week after the start, each covering the week before (the first at least a week)', () => {
    expect(reportDayOnOrAfter(weekly, '2026-03-01')).toBe('2026-03-23');
    expect(reportDayOnOrAfter(weekly, '2026-03-16')).toBe('2026-03-23');
    expect(reportDayOnOrAfter(weekly, '2026-03-23')).toBe('2026-03-23');
    expect(reportDayOnOrAfter(weekly, '2026-03-24')).toBe('2026-03-30');
    expect(reportPeriod(weekly, '2026-03-23')).toEqual({ start: '2026-03-10', end: '2026-03-23' });
    expect(reportPeriod(weekly, '2026-03-30')).toEqual({ start: '2026-03-23', end: '2026-03-30' });
  });

  it('fortnightly: every other Monday, in the rhythm of the first', () => {
    const t: ReportTiming = { ...weekly, cadence: 'fortnightly' };
    expect(reportDayOnOrAfter(t, '2026-03-17')).toBe('2026-03-23');
    expect(reportDayOnOrAfter(t, '2026-03-24')).toBe('2026-04-06');
    expect(reportDayOnOrAfter(t, '2026-04-07')).toBe('2026-04-20');
    expect(reportPeriod(t, '2026-04-06')).toEqual({ start: '2026-03-23', end: '2026-04-06' });
  });

  it('monthly: the first Monday of each month, covering the month since the one before', () => {
    const t: ReportTiming = { ...weekly, cadence: 'monthly' };
    expect(reportDayOnOrAfter(t, '2026-03-11')).toBe('2026-04-06');
    expect(reportDayOnOrAfter(t, '2026-04-07')).toBe('2026-05-04');
    expect(reportPeriod(t, '2026-04-06')).toEqual({ start: '2026-03-10', end: '2026-04-06' });
    expect(reportPeriod(t, '2026-05-04')).toEqual({ start: '2026-04-06', end: '2026-05-04' });
  });

  it('another weekday and hour from the firm', () => {
    const t: ReportTiming = { ...weekly, weekday: 'fri', hour: 17 };
    expect(reportDayOnOrAfter(t, '2026-03-11')).toBe('2026-03-20');
    expect(reportAt('2026-03-20', 17, 'Europe/Zurich').toISOString()).toBe(oracle('Europe/Zurich', '2026-03-20T17:00').toISOString());
  });
});

describe('the next report instant, in the sponsor zone', () => {
  it('Monday 08:00 in Zurich across the spring-forward weekend (29 March 2026)', () => {
    const before = nextReport(weekly, 'Europe/Zurich', new Date('2026-03-23T06:59:00Z'));
    expect(before.day).toBe('2026-03-23');
    expect(before.at.toISOString()).toBe('2026-03-23T07:00:00.000Z');
    const after = nextReport(weekly, 'Europe/Zurich', new Date('2026-03-23T07:00:00Z'));
    expect(after.day).toBe('2026-03-30');
    expect(after.at.toISOString()).toBe(oracle('Europe/Zurich', '2026-03-30T08:00').toISOString());
    expect(after.at.toISOString()).toBe('2026-03-30T06:00:00.000Z');
    expect(after.period).toEqual({ start: '2026-03-23', end: '2026-03-30' });
  });

  it('and across the fall-back weekend (25 October 2026)', () => {
    const t: ReportTiming = { ...weekly, startDate: '2026-10-01' };
    expect(nextReport(t, 'Europe/Zurich', new Date('2026-10-20T00:00:00Z')).at.toISOString()).toBe('2026-10-26T07:00:00.000Z');
  });

  it('a sponsor in New York gets the report at their own Monday 08:00, not the client’s', () => {
    const zurichMorning = new Date('2026-03-23T07:00:00Z');
    const ny = nextReport(weekly, 'America/New_York', zurichMorning);
    expect(ny.day).toBe('2026-03-23');
    expect(ny.at.toISOString()).toBe(oracle('America/New_York', '2026-03-23T08:00').toISOString());
    expect(ny.at.toISOString()).toBe('2026-03-23T12:00:00.000Z');
    // Before New York's DST change (8 March 2026) the gap is six hours.
    expect(reportAt('2026-03-02', 8, 'America/New_York').toISOString()).toBe('2026-03-02T13:00:00.000Z');
  });

  it('a new schedule wakes at the earliest zone’s hour, never after any sponsor’s', () => {
    const day = firstScheduledDay(weekly, new Date('2026-03-22T20:00:00Z'));
    expect(day).toBe('2026-03-23');
    const early = earliestReportAt(day, 8);
    for (const zone of ['Pacific/Kiritimati', 'Asia/Tokyo', 'Europe/Zurich', 'America/New_York', 'Pacific/Pago_Pago']) {
      expect(early.getTime(), zone).toBeLessThanOrEqual(reportAt(day, 8, zone).getTime());
    }
    expect(early.toISOString()).toBe(oracle('Pacific/Kiritimati', '2026-03-23T08:00').toISOString());
  });

  it('keeps at most twelve recent reports, newest first, each once', () => {
    const ref = (n: number): ReportRef => ({ reportId: `r${n}`, sponsorId: 's', period: { start: 'a', end: 'b' }, sentAt: `t${n}`, trigger: 'scheduled' });
    let list: ReportRef[] = [];
    for (let n = 0; n < 15; n += 1) list = withRecent(list, ref(n));
    expect(list.map((r) => r.reportId)).toEqual(Array.from({ length: 12 }, (_, i) => `r${14 - i}`));
    expect(withRecent(list, ref(14)).filter((r) => r.reportId === 'r14')).toHaveLength(1);
  });
});

const PLANTED = { title: 'Planted-Title-Zebra', obstacle: 'Planted-Obstacle-Walrus', reflection: 'Planted-Reflection-Okapi', privateNote: 'Planted-Private-Lynx', summary: 'Planted-Summary-Ibis' };

/** A program proposed at `level`, which the client agreed to (`agreed`: another agreement, or none). */
function collection(level: SharingLevel, agreed: SharingLevel | null = level) {
  const program = {
    programId: 'p',
    clientId: 'c',
    coachId: 'u',
    client: { name: 'Alex', email: 'a@x.example', locale: 'en', timeZone: 'Europe/Zurich', status: 'active' },
    sponsorIds: ['s'],
    title: 'Lead calmly',
    goals: [],
    competencies: [],
    startDate: '2026-03-10',
    sessionsPlanned: 6,
    status: 'active',
    reportCadence: 'weekly',
    sharingLevel: level,
    ...(agreed ? { sharingConsent: { level: agreed, at: '2026-03-11T09:00:00.000Z', changeId: '01JD5Z7Q6X4M2N8P0R3S5T7V9W' } } : {}),
    clientLinkGeneration: 0,
    ...emptyCounters(),
    createdAt: '2026-03-10T08:00:00.000Z',
    updatedAt: '2026-03-10T08:00:00.000Z',
    version: 1,
  } satisfies Program;
  const session = (n: number, heldAt: string): Session => ({ sessionId: `s${n}`, programId: 'p', number: n, heldAt, sharedSummary: PLANTED.summary, privateNotes: PLANTED.privateNote, archived: false, createdBy: 'u', createdAt: heldAt, updatedAt: heldAt, version: 1 });
  const action = (id: string, status: Action['status'], createdAt: string, decidedAt?: string, extra: Partial<Action> = {}): Action => ({
    actionId: id,
    programId: 'p',
    title: `${PLANTED.title}-${id}`,
    status,
    createdBy: { kind: 'client' },
    archived: false,
    createdAt,
    updatedAt: decidedAt ?? createdAt,
    ...(decidedAt ? { decidedAt } : {}),
    version: 1,
    ...extra,
  });
  const actions = [
    action('a1', 'done', '2026-03-11T09:00:00.000Z', '2026-03-13T09:00:00.000Z'),
    action('a2', 'not_done', '2026-03-17T09:00:00.000Z', '2026-03-20T09:00:00.000Z', { reflection: PLANTED.reflection }),
    action('a3', 'partly', '2026-03-17T09:00:00.000Z', '2026-03-21T09:00:00.000Z'),
    action('a4', 'done', '2026-03-18T09:00:00.000Z', '2026-03-22T22:30:00.000Z'),
    // Decided after the period ended (Monday 00:00 in Zurich is 23:00Z on Sunday): counts as open in this report.
    action('a5', 'done', '2026-03-18T09:00:00.000Z', '2026-03-22T23:30:00.000Z'),
    action('a6', 'done', '2026-03-18T09:00:00.000Z', '2026-03-19T09:00:00.000Z', { archived: true }),
  ];
  const obstacles: Obstacle[] = [{ obstacleId: 'o1', programId: 'p', actionId: 'a2', text: PLANTED.obstacle, category: 'time', at: '2026-03-20T09:00:00.000Z', createdBy: { kind: 'client' }, archived: false, createdAt: '2026-03-20T09:00:00.000Z', updatedAt: '2026-03-20T09:00:00.000Z', version: 1 }];
  return { program, sessions: [session(1, '2026-03-10T09:00:00.000Z'), session(2, '2026-03-17T09:00:00.000Z')], actions, obstacles };
}

describe('report content', () => {
  const period = { start: '2026-03-16', end: '2026-03-23' };

  it('counts sessions and actions in the period and overall, and the completion trend per period', () => {
    const c = reportContent(collection('metrics'), weekly, period);
    expect(c.sessions).toEqual({ heldInPeriod: 1, heldSoFar: 2, planned: 6 });
    expect(c.actions.period).toEqual({ captured: 4, done: 1, partly: 1, notDone: 1 });
    expect(c.actions.overall).toEqual({ captured: 5, done: 2, partly: 1, notDone: 1, open: 1 });
    // One bar per report period: up to 23 March the first report's (a1, a4 done, a3 partly, a2 not done: 2.5 / 4).
    expect(c.trend).toEqual([{ start: '2026-03-10', completion: 63 }]);
    const later = reportContent(collection('metrics'), weekly, { start: '2026-03-23', end: '2026-03-30' });
    expect(later.trend).toEqual([
      { start: '2026-03-10', completion: 63 },
      // a5 was decided on 22 March 23:30 UTC, which is 23 March in Zurich: in the second period.
      { start: '2026-03-23', completion: 100 },
    ]);
  });

  for (const level of ['metrics', 'actions', 'assessments', 'full'] as const) {
    it(`shares at "${level}" only what that level allows; never coach notes or session summaries`, () => {
      const content = reportContent(collection(level), weekly, period);
      const { tenant } = newTenant({ name: 'Acme', slug: 'acme', ownerEmail: 'o@acme.example', ownerName: 'O', timeZone: 'Europe/Zurich', locale: 'en' }, { tenantId: '01JD5Z7Q6X4M2N8P0R3S5T7V9W', ownerUserId: 'u' }, new Date());
      const email = sponsorReportEmail(tenant, { key: 'k', to: { name: 'Sam', email: 's@x.example', locale: 'en' }, content, replyTo: 'c@acme.example', link: { hash: 'h', validUntil: 1, programId: 'p' } }, 'https://app.example');
      const text = reportLines(reportWords.en, 'en', content).join('\n');
      for (const shown of [JSON.stringify(content), text, email.text, email.html]) {
        expect(shown.includes(PLANTED.title)).toBe(level !== 'metrics');
        expect(shown.includes(PLANTED.obstacle)).toBe(level === 'full');
        expect(shown.includes(PLANTED.reflection)).toBe(level === 'full');
        expect(shown).not.toContain(PLANTED.privateNote);
        expect(shown).not.toContain(PLANTED.summary);
      }
      // Competence stages have a place, filled only from assessments (none exist yet): never made up.
      expect(content.competenceStages).toBeUndefined();
    });
  }

  it('cuts to what the client agreed, never above the proposal: nothing but counts before they agree', () => {
    const titles = (c: ReturnType<typeof reportContent>) => JSON.stringify(c).includes(PLANTED.title);
    const notes = (c: ReturnType<typeof reportContent>) => JSON.stringify(c).includes(PLANTED.reflection);
    const proposedFull = reportContent(collection('full', null), weekly, period);
    expect(proposedFull.sharingLevel).toBe('metrics');
    expect([titles(proposedFull), notes(proposedFull), proposedFull.obstacles, proposedFull.actionTitles]).toEqual([false, false, undefined, undefined]);
    // The counts are the same whatever is shared.
    expect(proposedFull.actions).toEqual(reportContent(collection('full'), weekly, period).actions);
    const agreedLower = reportContent(collection('full', 'actions'), weekly, period);
    expect([agreedLower.sharingLevel, titles(agreedLower), notes(agreedLower)]).toEqual(['actions', true, false]);
    const proposalLowered = reportContent(collection('actions', 'full'), weekly, period);
    expect([proposalLowered.sharingLevel, titles(proposalLowered), notes(proposalLowered)]).toEqual(['actions', true, false]);
  });

  it('shows competence stages from assessments at "assessments" and up only', () => {
    const stages = [{ competency: 'Delegating', stage: 3 as const, previousStage: 2 as const, assessedAt: '2026-03-20T09:00:00.000Z' }];
    expect(reportContent({ ...collection('actions'), competenceStages: stages }, weekly, period).competenceStages).toBeUndefined();
    expect(reportContent({ ...collection('assessments'), competenceStages: stages }, weekly, period).competenceStages).toEqual(stages);
  });

  it('draws the trend as table-cell bars with the value beside them: no SVG, image or script', () => {
    const content = reportContent(collection('metrics'), weekly, period);
    const { tenant } = newTenant({ name: 'Acme', slug: 'acme', ownerEmail: 'o@acme.example', ownerName: 'O', timeZone: 'Europe/Zurich', locale: 'de' }, { tenantId: '01JD5Z7Q6X4M2N8P0R3S5T7V9W', ownerUserId: 'u' }, new Date());
    const email = sponsorReportEmail(tenant, { key: 'k', to: { name: 'Sam', email: 's@x.example', locale: 'de' }, content, replyTo: 'c@acme.example' }, 'https://app.example');
    expect(email.html).toMatch(/<td width="63%" height="14" bgcolor="#2f6f5e"[^>]*>&nbsp;<\/td><td width="37%"/);
    expect(email.html).toContain('>63%</td>');
    expect(email.html).not.toMatch(/<svg|<img|<script/i);
    expect(email.text).toContain('63%');
    expect(email.replyTo).toBe('c@acme.example');
    expect(email.subject).toContain('Fortschrittsbericht');
  });
});
