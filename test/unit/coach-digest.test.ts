import { describe, expect, it } from 'vitest';
import { activityLines, coachDigestContent, MAX_DIGEST_LINES, stallReasons, type ClientActivity } from '../../shared/domain/coach-digest.js';
import { applyDigestPatch, coachDigestSettings, firstCoachDigestAt, nextCoachDigestAt, scheduleCoachDigest } from '../../shared/domain/coach-digest-schedule.js';
import type { Program } from '../../shared/domain/coaching.js';
import { emptyCounters } from '../../shared/domain/program.js';
import { DEFAULT_COACH_DIGEST, newTenant, type StaffUser, type Tenant } from '../../shared/domain/tenant.js';
import { coachDigestEmail } from '../../shared/email/templates/coach-digest.js';

/**
 * The coach's daily digest as plain functions of `now` (shared/domain/coach-digest*.ts): when it goes out, which
 * programs stall and why, what the clients did.
 */
const created = new Date('2026-10-01T09:00:00Z');
const firm = (zone = 'Europe/Zurich'): Tenant =>
  newTenant({ name: 'Acme Coaching', slug: 'acme', ownerEmail: 'olga@acme.example', ownerName: 'Olga', timeZone: zone, locale: 'en' }, { tenantId: '01JD5Z7Q6X4M2N8P0R3S5T7V9W', ownerUserId: 'u1' }, created).tenant;
const coach = (over: Partial<StaffUser> = {}): StaffUser => ({ tenantId: 't', userId: 'coach-1', email: 'carl@acme.example', name: 'Carl', role: 'coach', status: 'active', createdAt: created.toISOString(), ...over });

const program = (over: Partial<Program> = {}): Program => ({
  programId: 'P1',
  clientId: 'C1',
  coachId: 'coach-1',
  client: { name: 'Alex Adler', email: 'alex@client.example', locale: 'en', timeZone: 'Europe/Zurich', status: 'active' },
  sponsorIds: [],
  title: 'Leading the new team',
  goals: [],
  competencies: [],
  startDate: '2026-10-01',
  sessionsPlanned: 8,
  status: 'active',
  reportCadence: 'monthly',
  sharingLevel: 'metrics',
  clientLinkGeneration: 0,
  createdAt: created.toISOString(),
  updatedAt: created.toISOString(),
  version: 1,
  ...emptyCounters(),
  sessionsHeld: 1,
  ...over,
});

const at = (iso: string) => new Date(iso);

describe('stalled programs', () => {
  const policy = DEFAULT_COACH_DIGEST;
  const now = at('2026-12-07T07:00:00Z');

  it('stall after 10 days without client activity, not after 9', () => {
    expect(stallReasons(program({ lastClientActivityAt: '2026-11-27T07:00:00Z', lastSessionAt: '2026-12-01T09:00:00Z' }), policy, now)).toEqual([{ kind: 'inactive', days: 10 }]);
    expect(stallReasons(program({ lastClientActivityAt: '2026-11-27T07:00:01Z', lastSessionAt: '2026-12-01T09:00:00Z' }), policy, now)).toEqual([]);
  });

  it('stall with 3 or more open actions past due in the client’s zone (not 2; not the ones due today)', () => {
    const recent = { lastClientActivityAt: '2026-12-06T07:00:00Z', lastSessionAt: '2026-12-01T09:00:00Z' };
    expect(stallReasons(program({ ...recent, dueOpen: { a: '2026-12-01', b: '2026-12-05', c: '2026-12-06' } }), policy, now)).toEqual([{ kind: 'overdue', count: 3 }]);
    expect(stallReasons(program({ ...recent, dueOpen: { a: '2026-12-01', b: '2026-12-05', c: '2026-12-07' } }), policy, now)).toEqual([]);
    // 23:30 on 6 Dec UTC is already 7 Dec in Tokyo: for a client there, the action due on the 6th is overdue.
    const late = at('2026-12-06T23:30:00Z');
    const tokyo = { ...program().client, timeZone: 'Asia/Tokyo' };
    expect(stallReasons(program({ ...recent, client: tokyo, dueOpen: { a: '2026-12-01', b: '2026-12-05', c: '2026-12-06' } }), policy, late)).toEqual([{ kind: 'overdue', count: 3 }]);
    const newYork = { ...program().client, timeZone: 'America/New_York' };
    expect(stallReasons(program({ ...recent, client: newYork, dueOpen: { a: '2026-12-01', b: '2026-12-05', c: '2026-12-06' } }), policy, late)).toEqual([]);
  });

  it('stall after 4 weeks without a session; every reason is named', () => {
    expect(stallReasons(program({ lastClientActivityAt: '2026-11-01T07:00:00Z', lastSessionAt: '2026-11-02T09:00:00Z' }), policy, now)).toEqual([
      { kind: 'inactive', days: 36 },
      { kind: 'no-session', weeks: 4 },
    ]);
    expect(stallReasons(program({ lastClientActivityAt: '2026-12-06T07:00:00Z', lastSessionAt: '2026-11-09T09:00:00Z' }), policy, now)).toEqual([]);
  });

  it('count from the program’s start when nothing happened yet; a program not yet started or not active never stalls', () => {
    const fresh = program({ createdAt: '2026-12-01T09:00:00Z', startDate: '2026-12-01' });
    expect(stallReasons(fresh, policy, now)).toEqual([]);
    expect(stallReasons(fresh, policy, at('2026-12-11T10:00:00Z'))).toEqual([{ kind: 'inactive', days: 10 }]);
    expect(stallReasons(program({ startDate: '2027-01-10' }), policy, now)).toEqual([]);
    expect(stallReasons(program({ status: 'paused' }), policy, now)).toEqual([]);
  });

  it('follow the firm’s thresholds', () => {
    const strict = { ...policy, inactiveDays: 3, overdueActions: 1, sessionGapWeeks: 1 };
    const p = program({ lastClientActivityAt: '2026-12-03T07:00:00Z', lastSessionAt: '2026-11-29T09:00:00Z', dueOpen: { a: '2026-12-06' } });
    expect(stallReasons(p, strict, now).map((r) => r.kind)).toEqual(['inactive', 'overdue', 'no-session']);
    expect(stallReasons(p, policy, now)).toEqual([]);
  });
});

const change = (over: Partial<ClientActivity> & { changeId: string }, title = 'Block two focus hours'): ClientActivity => ({
  subject: 'action',
  kind: 'updated',
  fields: {},
  at: `2026-12-06T1${over.changeId.length % 10}:00:00.000Z`,
  activity: { programId: 'P1', actionTitle: title },
  ...over,
});

describe('what the clients did', () => {
  it('lines for actions added and marked, obstacles and reflections, oldest first', () => {
    const lines = activityLines([
      change({ changeId: 'c3', at: '2026-12-06T12:00:00Z', fields: { status: { from: 'open', to: 'not_done' } }, obstacleId: 'o1', activity: { programId: 'P1', actionTitle: 'Say no', obstacleText: 'My manager booked me' } }),
      change({ changeId: 'c1', at: '2026-12-06T10:00:00Z', kind: 'created', fields: { title: { from: null, to: 'Ask for feedback' } }, activity: { programId: 'P1', actionTitle: 'Ask for feedback' } }),
      change({ changeId: 'c2', at: '2026-12-06T11:00:00Z', fields: { status: { from: 'open', to: 'done' }, reflection: { from: null, to: 'It went well' } } }),
      change({ changeId: 'c4', at: '2026-12-06T13:00:00Z', subject: 'obstacle', kind: 'created', fields: { text: { from: null, to: 'No time' } } }),
      change({ changeId: 'c5', at: '2026-12-06T14:00:00Z', fields: { status: { from: 'open', to: 'partly' } } }),
      change({ changeId: 'c6', at: '2026-12-06T15:00:00Z', fields: { status: { from: 'partly', to: 'dropped' } } }),
    ]);
    expect(lines).toEqual([
      { kind: 'added', title: 'Ask for feedback' },
      { kind: 'done', title: 'Block two focus hours' },
      { kind: 'reflection', title: 'Block two focus hours', text: 'It went well' },
      { kind: 'not_done', title: 'Say no' },
      { kind: 'obstacle', title: 'Say no', text: 'My manager booked me' },
      { kind: 'obstacle', title: 'Block two focus hours', text: 'No time' },
      { kind: 'partly', title: 'Block two focus hours' },
      { kind: 'dropped', title: 'Block two focus hours' },
    ]);
  });

  it('leave out a change the client took back, and the undo', () => {
    const lines = activityLines([
      change({ changeId: 'c1', at: '2026-12-06T10:00:00Z', fields: { status: { from: 'open', to: 'done' } } }),
      change({ changeId: 'c2', at: '2026-12-06T10:05:00Z', kind: 'undone', undoes: 'c1', fields: { status: { from: 'done', to: 'open' } } }),
    ]);
    expect(lines).toEqual([]);
  });

  it('a self-assessment the client answered: one line with each competency’s stage, in time order with the rest', () => {
    const lines = activityLines([
      change({ changeId: 'c1', at: '2026-12-06T12:00:00Z', fields: { status: { from: 'open', to: 'done' } } }),
      change({ changeId: 'ASSESSMENT#2026-12-06', at: '2026-12-06T11:00:00Z', subject: 'assessment', activity: { programId: 'P1', actionTitle: '', stages: [{ competency: 'Delegation', stage: 3 }, { competency: 'Feedback', stage: 2 }] } }),
    ]);
    expect(lines).toEqual([
      { kind: 'assessed', title: 'Delegation 3/4, Feedback 2/4' },
      { kind: 'done', title: 'Block two focus hours' },
    ]);
  });

  it('cut long client text', () => {
    const [line] = activityLines([change({ changeId: 'c1', fields: { reflection: { from: null, to: 'x'.repeat(500) } } })]);
    expect(line).toMatchObject({ kind: 'reflection' });
    expect((line as { text: string }).text).toHaveLength(200);
  });
});

describe('what goes in a digest', () => {
  const now = at('2026-12-07T07:00:00Z');
  const recent = { lastClientActivityAt: '2026-12-06T12:00:00Z', lastSessionAt: '2026-12-01T09:00:00Z' };

  it('per program of the coach: the activity, and the programs that stall', () => {
    const mine = program({ ...recent });
    const stalled = program({ programId: 'P2', title: 'Finding focus', client: { ...program().client, name: 'Bea Berg' }, lastClientActivityAt: '2026-11-20T09:00:00Z', lastSessionAt: '2026-10-20T09:00:00Z' });
    const content = coachDigestContent([stalled, mine], [change({ changeId: 'c1', fields: { status: { from: 'open', to: 'done' } } })], DEFAULT_COACH_DIGEST, 'coach-1', now);
    expect(content).toEqual({
      active: [{ programId: 'P1', programTitle: 'Leading the new team', clientName: 'Alex Adler', activity: [{ kind: 'done', title: 'Block two focus hours' }], stalls: [] }],
      stalled: [{ programId: 'P2', programTitle: 'Finding focus', clientName: 'Bea Berg', activity: [], stalls: [{ kind: 'inactive', days: 16 }, { kind: 'no-session', weeks: 6 }] }],
      moreLines: 0,
    });
  });

  it('nothing happened and nothing stalls: no digest', () => {
    expect(coachDigestContent([program({ ...recent })], [], DEFAULT_COACH_DIGEST, 'coach-1', now)).toBeUndefined();
    expect(coachDigestContent([], [], DEFAULT_COACH_DIGEST, 'owner-1', now)).toBeUndefined();
  });

  it('never another coach’s program, nor activity of a program not listed', () => {
    const theirs = program({ ...recent, programId: 'P9', coachId: 'coach-2', lastSessionAt: '2026-01-01T00:00:00Z' });
    const activity = [change({ changeId: 'c1', fields: { status: { from: 'open', to: 'done' } }, activity: { programId: 'P9', actionTitle: 'Secret' } }), change({ changeId: 'c2', fields: { status: { from: 'open', to: 'done' } }, activity: { programId: 'P7', actionTitle: 'Gone' } })];
    expect(coachDigestContent([theirs], activity, DEFAULT_COACH_DIGEST, 'coach-1', now)).toBeUndefined();
  });

  it('a paused program’s activity shows (a paused program never stalls); a completed one’s does not', () => {
    const done = [change({ changeId: 'c1', fields: { status: { from: 'open', to: 'done' } } })];
    const paused = coachDigestContent([program({ status: 'paused', lastSessionAt: '2026-01-01T00:00:00Z' })], done, DEFAULT_COACH_DIGEST, 'coach-1', now);
    expect(paused).toMatchObject({ active: [{ programId: 'P1', activity: [{ kind: 'done' }], stalls: [] }], stalled: [] });
    expect(coachDigestContent([program({ status: 'completed' })], done, DEFAULT_COACH_DIGEST, 'coach-1', now)).toBeUndefined();
  });

  it('holds a busy day to MAX_DIGEST_LINES lines and counts the rest', () => {
    const many = Array.from({ length: MAX_DIGEST_LINES + 7 }, (_, i) => change({ changeId: `c${String(i).padStart(4, '0')}`, at: `2026-12-06T10:${String(i % 60).padStart(2, '0')}:00Z`, kind: 'created' }));
    const content = coachDigestContent([program({ ...recent })], many, DEFAULT_COACH_DIGEST, 'coach-1', now)!;
    expect(content.active[0]!.activity).toHaveLength(MAX_DIGEST_LINES);
    expect(content.moreLines).toBe(7);
  });

  it('renders in the firm’s language, plain text naming client and program, no links', () => {
    const content = coachDigestContent([program({ ...recent, lastSessionAt: '2026-10-20T09:00:00Z' })], [change({ changeId: 'c1', fields: { status: { from: 'open', to: 'not_done' } }, activity: { programId: 'P1', actionTitle: 'Say no', obstacleText: 'Booked over' } })], DEFAULT_COACH_DIGEST, 'coach-1', now)!;
    const en = coachDigestEmail(firm(), coach(), '2026-12-07', content);
    expect(en).toMatchObject({ idempotencyKey: 'coach-digest#coach-1#2026-12-07', kind: 'coach-digest', to: 'carl@acme.example', subject: '1 client active, 1 program stalling · Acme Coaching' });
    expect(en.text).toContain('Alex Adler · Leading the new team\n- Not done: Say no\n- Obstacle with “Say no”: Booked over');
    expect(en.text).toContain('Programs that stall:\n- Alex Adler · Leading the new team: no session for 6 weeks');
    expect(en.text).not.toMatch(/https?:/);
    const de = coachDigestEmail({ ...firm(), locale: 'de' }, coach(), '2026-12-07', content);
    expect(de.subject).toBe('1 Klient:in aktiv, 1 Programm stockt · Acme Coaching');
    expect(de.text).toContain('- Nicht erledigt: Say no');
    expect(de.text).toContain('seit 6 Wochen keine Sitzung');
    expect(de.html).toContain('lang="de"');
  });
});

describe('when the digest goes out', () => {
  const zurich = firm();
  const hhmm = (d: Date | undefined, zone: string) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, dateStyle: 'short', timeStyle: 'short' }).format(d);

  it('at 08:00 in the firm’s zone by default, daily, across the spring-forward night in Zurich', () => {
    const s = coachDigestSettings(coach(), zurich);
    expect(s).toMatchObject({ timeZone: 'Europe/Zurich', hour: 8, frequency: 'daily' });
    // 27 March 2027: still CET (08:00 = 07:00 UTC); 28 March: CEST (08:00 = 06:00 UTC).
    expect(firstCoachDigestAt(at('2027-03-27T06:59:00Z'), s)?.toISOString()).toBe('2027-03-27T07:00:00.000Z');
    expect(nextCoachDigestAt(at('2027-03-27T07:00:00Z'), s)?.toISOString()).toBe('2027-03-28T06:00:00.000Z');
    expect(nextCoachDigestAt(at('2027-03-28T06:00:00Z'), s)?.toISOString()).toBe('2027-03-29T06:00:00.000Z');
    // And back in the autumn: 31 October 2027 is CET again.
    expect(nextCoachDigestAt(at('2027-10-30T06:00:00Z'), s)?.toISOString()).toBe('2027-10-31T07:00:00.000Z');
  });

  it('at the coach’s own hour in their own zone (New York, Tokyo), whatever the firm’s zone', () => {
    const ny = coachDigestSettings(coach({ digest: { enabled: true, hour: 9, timeZone: 'America/New_York' } }), zurich);
    // New York springs forward on 14 March 2027: 09:00 EST = 14:00 UTC, 09:00 EDT = 13:00 UTC.
    expect(nextCoachDigestAt(at('2027-03-13T14:00:00Z'), ny)?.toISOString()).toBe('2027-03-14T13:00:00.000Z');
    expect(hhmm(nextCoachDigestAt(at('2027-03-14T13:00:00Z'), ny), 'America/New_York')).toBe('15/03/2027, 09:00');
    const tokyo = coachDigestSettings(coach({ digest: { enabled: true, timeZone: 'Asia/Tokyo' } }), zurich);
    expect(firstCoachDigestAt(at('2027-03-27T12:00:00Z'), tokyo)?.toISOString()).toBe('2027-03-27T23:00:00.000Z');
  });

  it('never in the firm’s quiet hours: an hour inside them moves to their end; an hour in the DST gap moves forward', () => {
    const late = coachDigestSettings(coach({ digest: { enabled: true, hour: 22 } }), zurich);
    expect(hhmm(firstCoachDigestAt(at('2027-03-27T12:00:00Z'), late), 'Europe/Zurich')).toBe('28/03/2027, 07:00');
    const noQuiet = { ...zurich, reminderPolicy: { ...zurich.reminderPolicy, quietHoursStart: '00:00', quietHoursEnd: '00:00' } };
    const two = coachDigestSettings(coach({ digest: { enabled: true, hour: 2 } }), noQuiet);
    // 02:00 does not exist in Zurich on 28 March 2027: the digest comes at 03:00 CEST (01:00 UTC).
    expect(nextCoachDigestAt(at('2027-03-27T01:00:00Z'), two)?.toISOString()).toBe('2027-03-28T01:00:00.000Z');
  });

  it('none when turned off or for a user no longer active', () => {
    expect(firstCoachDigestAt(at('2027-03-27T12:00:00Z'), coachDigestSettings(coach({ digest: { enabled: false } }), zurich))).toBeUndefined();
    expect(firstCoachDigestAt(at('2027-03-27T12:00:00Z'), coachDigestSettings(coach({ status: 'deactivated' }), zurich))).toBeUndefined();
  });

  it('a settings change keeps the activity window while the digest stays on, and starts it anew when turned on', () => {
    const now = at('2027-03-27T12:00:00Z');
    expect(scheduleCoachDigest(coach({ digestAt: '2027-03-28T06:00:00.000Z', digestSince: '2027-03-27T07:00:00.000Z', digest: { enabled: true, hour: 9 } }), zurich, now)).toEqual({
      digestAt: '2027-03-28T07:00:00.000Z',
      digestSince: '2027-03-27T07:00:00.000Z',
    });
    expect(scheduleCoachDigest(coach({ digest: { enabled: true } }), zurich, now)).toEqual({ digestAt: '2027-03-28T06:00:00.000Z', digestSince: now.toISOString() });
    expect(scheduleCoachDigest(coach({ digest: { enabled: false } }), zurich, now)).toEqual({ digestSince: now.toISOString() });
  });

  it('a preferences change merges, and a null zone goes back to the firm’s', () => {
    expect(applyDigestPatch(undefined, { hour: 7 })).toEqual({ enabled: true, hour: 7 });
    expect(applyDigestPatch({ enabled: true, hour: 7, timeZone: 'Asia/Tokyo' }, { enabled: false })).toEqual({ enabled: false, hour: 7, timeZone: 'Asia/Tokyo' });
    expect(applyDigestPatch({ enabled: true, hour: 7, timeZone: 'Asia/Tokyo' }, { timeZone: null })).toEqual({ enabled: true, hour: 7 });
  });
});
