import type { Locale } from '../domain/tenant.js';

/** Dates as the staff web app's pages print them, in the page's language. */
const format = (locale: Locale) => (locale === 'de' ? 'de-CH' : 'en-GB');

/** A calendar day (no time, no zone): `2026-12-12` as "12 Dec 2026". */
export const dayText = (locale: Locale, date: string): string =>
  new Intl.DateTimeFormat(format(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

/** The day of an instant in a time zone. */
export const instantText = (locale: Locale, iso: string, timeZone: string): string =>
  new Intl.DateTimeFormat(format(locale), { dateStyle: 'medium', timeZone }).format(new Date(iso));
