import { describe, expect, it } from 'vitest';
import type { Program } from '../../shared/domain/coaching.js';
import { homeListFilter, homeQueryInput, homeQuerySchema, homeRows } from '../../shared/domain/practice-home.js';
import { emptyCounters } from '../../shared/domain/program.js';
import { groupedSecret, securityStanding, signedInRecently, totpUri } from '../../shared/domain/security.js';

/** The rules of the security page (shared/domain/security.ts) and of the coach's home (shared/domain/practice-home.ts). */
const now = new Date('2026-12-06T09:00:00Z');

describe('the security rules', () => {
  it('writes the otpauth URI apps read, with the issuer and the account escaped', () => {
    expect(totpUri({ issuer: 'Waymark', account: 'ana+coach@firm.example', secret: 'ABCDEFGH' })).toBe(
      'otpauth://totp/Waymark:ana%2Bcoach%40firm.example?secret=ABCDEFGH&issuer=Waymark',
    );
    expect(totpUri({ issuer: 'Müller & Co', account: 'a@b.example', secret: 'X' })).toContain('issuer=M%C3%BCller%20%26%20Co');
  });

  it('groups the key in fours for typing', () => expect(groupedSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ'));

  it('counts a sign-in as recent for 15 minutes', () => {
    const at = (minutesAgo: number) => ({ signedInAt: Math.floor(now.getTime() / 1000) - minutesAgo * 60 });
    expect(signedInRecently(at(15), now)).toBe(true);
    expect(signedInRecently(at(16), now)).toBe(false);
  });

  it('opens removal only to an enrolled user of a firm that does not require an app', () => {
    const requires = { security: { requireMfa: true, idleMinutes: 60 } };
    expect(securityStanding(requires, {})).toMatchObject({ mustEnrol: true, canRemove: false });
    expect(securityStanding(requires, { mfa: 'totp' })).toMatchObject({ mustEnrol: false, canRemove: false });
    expect(securityStanding({}, { mfa: 'totp' })).toMatchObject({ firmRequires: false, canRemove: true });
  });
});

describe('the coach’s home', () => {
  const program = (name: string, overrides: Partial<Program> = {}): Program =>
    ({
      ...emptyCounters(),
      programId: name,
      status: 'active',
      startDate: '2026-01-01',
      createdAt: '2026-01-01T00:00:00Z',
      lastClientActivityAt: now.toISOString(),
      lastSessionAt: now.toISOString(),
      client: { name, email: 'c@x.example', locale: 'en', timeZone: 'Europe/Zurich' },
      ...overrides,
    }) as Program;

  it('reads the query as a form sends it: + for a space, empty fields dropped, the first of a repeated one', () => {
    expect(homeQueryInput('q=Zo%C3%AB+Oka&status=&coach=&stalled=on&q=again')).toEqual({ q: 'Zoë Oka', stalled: 'on' });
    expect(homeQueryInput(undefined)).toEqual({});
    expect(homeQuerySchema.safeParse({ status: 'bogus' }).success).toBe(false);
    expect(homeQuerySchema.safeParse({ utm_source: 'mail' }).success).toBe(true);
  });

  it('lets a manager filter by coach, reads active programs for "stalled only"', () => {
    expect(homeListFilter({ coach: 'c1', stalled: 'on' }, true)).toEqual({ coachId: 'c1', status: 'active' });
    expect(homeListFilter({ coach: 'c1', status: 'paused' }, false)).toEqual({ status: 'paused' });
  });

  it('puts the stalled first, keeps the list order otherwise, and finds a name whatever its case and accents', () => {
    const programs = [program('Anna'), program('Bruno', { lastClientActivityAt: '2026-11-01T00:00:00Z' }), program('Zoë')];
    expect(homeRows(programs, {}, {}, now).map((r) => [r.program.programId, r.stalls.map((s) => s.kind)])).toEqual([
      ['Bruno', ['inactive']],
      ['Anna', []],
      ['Zoë', []],
    ]);
    expect(homeRows(programs, { stalled: 'on' }, {}, now).map((r) => r.program.programId)).toEqual(['Bruno']);
    expect(homeRows(programs, { q: 'ZOE' }, {}, now).map((r) => r.program.programId)).toEqual(['Zoë']);
    // The firm's own digest policy decides what stalls.
    expect(homeRows(programs, { stalled: 'on' }, { coachDigest: { hour: 8, inactiveDays: 60, overdueActions: 3, sessionGapWeeks: 4 } }, now)).toEqual([]);
  });
});
