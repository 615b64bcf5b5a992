import * as z from 'zod/mini';
import { contrastWithWhite, MIN_ACCENT_CONTRAST } from './colour.js';
import { defaultSenderName, senderName } from './sender.js';
import { email, lazySchema, text, timeZone } from './validation.js';

export const DEFAULT_TIME_ZONE = 'Europe/Zurich';
export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

export const slug = () =>
  z.string().check(
    z.trim(),
    z.toLowerCase(),
    z.minLength(3),
    z.maxLength(40),
    z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens, e.g. "acme-coaching"'),
  );

/** Self-serve sign-up of a coaching firm. The tenant id is never taken from input. */
export const tenantSignupSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
  name: text(2, 120),
  slug: slug(),
  ownerEmail: email(),
  ownerName: text(1, 120),
  timeZone: z._default(timeZone(), DEFAULT_TIME_ZONE),
  locale: z._default(z.enum(LOCALES), 'en'),
}));
export type TenantSignup = z.output<typeof tenantSignupSchema>;

export type TenantStatus = 'active' | 'suspended';
export type StaffRole = 'owner' | 'admin' | 'coach';
export type StaffStatus = 'invited' | 'active' | 'deactivated';

export const REPORT_CADENCES = ['weekly', 'fortnightly', 'monthly'] as const;
export const SHARING_LEVELS = ['metrics', 'actions', 'assessments', 'full'] as const;
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const hhmm = () => z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM, e.g. 21:00'));
const hour = () => z.int().check(z.gte(0), z.lte(23));

/** The kinds of client reminder, each on or off: the post-session prompt, due soon, overdue nudges, assessment invitations. */
export const reminderKindsSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ postSession: z.optional(z.boolean()), dueSoon: z.optional(z.boolean()), overdue: z.optional(z.boolean()), assessment: z.optional(z.boolean()) }));
export type ReminderKinds = z.output<typeof reminderKindsSchema>;

/** Reminder defaults for new clients: one digest a day at most, never in quiet hours. */
export const reminderPolicySchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
  digestHour: hour(),
  quietHoursStart: hhmm(),
  quietHoursEnd: hhmm(),
  dueSoonDays: z.int().check(z.gte(0), z.lte(14)),
  /** Hours after a session without an action captured before the client is prompted (default 24). */
  postSessionHours: z.optional(z.int().check(z.gte(1), z.lte(168))),
  /** Which kinds of reminder the firm's clients get (each on unless set off; a program may say otherwise). */
  kinds: z.optional(reminderKindsSchema),
}));

/** A firm's thresholds for a stalled program in its coaches' daily digest, and their default hour. */
export const coachDigestPolicySchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
  hour: hour(),
  /** No client activity (actions marked or added, obstacles, reflections) for this many days. */
  inactiveDays: z.int().check(z.gte(1), z.lte(90)),
  /** This many open actions past their due date. */
  overdueActions: z.int().check(z.gte(1), z.lte(50)),
  /** No session for this many weeks. */
  sessionGapWeeks: z.int().check(z.gte(1), z.lte(26)),
}));
export type CoachDigestPolicy = z.output<typeof coachDigestPolicySchema>;
export const DEFAULT_COACH_DIGEST: CoachDigestPolicy = { hour: 8, inactiveDays: 10, overdueActions: 3, sessionGapWeeks: 4 };

/** What a staff user sets for their own daily digest; a missing hour or zone is the firm's. */
export interface StaffDigestPreferences {
  enabled: boolean;
  hour?: number;
  timeZone?: string;
}

/** A staff user's digest as it applies: their own choices over the firm's defaults. */
export function effectiveDigest(staff: { digest?: StaffDigestPreferences }, tenant: Pick<Tenant, 'timeZone' | 'coachDigest'>) {
  return {
    enabled: staff.digest?.enabled ?? true,
    hour: staff.digest?.hour ?? tenant.coachDigest?.hour ?? DEFAULT_COACH_DIGEST.hour,
    timeZone: staff.digest?.timeZone ?? tenant.timeZone,
    ownTimeZone: staff.digest?.timeZone !== undefined,
  };
}

/** How staff sign in to the web app: whether an authenticator app is required, and when an idle session ends. */
export const securityPolicySchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
  /** Every staff user signs in with an authenticator code; one without is led to enrol at their next sign-in. */
  requireMfa: z.boolean(),
  /** A web session nobody used for this long ends (sign in again). */
  idleMinutes: z.int().check(z.gte(5), z.lte(720)),
}));
export type SecurityPolicy = z.output<typeof securityPolicySchema>;
export const DEFAULT_SECURITY: SecurityPolicy = { requireMfa: false, idleMinutes: 60 };
/** The firm's security policy as it applies (firms from before it have none: the defaults). */
export const securityOf = (tenant: { security?: SecurityPolicy }): SecurityPolicy => ({ ...DEFAULT_SECURITY, ...tenant.security });

export const reportDefaultsSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
  cadence: z.enum(REPORT_CADENCES),
  weekday: z.enum(WEEKDAYS),
  hour: hour(),
  sharingLevel: z.enum(SHARING_LEVELS),
  /** The coach gets a copy of each report their sponsors get (default yes; firms from before it existed: yes). */
  coachCopy: z.optional(z.boolean()),
}));

export const brandingSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
  displayName: text(1, 120),
  logoUrl: z.optional(z.nullable(z.url({ protocol: /^https$/, hostname: z.regexes.domain }).check(z.maxLength(2000)))),
  accentColour: z.string().check(
    z.regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour as #RRGGBB'),
    // White text sits on it (buttons of pages and emails) and it colours links on white (emails): a light one is unreadable.
    z.refine((v) => !/^#[0-9a-fA-F]{6}$/.test(v) || contrastWithWhite(v) >= MIN_ACCENT_CONTRAST, `must contrast with white at least ${MIN_ACCENT_CONTRAST}:1 (white text sits on it), e.g. #2f6f5e`),
  ),
}));

/** What a firm sets as sender: the display name in `From` and the `Reply-To` address (see ./sender.ts). */
export const senderSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ fromName: senderName(), replyTo: email() }));

export const limitsSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ activeClients: z.int().check(z.gte(1), z.lte(100_000)) }));

export type ReminderPolicy = z.output<typeof reminderPolicySchema>;
export type ReportDefaults = z.output<typeof reportDefaultsSchema>;

export interface Tenant {
  tenantId: string;
  name: string;
  slug: string;
  timeZone: string;
  locale: Locale;
  status: TenantStatus;
  branding: { displayName: string; logoUrl?: string | null; accentColour: string };
  sender: { fromName: string; replyTo: string };
  reminderPolicy: ReminderPolicy;
  reportDefaults: ReportDefaults;
  /** Firms from before the coach's digest have none: DEFAULT_COACH_DIGEST applies. */
  coachDigest?: CoachDigestPolicy;
  /** Firms from before it have none: DEFAULT_SECURITY applies (securityOf). */
  security?: SecurityPolicy;
  limits: { activeClients: number };
  createdAt: string;
  updatedAt: string;
  /** Optimistic-locking counter: every settings write names the version it read. */
  version: number;
}

/** A change of firm settings; nested groups may be given in part. `limits` is billing-level: owners only. */
export const settingsPatchSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject({
      name: z.optional(text(2, 120)),
      timeZone: z.optional(timeZone()),
      locale: z.optional(z.enum(LOCALES)),
      branding: z.optional(z.partial(brandingSchema)),
      sender: z.optional(z.partial(senderSchema)),
      reminderPolicy: z.optional(z.partial(reminderPolicySchema)),
      reportDefaults: z.optional(z.partial(reportDefaultsSchema)),
      coachDigest: z.optional(z.partial(coachDigestPolicySchema)),
      security: z.optional(z.partial(securityPolicySchema)),
      limits: z.optional(z.partial(limitsSchema)),
    })
    .check(z.refine((v) => Object.keys(v).length > 0, 'give at least one setting to change')));
export type SettingsPatch = z.output<typeof settingsPatchSchema>;

/**
 * The firm after a settings change: a merge of each group. The display name and the sender name follow a new firm
 * name unless the firm set them apart (they still hold what the old name gave them) or sets them in the same change.
 */
export function applySettings(tenant: Tenant, patch: SettingsPatch, now: Date): Tenant {
  const renamed = patch.name !== undefined && patch.name !== tenant.name;
  const followsName = {
    displayName: renamed && patch.branding?.displayName === undefined && tenant.branding.displayName === tenant.name,
    fromName: renamed && patch.sender?.fromName === undefined && tenant.sender.fromName === defaultSenderName(tenant.name, tenant.slug),
  };
  return {
    ...tenant,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.timeZone !== undefined ? { timeZone: patch.timeZone } : {}),
    ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
    branding: { ...tenant.branding, ...patch.branding, ...(followsName.displayName ? { displayName: patch.name } : {}) },
    sender: { ...tenant.sender, ...patch.sender, ...(followsName.fromName ? { fromName: defaultSenderName(patch.name!, tenant.slug) } : {}) },
    reminderPolicy: { ...tenant.reminderPolicy, ...patch.reminderPolicy, ...(patch.reminderPolicy?.kinds ? { kinds: { ...tenant.reminderPolicy.kinds, ...patch.reminderPolicy.kinds } } : {}) },
    reportDefaults: { ...tenant.reportDefaults, ...patch.reportDefaults },
    ...(patch.coachDigest || tenant.coachDigest ? { coachDigest: { ...DEFAULT_COACH_DIGEST, ...tenant.coachDigest, ...patch.coachDigest } } : {}),
    ...(patch.security || tenant.security ? { security: { ...securityOf(tenant), ...patch.security } } : {}),
    limits: { ...tenant.limits, ...patch.limits },
    updatedAt: now.toISOString(),
    version: tenant.version + 1,
  };
}

export interface StaffUser {
  tenantId: string;
  userId: string;
  email: string;
  name: string;
  role: StaffRole;
  status: StaffStatus;
  createdAt: string;
  /** Bumped by a password change: every set-password link issued before stops working. */
  linkGeneration?: number;
  /** Epoch seconds: tokens of sign-ins before it are refused (password change, sign-out everywhere). */
  sessionsValidAfter?: number;
  /** The language of their web app pages (none set: the firm's). */
  locale?: Locale;
  /** They sign in with an authenticator app (TOTP), as Cognito holds it; mirrored here for the staff list. */
  mfa?: 'totp';
  /** Their own daily digest (none set: on, at the firm's hour and zone). */
  digest?: StaffDigestPreferences;
  /** While their digest is on: when the next one is due (with its entry in the sparse "due" index). */
  digestAt?: string;
  /** Client activity from this instant on goes into the next digest. */
  digestSince?: string;
}

export const DEFAULT_ACCENT_COLOUR = '#2f6f5e';
export const DEFAULT_ACTIVE_CLIENT_LIMIT = 25;

/** The firm and its owner as they stand right after sign-up: sensible defaults the owner can change later. */
export function newTenant(input: TenantSignup, ids: { tenantId: string; ownerUserId: string }, now: Date) {
  const createdAt = now.toISOString();
  const tenant: Tenant = {
    tenantId: ids.tenantId,
    name: input.name,
    slug: input.slug,
    timeZone: input.timeZone,
    locale: input.locale,
    status: 'active',
    branding: { displayName: input.name, accentColour: DEFAULT_ACCENT_COLOUR },
    sender: { fromName: defaultSenderName(input.name, input.slug), replyTo: input.ownerEmail },
    reminderPolicy: { digestHour: 8, quietHoursStart: '21:00', quietHoursEnd: '07:00', dueSoonDays: 1, postSessionHours: 24, kinds: { postSession: true, dueSoon: true, overdue: true, assessment: true } },
    reportDefaults: { cadence: 'monthly', weekday: 'mon', hour: 8, sharingLevel: 'metrics', coachCopy: true },
    coachDigest: { ...DEFAULT_COACH_DIGEST },
    limits: { activeClients: DEFAULT_ACTIVE_CLIENT_LIMIT },
    createdAt,
    updatedAt: createdAt,
    version: 1,
  };
  const owner: StaffUser = {
    tenantId: ids.tenantId,
    userId: ids.ownerUserId,
    email: input.ownerEmail,
    name: input.ownerName,
    role: 'owner',
    status: 'active',
    createdAt,
    linkGeneration: 0,
  };
  return { tenant, owner };
}
