import type { Locale } from '../../../shared/domain/tenant.js';
import { adminWords, type AdminWords } from '../../../shared/web/admin-words.js';
import type { AppWords } from '../../../shared/web/app-words.js';

/** The admin pages' words, in the language of the page's frame. */
export const adminWordsOf = (w: AppWords): AdminWords => adminWords(w.lang as Locale);
