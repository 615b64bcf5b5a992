import { describe, expect, it } from 'vitest';
import { tenantSweepMessageSchema } from '../../shared/domain/sweep.js';
import { newTenant } from '../../shared/domain/tenant.js';
import { parseInput } from '../../shared/domain/validation.js';
import { ValidationError } from '../../shared/errors.js';

/** The tenant-sweep message: the tenant, the tick's instant, and the registry's copy of that tenant's profile. */
const A = '01KBW00000000000000000000A';
const B = '01KBW00000000000000000000B';
const firmOf = (tenantId: string) =>
  newTenant({ name: 'Acme', slug: 'acme', ownerEmail: 'o@acme.example', ownerName: 'Olga', timeZone: 'Europe/Zurich', locale: 'en' }, { tenantId, ownerUserId: '00000000-0000-4000-8000-000000000001' }, new Date('2026-11-25T12:00:00Z')).tenant;

describe('the tenant-sweep message', () => {
  it('carries the firm’s profile along', () => {
    const message = parseInput(tenantSweepMessageSchema, { tenantId: A, tickAt: '2026-12-01T07:00:00.000Z', firm: firmOf(A) });
    expect(message.firm?.reminderPolicy.digestHour).toBe(8);
  });

  it('is refused with another tenant’s profile, or with something that is no profile', () => {
    expect(() => parseInput(tenantSweepMessageSchema, { tenantId: A, tickAt: '2026-12-01T07:00:00.000Z', firm: firmOf(B) })).toThrow(ValidationError);
    expect(() => parseInput(tenantSweepMessageSchema, { tenantId: A, tickAt: '2026-12-01T07:00:00.000Z', firm: { tenantId: A } })).toThrow(/firm/);
  });

  it('still works without one (a firm registered before the copy existed)', () => {
    expect(parseInput(tenantSweepMessageSchema, { tenantId: A, tickAt: '2026-12-01T07:00:00.000Z' }).firm).toBeUndefined();
  });
});
