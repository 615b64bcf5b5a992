import * as z from 'zod/mini';
import { invitationId, staffUserId } from './staff.js';
import { DEFAULT_COACH_DIGEST, effectiveDigest, securityOf, type Locale, type SettingsPatch, type StaffUser, type Tenant } from './tenant.js';
import type { MyPreferencesPatch } from './coach-digest-schedule.js';
import { lazySchema } from './validation.js';

/**
 * The forms of the firm administration pages of the staff web app (application/x-www-form-urlencoded: every value a
 * string). A form field is named by the path of the setting it changes (`branding.accentColour`), so the domain's own
 * schema (settingsPatchSchema, myPreferencesPatchSchema) checks the values and names each problem by its field: one
 * rule for the JSON API and the pages. Only what differs from what is saved is sent on, so the audit trail names
 * what really changed and an unchanged form writes nothing.
 */

type FieldKind = 'text' | 'int' | 'flag' | 'optionalUrl';

/** The firm settings form: each field, by its setting's path, and how its text becomes the setting's value. */
export const SETTINGS_FIELDS = {
  name: 'text',
  'branding.displayName': 'text',
  'branding.logoUrl': 'optionalUrl',
  'branding.accentColour': 'text',
  locale: 'text',
  timeZone: 'text',
  'sender.fromName': 'text',
  'sender.replyTo': 'text',
  'reminderPolicy.digestHour': 'int',
  'reminderPolicy.quietHoursStart': 'text',
  'reminderPolicy.quietHoursEnd': 'text',
  'reminderPolicy.dueSoonDays': 'int',
  'reminderPolicy.postSessionHours': 'int',
  'reminderPolicy.kinds.postSession': 'flag',
  'reminderPolicy.kinds.dueSoon': 'flag',
  'reminderPolicy.kinds.overdue': 'flag',
  'reminderPolicy.kinds.assessment': 'flag',
  'reportDefaults.cadence': 'text',
  'reportDefaults.weekday': 'text',
  'reportDefaults.hour': 'int',
  'reportDefaults.sharingLevel': 'text',
  'reportDefaults.coachCopy': 'flag',
  'coachDigest.hour': 'int',
  'coachDigest.inactiveDays': 'int',
  'coachDigest.overdueActions': 'int',
  'coachDigest.sessionGapWeeks': 'int',
  'security.requireMfa': 'flag',
  'security.idleMinutes': 'int',
} as const satisfies Record<string, FieldKind>;
export type SettingsField = keyof typeof SETTINGS_FIELDS;

/** The owner's alone (updateSettings asks for billing:write): not on an admin's form, and ignored if posted. */
export const OWNER_ONLY_FIELDS: readonly SettingsField[] = ['security.requireMfa', 'security.idleMinutes'];

const formText = () => z.optional(z.string().check(z.maxLength(2000)));

/** The posted firm settings form (strings as typed; settingsPatchSchema judges them). */
export const firmSettingsFormSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    intent: z.enum(['save', 'preview']),
    version: z.string().check(z.regex(/^\d{1,9}$/, 'must be the version of the form')),
    ...Object.fromEntries(Object.keys(SETTINGS_FIELDS).map((name) => [name, formText()])),
  }));

/** The value a field's text stands for; text that is no number stays text, so the domain schema names the problem. */
function valueOf(kind: FieldKind, raw: string | undefined): unknown {
  if (kind === 'flag') return raw !== undefined;
  const value = (raw ?? '').trim();
  if (kind === 'int') return /^-?\d{1,9}$/.test(value) ? Number(value) : value;
  if (kind === 'optionalUrl') return value === '' ? null : value;
  return raw ?? '';
}

/** Sets `value` at a dotted path of a nested record. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at = target;
  for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
  at[parts[parts.length - 1]!] = value;
}

const getPath = (source: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((at, part) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined), source);

/** Whether an owner's form (with the security policy) or an admin's. */
export const settingsFieldsFor = (owner: boolean): SettingsField[] =>
  (Object.keys(SETTINGS_FIELDS) as SettingsField[]).filter((f) => owner || !OWNER_ONLY_FIELDS.includes(f));

/** The settings as the form shows them: every field's current value, defaults filled in for firms from before them. */
export function settingsAsForm(tenant: Tenant): Record<SettingsField, string> {
  const shown = {
    ...tenant,
    reminderPolicy: { postSessionHours: 24, ...tenant.reminderPolicy, kinds: { postSession: true, dueSoon: true, overdue: true, assessment: true, ...tenant.reminderPolicy.kinds } },
    reportDefaults: { coachCopy: true, ...tenant.reportDefaults },
    coachDigest: { ...DEFAULT_COACH_DIGEST, ...tenant.coachDigest },
    security: securityOf(tenant),
  };
  return Object.fromEntries(
    (Object.keys(SETTINGS_FIELDS) as SettingsField[]).map((field) => {
      const value = getPath(shown, field);
      return [field, SETTINGS_FIELDS[field] === 'flag' ? (value ? 'on' : '') : value === undefined || value === null ? '' : String(value)];
    }),
  ) as Record<SettingsField, string>;
}

/**
 * The settings change a posted form asks for, as the candidate for settingsPatchSchema: only the fields of the
 * caller's form, and of those only the ones whose value differs from what the firm has now (so `{}` when nothing
 * changed). Values keep the type the schema wants where the text allows it.
 */
export function settingsChangeFromForm(form: Record<string, string | undefined>, tenant: Tenant, owner: boolean): Record<string, unknown> {
  const now = settingsAsForm(tenant);
  const change: Record<string, unknown> = {};
  // An owner-only field posted by someone else goes on too: updateSettings refuses it (403), nothing is dropped unseen.
  const posted = (Object.keys(SETTINGS_FIELDS) as SettingsField[]).filter((f) => owner || !OWNER_ONLY_FIELDS.includes(f) || form[f] !== undefined);
  for (const field of posted) {
    const kind = SETTINGS_FIELDS[field];
    const typed = kind === 'flag' ? (form[field] !== undefined ? 'on' : '') : (form[field] ?? '').trim();
    if (typed === now[field]) continue;
    setPath(change, field, valueOf(kind, form[field]));
  }
  return change;
}

/** The form's values, as typed, for showing the form again (a flag is 'on' or ''). */
export const typedSettings = (form: Record<string, string | undefined>, owner: boolean): Record<string, string> =>
  Object.fromEntries(settingsFieldsFor(owner).map((f) => [f, SETTINGS_FIELDS[f] === 'flag' ? (form[f] !== undefined ? 'on' : '') : (form[f] ?? '')]));

export type { SettingsPatch };

/** The user's own settings form (/app/me): their digest and the language of their pages ('' = the firm's). */
export const mySettingsFormSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({ 'digest.enabled': formText(), 'digest.hour': formText(), locale: formText() }));

/** The user's settings as the form shows them. */
export function mySettingsAsForm(staff: StaffUser, tenant: Tenant): { 'digest.enabled': string; 'digest.hour': string; locale: string } {
  const digest = effectiveDigest(staff, tenant);
  return { 'digest.enabled': digest.enabled ? 'on' : '', 'digest.hour': String(digest.hour), locale: staff.locale ?? '' };
}

/** The candidate for myPreferencesPatchSchema: what differs from the user's settings as they apply now. */
export function myChangeFromForm(form: Record<string, string | undefined>, staff: StaffUser, tenant: Tenant): Record<string, unknown> {
  const now = mySettingsAsForm(staff, tenant);
  const digest: Record<string, unknown> = {};
  const enabled = form['digest.enabled'] !== undefined;
  if (enabled !== (now['digest.enabled'] === 'on')) digest.enabled = enabled;
  const hour = (form['digest.hour'] ?? '').trim();
  if (hour !== now['digest.hour']) digest.hour = valueOf('int', hour);
  const locale = (form.locale ?? '').trim();
  return {
    ...(Object.keys(digest).length ? { digest } : {}),
    ...(locale !== now.locale ? { locale: locale === '' ? null : locale } : {}),
  };
}
export type { MyPreferencesPatch, Locale };

/** The staff page's query: where each list continues, and what was just done (a notice). */
export const STAFF_NOTICES = ['invited', 'resent', 'revoked', 'changed', 'ownership', 'unchanged'] as const;
export type StaffNotice = (typeof STAFF_NOTICES)[number];
const cursor = () => z.optional(z.string().check(z.maxLength(600), z.regex(/^[\w-]+$/)));
export const staffPageQuerySchema = /* @__PURE__ */ lazySchema(() =>
  z.object({ staff: cursor(), invitations: cursor(), done: z.optional(z.enum(STAFF_NOTICES)) }));

/** The staff page's path parameters. */
export const adminStaffPathSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ userId: staffUserId() }));
export const adminInvitationPathSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ invitationId: invitationId() }));

/** A change of one staff user from the staff page: their role, or their status. */
export const staffChangeFormSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ role: z.optional(z.enum(['admin', 'coach'])), status: z.optional(z.enum(['active', 'deactivated'])) }));

/** Handing over ownership: first the choice, then the confirmation (`confirm=yes`). */
export const ownershipFormSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ userId: staffUserId(), confirm: z.optional(z.literal('yes')) }));

/** The kinds of audit event the trail can be filtered by: the prefix of their action. */
export const AUDIT_KINDS = ['settings', 'staff', 'invitation', 'ownership', 'client', 'sponsor', 'program', 'session', 'assessment', 'email', 'tenant'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** The audit page's query: whose events, of which kind, and from where on (the `next` of the previous page). */
export const auditPageQuerySchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    actor: z.optional(z.union([z.literal(''), staffUserId()])),
    kind: z.optional(z.union([z.literal(''), z.enum(AUDIT_KINDS)])),
    before: z.optional(z.string().check(z.regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z#[0-9A-HJKMNP-TV-Z]{26}$/, 'must be the "next" value of a previous page'))),
  }));

export const FIRM_NOTICES = ['saved', 'unchanged'] as const;
export const firmPageQuerySchema = /* @__PURE__ */ lazySchema(() => z.object({ done: z.optional(z.enum(FIRM_NOTICES)) }));
export const myPageQuerySchema = firmPageQuerySchema;
