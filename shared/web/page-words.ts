import type { Locale } from '../domain/tenant.js';
import type { AppWords } from './app-words.js';

/** A group of pages' own words in en and de; `problems` are field messages that override the app's for those pages. */
export type OwnWords = { problems: Record<string, string> };

/** The app's words with a group of pages' own, in the app words' language (their field problems over the app's). */
export function withOwnWords<T extends OwnWords>(w: AppWords, own: Record<Locale, T>): AppWords & Omit<T, 'problems'> {
  const mine = own[w.lang === 'de' ? 'de' : 'en'];
  return { ...w, ...mine, problems: { ...w.problems, ...mine.problems } };
}
