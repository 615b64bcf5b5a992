import { describe, expect, it } from 'vitest';
import { newTenant, tenantSignupSchema } from '../../shared/domain/tenant.js';
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
