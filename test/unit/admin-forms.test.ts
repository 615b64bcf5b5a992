import { describe, expect, it } from 'vitest';
import { myChangeFromForm, settingsAsForm, settingsChangeFromForm } from '../../shared/domain/admin-forms.js';
import { contrastWithWhite } from '../../shared/domain/colour.js';
import { newTenant, settingsPatchSchema } from '../../shared/domain/tenant.js';
import { parseInput } from '../../shared/domain/validation.js';
import { ValidationError } from '../../shared/errors.js';
import { textOn } from '../../shared/web/layout.js';

/** The settings pages' forms become the domain's patches: only what changed, typed as the schema wants it. */
const now = new Date('2026-03-02T09:00:00Z');
const { tenant, owner } = newTenant(
  { name: 'Acme Coaching', slug: 'acme-coaching', ownerEmail: 'owner@acme.example', ownerName: 'Olga Owner', timeZone: 'Europe/Zurich', locale: 'en' },
  { tenantId: '01HZZZZZZZZZZZZZZZZZZZZZZZ', ownerUserId: '00000000-0000-4000-8000-000000000001' },
  now,
);
/** The form as a browser posts it: unchecked boxes are absent. */
const posted = (changes: Record<string, string | undefined> = {}) =>
  Object.fromEntries(Object.entries({ ...settingsAsForm(tenant), ...changes }).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));

describe('the firm settings form', () => {
  it('an unchanged form asks for no change', () => {
    expect(settingsChangeFromForm(posted(), tenant, true)).toEqual({});
  });

  it('sends only what changed, numbers as numbers, an unticked box as false, an empty logo as none', () => {
    const change = settingsChangeFromForm(posted({ 'branding.accentColour': '#1f4e79', 'reminderPolicy.dueSoonDays': ' 3 ', 'reminderPolicy.kinds.overdue': undefined, 'branding.logoUrl': '' }), tenant, true);
    expect(change).toEqual({ branding: { accentColour: '#1f4e79' }, reminderPolicy: { dueSoonDays: 3, kinds: { overdue: false } } });
    expect(parseInput(settingsPatchSchema, change)).toEqual(change);
  });

  it('text that is no number stays text, so the schema names the field', () => {
    const change = settingsChangeFromForm(posted({ 'reminderPolicy.dueSoonDays': 'soon' }), tenant, true);
    expect(() => parseInput(settingsPatchSchema, change)).toThrow(ValidationError);
    try {
      parseInput(settingsPatchSchema, change);
    } catch (error) {
      expect((error as ValidationError).fields?.map((f) => f.field)).toEqual(['reminderPolicy.dueSoonDays']);
    }
  });

  it('an admin’s form has no security policy; one posted anyway goes on, for updateSettings to refuse', () => {
    const admins = posted({ 'security.requireMfa': undefined, 'security.idleMinutes': undefined });
    expect(settingsChangeFromForm(admins, tenant, false)).toEqual({});
    expect(settingsChangeFromForm({ ...admins, 'security.requireMfa': 'on' }, tenant, false)).toEqual({ security: { requireMfa: true } });
  });
});

describe('the user’s own settings form', () => {
  it('sends what differs from the settings as they apply; an empty language is the firm’s (null)', () => {
    const staff = { ...owner, locale: 'de' as const };
    expect(myChangeFromForm({ 'digest.enabled': 'on', 'digest.hour': '8', locale: 'de' }, staff, tenant)).toEqual({});
    expect(myChangeFromForm({ 'digest.hour': '7', locale: '' }, staff, tenant)).toEqual({ digest: { enabled: false, hour: 7 }, locale: null });
  });
});

describe('the accent rule', () => {
  it('measures contrast against white as WCAG does; white text on an allowed accent always reads (pages may pick black where it reads better still)', () => {
    expect(contrastWithWhite('#ffffff')).toBeCloseTo(1);
    expect(contrastWithWhite('#000000')).toBeCloseTo(21);
    expect(contrastWithWhite('#2f6f5e')).toBeGreaterThan(4.5);
    expect(contrastWithWhite('#ffd23f')).toBeLessThan(4.5);
    for (const accent of ['#2f6f5e', '#1f4e79', '#aa3300']) expect(textOn(accent), accent).toBe('#ffffff');
    // Just above the bound, black contrasts a little more than white: pages use it, emails keep white (4.54:1).
    expect(contrastWithWhite('#767676')).toBeGreaterThanOrEqual(4.5);
    expect(textOn('#767676')).toBe('#000000');
    expect(() => parseInput(settingsPatchSchema, { branding: { accentColour: '#ffd23f' } })).toThrow(ValidationError);
  });
});
