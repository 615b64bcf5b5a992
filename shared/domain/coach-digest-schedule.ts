import * as z from 'zod/mini';
import { localDay, nextDigestAt, plusDays, startOfLocalDay, type DigestSettings } from './reminders.js';
import { effectiveDigest, LOCALES, type StaffDigestPreferences, type StaffUser, type Tenant } from './tenant.js';
import { lazySchema, timeZone } from './validation.js';

/**
 * When a staff user's daily digest goes out, as plain functions of `now`, and the settings they change themselves:
 * their own hour in their own zone (the firm's by default), moved out of the firm's quiet hours, daily. Apart from
 * the digest's content (./coach-digest.ts), so sign-up and invitations, which set the first one, bundle only this.
 */

/** The digest timing of a staff user: daily at their hour, in their zone, moved out of the firm's quiet hours. */
export function coachDigestSettings(staff: Pick<StaffUser, 'digest' | 'status'>, tenant: Pick<Tenant, 'timeZone' | 'coachDigest' | 'reminderPolicy'>): DigestSettings {
  const d = effectiveDigest(staff, tenant);
  return {
    timeZone: d.timeZone,
    hour: d.hour,
    frequency: d.enabled && staff.status === 'active' ? 'daily' : 'off',
    quietStart: tenant.reminderPolicy.quietHoursStart,
    quietEnd: tenant.reminderPolicy.quietHoursEnd,
  };
}

/**
 * When a staff user's next digest is due, from `now` (turned on, activated, or the hour changed): the first digest
 * time at or after now; none when it is off. The digest's idempotency key (its local day) keeps a second one off a
 * day that had one already.
 */
export const firstCoachDigestAt = (now: Date, settings: DigestSettings): Date | undefined => nextDigestAt(now, settings);

/** After today's digest (sent, or nothing to say): tomorrow's digest time in the coach's zone. */
export function nextCoachDigestAt(now: Date, settings: DigestSettings): Date | undefined {
  const today = localDay(now, settings.timeZone);
  return nextDigestAt(startOfLocalDay(plusDays(today, 1), settings.timeZone), settings);
}

/**
 * A staff user's digest fields after they become active or change their digest: when the next one is due (none when
 * off or not active), and the instant activity counts from (kept while the digest stays on, so nothing is lost).
 */
export function scheduleCoachDigest(
  staff: Pick<StaffUser, 'digest' | 'status' | 'digestAt' | 'digestSince'>,
  tenant: Pick<Tenant, 'timeZone' | 'coachDigest' | 'reminderPolicy'>,
  now: Date,
): { digestAt?: string; digestSince: string } {
  const at = firstCoachDigestAt(now, coachDigestSettings(staff, tenant));
  const since = staff.digestAt && staff.digestSince ? staff.digestSince : now.toISOString();
  return { ...(at ? { digestAt: at.toISOString() } : {}), digestSince: since };
}

/**
 * `PATCH /v1/me/preferences` (and the web app's own settings page): a staff user's own daily digest, where
 * `timeZone: null` goes back to the firm's zone, and the language of their web app pages (`null`: the firm's).
 */
export const myPreferencesPatchSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject({
      digest: z.optional(
        z
          .strictObject({
            enabled: z.optional(z.boolean()),
            hour: z.optional(z.int().check(z.gte(0), z.lte(23))),
            timeZone: z.optional(z.nullable(timeZone())),
          })
          .check(z.refine((v) => Object.keys(v).length > 0, 'give at least one of enabled, hour, timeZone')),
      ),
      locale: z.optional(z.nullable(z.enum(LOCALES))),
    })
    .check(z.refine((v) => v.digest !== undefined || v.locale !== undefined, 'give digest or locale')));
export type MyPreferencesPatch = z.output<typeof myPreferencesPatchSchema>;

/** A preferences change applied: `timeZone: null` removes the coach's own zone. */
export function applyDigestPatch(current: StaffDigestPreferences | undefined, patch: NonNullable<MyPreferencesPatch['digest']>): StaffDigestPreferences {
  const next: StaffDigestPreferences = { enabled: patch.enabled ?? current?.enabled ?? true };
  const hour = patch.hour ?? current?.hour;
  if (hour !== undefined) next.hour = hour;
  const zone = patch.timeZone === null ? undefined : (patch.timeZone ?? current?.timeZone);
  if (zone !== undefined) next.timeZone = zone;
  return next;
}

