import { describe, expect, it } from 'vitest';
import { applySettings, newTenant, settingsPatchSchema, tenantSignupSchema, type Tenant } from '../../shared/domain/tenant.js';
import { parseInput } from '../../shared/domain/validation.js';
import { ValidationError } from '../../shared/errors.js';

const valid = { name: '  Acme Coaching ', slug: ' Acme-Coaching ', ownerEmail: 'Olga@Acme.Example', ownerName: 'Olga' };

describe('tenant sign-up schema', () => {
  it('normalises slug and address and fills time zone and locale defaults', () => {
    expect(parseInput(tenantSignupSchema, valid)).toEqual({
      name: 'Acme Coaching',
      slug: 'acme-coaching',
      ownerEmail: 'olga@acme.example',
      ownerName: 'Olga',
      timeZone: 'Europe/Zurich',
      locale: 'en',
    });
  });

  it.each([
    ['slug', 'a', 'Too small'],
    ['slug', 'double--hyphen', 'single hyphens'],
    ['slug', '-leading', 'single hyphens'],
    ['ownerEmail', 'olga@', 'Invalid email'],
    ['timeZone', 'Europe/Atlantis', 'IANA time zone'],
    ['timeZone', 'EST5EDT-ish', 'IANA time zone'],
    ['locale', 'fr', 'Invalid option'],
    ['name', ' ', 'Too small'],
  ])('rejects %s = %j', (field, value, message) => {
    try {
      parseInput(tenantSignupSchema, { ...valid, [field]: value });
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const issue = (error as ValidationError).fields!.find((f) => f.field === field);
      expect(issue?.message).toContain(message);
    }
  });

  it('rejects a tenant id in the body instead of using it', () => {
    expect(() => parseInput(tenantSignupSchema, { ...valid, tenantId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' })).toThrow(/tenantId: is not a known field/);
  });

  it('builds the firm with defaults the owner can change later', () => {
    const input = parseInput(tenantSignupSchema, valid);
    const { tenant, owner } = newTenant(input, { tenantId: 'T1', ownerUserId: 'U1' }, new Date('2026-11-25T10:00:00Z'));
    expect(tenant).toMatchObject({ status: 'active', branding: { displayName: 'Acme Coaching' }, sender: { replyTo: 'olga@acme.example' }, limits: { activeClients: 25 } });
    expect(owner).toMatchObject({ tenantId: 'T1', userId: 'U1', role: 'owner', status: 'active', createdAt: '2026-11-25T10:00:00.000Z' });
  });
});

describe('the coach digest settings of a firm', () => {
  const now = new Date('2026-11-25T10:00:00Z');
  const firm = () => newTenant(parseInput(tenantSignupSchema, valid), { tenantId: 'T1', ownerUserId: 'U1' }, now).tenant;

  it('start with defaults: 08:00, 10 days without activity, 3 overdue actions, 4 weeks without a session', () => {
    expect(firm().coachDigest).toEqual({ hour: 8, inactiveDays: 10, overdueActions: 3, sessionGapWeeks: 4 });
  });

  it('change in part, within bounds, naming the field that is out of them', () => {
    const patch = parseInput(settingsPatchSchema, { coachDigest: { inactiveDays: 14 } });
    expect(applySettings(firm(), patch, now).coachDigest).toEqual({ hour: 8, inactiveDays: 14, overdueActions: 3, sessionGapWeeks: 4 });
    // A firm from before the digest gets the defaults with its change.
    const { coachDigest: _none, ...older } = firm();
    expect(applySettings(older as Tenant, patch, now).coachDigest).toEqual({ hour: 8, inactiveDays: 14, overdueActions: 3, sessionGapWeeks: 4 });
    expect(() => parseInput(settingsPatchSchema, { coachDigest: { sessionGapWeeks: 0 } })).toThrow(/coachDigest.sessionGapWeeks/);
    expect(() => parseInput(settingsPatchSchema, { coachDigest: { hour: 8.5 } })).toThrow(/coachDigest.hour/);
    expect(() => parseInput(settingsPatchSchema, { coachDigest: { stalledAfter: 3 } })).toThrow(/coachDigest.stalledAfter/);
  });
});
