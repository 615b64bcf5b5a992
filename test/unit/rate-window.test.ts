import { afterEach, describe, expect, it } from 'vitest';
import { keys, platformKeys, tenantScope } from '../../shared/db/keys.js';
import { TooManyRequestsError } from '../../shared/errors.js';
import { invitationRules, limitOf, NEW_FIRM_DAYS, RATE_LIMITS_ENV, rateRules } from '../../shared/limits/policy.js';
import { networkOf, rateLimited, rateSubject, rateWindow } from '../../shared/limits/rate.js';

const at = (iso: string) => new Date(iso);
const epoch = (iso: string) => Date.parse(iso) / 1000;
const scope = tenantScope('01JD5Z7Q6X4M2N8P0R3S5T7V9W');

describe('rate windows (fixed clock)', () => {
  const quarter = rateRules.signInPerSource; // 15 minutes

  it('start on multiples of the window and end one window later', () => {
    const w = rateWindow(quarter, at('2026-05-04T10:07:30.250Z'));
    expect(w.start).toBe(epoch('2026-05-04T10:00:00Z'));
    expect(w.end).toBe(epoch('2026-05-04T10:15:00Z'));
  });

  it('give Retry-After as the whole seconds left in the window, rounded up, at least 1', () => {
    expect(rateWindow(quarter, at('2026-05-04T10:07:30.250Z')).retryAfterSeconds).toBe(450); // 449.75 s left
    expect(rateWindow(quarter, at('2026-05-04T10:14:59.999Z')).retryAfterSeconds).toBe(1);
    expect(rateWindow(quarter, at('2026-05-04T10:14:59.000Z')).retryAfterSeconds).toBe(1);
    expect(rateWindow(quarter, at('2026-05-04T10:14:58.999Z')).retryAfterSeconds).toBe(2);
  });

  it('begin a fresh window exactly at the boundary', () => {
    const w = rateWindow(quarter, at('2026-05-04T10:15:00.000Z'));
    expect(w.start).toBe(epoch('2026-05-04T10:15:00Z'));
    expect(w.retryAfterSeconds).toBe(900);
  });

  it('align day windows to midnight UTC', () => {
    const w = rateWindow(rateRules.invitationsPerRecipientDay, at('2026-05-04T23:30:00Z'));
    expect(w.start).toBe(epoch('2026-05-04T00:00:00Z'));
    expect(w.retryAfterSeconds).toBe(30 * 60);
  });

  it('refuse with 429, rate_limited, Retry-After and a message saying when to try again', () => {
    const error = rateLimited(quarter, at('2026-05-04T10:07:30.250Z'));
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfterSeconds: 450 });
    expect(error.message).toBe('Too many sign-in attempts from this network address: try again in 8 minutes (after 2026-05-04T10:15:00Z)');
    expect(rateLimited(quarter, at('2026-05-04T10:14:59Z')).message).toContain('try again in 1 second (after');
    expect(rateLimited(rateRules.invitationsPerFirmDay, at('2026-05-04T08:00:00Z')).message).toContain('try again in 16 hours (after 2026-05-05T00:00:00Z)');
  });
});

describe('invitation rules', () => {
  const now = at('2026-05-20T12:00:00Z');
  const daysAgo = (days: number) => ({ createdAt: new Date(now.getTime() - days * 86_400_000).toISOString() });

  it('give a firm in its first days lower per-firm limits, on the same counters', () => {
    const young = invitationRules(daysAgo(1), now);
    const settled = invitationRules(daysAgo(NEW_FIRM_DAYS + 1), now);
    expect(young.perFirm.map((r) => r.name)).toEqual(settled.perFirm.map((r) => r.name));
    expect(young.perFirm.map((r) => r.limit)).toEqual([10, 20]);
    expect(settled.perFirm.map((r) => r.limit)).toEqual([rateRules.invitationsPerFirmHour.limit, rateRules.invitationsPerFirmDay.limit]);
    expect(young.perRecipient).toEqual([rateRules.invitationsPerRecipientDay]);
    expect(settled.perRecipient).toEqual([rateRules.invitationsPerRecipientDay]);
  });
});

describe('configured limits', () => {
  const saved = process.env[RATE_LIMITS_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[RATE_LIMITS_ENV];
    else process.env[RATE_LIMITS_ENV] = saved;
  });

  it('replace the limit of the rules the environment names, and only those', () => {
    process.env[RATE_LIMITS_ENV] = 'sign-in-source=7, reset-source=3';
    expect(limitOf(rateRules.signInPerSource)).toBe(7);
    expect(limitOf(rateRules.resetPerSource)).toBe(3);
    expect(limitOf(rateRules.signInPerAccount)).toBe(rateRules.signInPerAccount.limit);
    delete process.env[RATE_LIMITS_ENV];
    expect(limitOf(rateRules.signInPerSource)).toBe(rateRules.signInPerSource.limit);
  });

  it('refuse an unknown rule or a limit below 1, naming the variable', () => {
    for (const bad of ['sign-in-sauce=5', 'sign-in-source=0', 'sign-in-source', 'sign-in-source=-1']) {
      process.env[RATE_LIMITS_ENV] = bad;
      expect(() => limitOf(rateRules.signInPerSource), bad).toThrow(RATE_LIMITS_ENV);
    }
  });
});

describe('rate subjects and keys', () => {
  it('count IPv6 callers by their /64 and IPv4 as given (also when mapped into IPv6)', () => {
    expect(networkOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(networkOf('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(networkOf('203.0.113.9')).toBe('203.0.113.9');
    expect(rateSubject.source('2001:db8:1:2::1').id).toBe(rateSubject.source('2001:db8:1:2:9::9').id);
    expect(rateSubject.source('2001:db8:1:3::1').id).not.toBe(rateSubject.source('2001:db8:1:2::1').id);
    expect(rateSubject.source('::ffff:203.0.113.9').id).toBe(rateSubject.source('203.0.113.9').id);
  });

  it('hash addresses, so no IP or email address appears in a key; account addresses ignore case', () => {
    const source = rateSubject.source('203.0.113.9');
    const account = rateSubject.account('Olga@Acme.example');
    expect(account.id).toBe(rateSubject.account('olga@acme.example').id);
    const key = platformKeys.rate(rateRules.signInPerAccount.name, account.id, 0);
    expect(JSON.stringify([key, platformKeys.rate('x', source.id, 0)])).not.toMatch(/203\.0|olga|acme/i);
    const recipient = rateSubject.recipient(scope, 'carl@acme.example');
    expect(JSON.stringify(keys.rate(scope, 'invite-recipient-day', recipient.id, 0))).not.toMatch(/carl|acme/);
  });

  it('keep tenant counters under the tenant prefix and platform counters outside every tenant prefix', () => {
    const firm = rateSubject.firm(scope);
    expect(keys.rate(scope, 'invite-firm-hour', firm.id, 1_700_000_000)).toEqual({
      PK: `T#${scope.tenantId}#RATE`,
      SK: 'invite-firm-hour#firm#1700000000',
    });
    expect(platformKeys.rate('sign-in-source', 'abc', 1_700_000_000)).toEqual({ PK: 'RATE#sign-in-source#abc', SK: '1700000000' });
  });
});
