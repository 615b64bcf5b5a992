import { describe, expect, it } from 'vitest';
import { tenantScope } from '../../shared/db/keys.js';
import { authorize, can, type StaffPrincipal } from '../../shared/domain/access.js';
import { endsInviting, ownerCountChange, planStaffChange } from '../../shared/domain/staff.js';
import { applySettings, newTenant, settingsPatchSchema, tenantSignupSchema, type StaffRole, type StaffUser } from '../../shared/domain/tenant.js';
import { parseInput } from '../../shared/domain/validation.js';
import { ForbiddenError } from '../../shared/errors.js';
import { staffTokenFrom } from '../../shared/identity/authenticate.js';

const scope = tenantScope('01JD5Z7Q6X4M2N8P0R3S5T7V9W');
const { tenant } = newTenant(
  parseInput(tenantSignupSchema, { name: 'Acme', slug: 'acme', ownerEmail: 'o@acme.example', ownerName: 'O' }),
  { tenantId: scope.tenantId, ownerUserId: 'u' },
  new Date('2026-11-01T00:00:00Z'),
);
const principal = (role: StaffRole, userId = `${role}-1`): StaffPrincipal => ({ scope, userId, email: `${userId}@x.example`, name: userId, role, tenant });
const staff = (role: StaffRole, userId = `${role}-1`, status: StaffUser['status'] = 'active'): StaffUser => ({
  tenantId: scope.tenantId, userId, email: `${userId}@x.example`, name: userId, role, status, createdAt: '2026-01-01T00:00:00.000Z',
});

describe('permissions', () => {
  it('keep billing and ownership with owners and staff management away from coaches', () => {
    expect(can('owner', 'billing:write')).toBe(true);
    expect(can('admin', 'billing:write')).toBe(false);
    expect(can('admin', 'ownership:transfer')).toBe(false);
    expect(can('admin', 'staff:manage')).toBe(true);
    expect(can('coach', 'staff:read')).toBe(false);
    expect(can('coach', 'firm:read')).toBe(true);
    expect(() => authorize(principal('coach'), 'settings:write')).toThrow(ForbiddenError);
  });
});

describe('planStaffChange', () => {
  it('counts an owner leaving or coming back against the firm owner counter', () => {
    const owner = staff('owner');
    expect(ownerCountChange(owner, { status: 'deactivated' })).toBe(-1);
    expect(ownerCountChange(owner, { role: 'admin' })).toBe(-1);
    expect(ownerCountChange(staff('owner', 'o', 'deactivated'), { status: 'active' })).toBe(1);
    expect(ownerCountChange(staff('admin'), { status: 'deactivated' })).toBe(0);
    expect(ownerCountChange(owner, {})).toBe(0);
  });

  it('ends the right to invite when an owner or admin is deactivated or becomes a coach', () => {
    expect(endsInviting(staff('admin'), { status: 'deactivated' })).toBe(true);
    expect(endsInviting(staff('admin'), { role: 'coach' })).toBe(true);
    expect(endsInviting(staff('owner'), { role: 'admin' })).toBe(false);
    expect(endsInviting(staff('coach'), { status: 'deactivated' })).toBe(false);
    expect(endsInviting(staff('admin'), {})).toBe(false);
  });

  it('lets only an owner change an owner', () => {
    expect(() => planStaffChange(principal('admin'), staff('owner'), { name: 'New' })).toThrow(/Only an owner/);
  });

  it('refuses changing your own role or deactivating yourself, but allows renaming yourself', () => {
    const me = principal('admin');
    expect(() => planStaffChange(me, staff('admin'), { status: 'deactivated' })).toThrow(/yourself/);
    expect(() => planStaffChange(me, staff('admin'), { role: 'coach' })).toThrow(/yourself/);
    expect(planStaffChange(me, staff('admin'), { name: 'Renamed' })).toEqual({ name: 'Renamed' });
  });

  it('writes only what changes', () => {
    expect(planStaffChange(principal('owner'), staff('coach'), { role: 'coach', status: 'active', name: 'coach-1' })).toEqual({});
    expect(planStaffChange(principal('owner'), staff('coach', 'c', 'deactivated'), { status: 'active' })).toEqual({ status: 'active' });
  });
});

describe('applySettings', () => {
  it('merges each group in part, keeps the rest and counts the version up', () => {
    const patch = parseInput(settingsPatchSchema, { branding: { accentColour: '#000000' }, reportDefaults: { cadence: 'weekly' } });
    const next = applySettings(tenant, patch, new Date('2026-11-02T00:00:00Z'));
    expect(next.branding).toEqual({ ...tenant.branding, accentColour: '#000000' });
    expect(next.reportDefaults).toEqual({ ...tenant.reportDefaults, cadence: 'weekly' });
    expect(next.reminderPolicy).toEqual(tenant.reminderPolicy);
    expect(next.version).toBe(tenant.version + 1);
    expect(next.updatedAt).toBe('2026-11-02T00:00:00.000Z');
  });

  it('lets the display name and sender name follow a rename, unless the firm set them apart', () => {
    const renamed = applySettings(tenant, parseInput(settingsPatchSchema, { name: 'Neue Firma GmbH' }), new Date('2026-11-02T00:00:00Z'));
    expect(renamed.branding.displayName).toBe('Neue Firma GmbH');
    expect(renamed.sender.fromName).toBe('Neue Firma GmbH');
    const own = { ...tenant, branding: { ...tenant.branding, displayName: 'Our Brand' }, sender: { ...tenant.sender, fromName: 'The Team' } };
    const kept = applySettings(own, parseInput(settingsPatchSchema, { name: 'Neue Firma GmbH' }), new Date('2026-11-02T00:00:00Z'));
    expect(kept.branding.displayName).toBe('Our Brand');
    expect(kept.sender.fromName).toBe('The Team');
    const both = applySettings(tenant, parseInput(settingsPatchSchema, { name: 'Neue Firma GmbH', branding: { displayName: 'NF' } }), new Date('2026-11-02T00:00:00Z'));
    expect(both.branding.displayName).toBe('NF');
  });

  it('rejects an https-less logo and an unknown setting', () => {
    expect(() => parseInput(settingsPatchSchema, { branding: { logoUrl: 'javascript:alert(1)' } })).toThrow(/branding.logoUrl/);
    expect(() => parseInput(settingsPatchSchema, { tenantId: scope.tenantId })).toThrow(/tenantId: is not a known field/);
  });
});

describe('staffTokenFrom', () => {
  it('takes a bearer token first, then the __Host- session cookie, and nothing else', () => {
    expect(staffTokenFrom({ authorization: 'Bearer abc.def.ghi' }, ['__Host-waymark-session=zzz'])).toBe('abc.def.ghi');
    expect(staffTokenFrom({}, ['other=1', '__Host-waymark-session=zzz'])).toBe('zzz');
    expect(staffTokenFrom({}, ['waymark-session=zzz'])).toBeUndefined();
    expect(staffTokenFrom({ authorization: 'Basic abc' })).toBeUndefined();
  });
});
