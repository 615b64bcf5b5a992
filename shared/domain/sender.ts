import * as z from 'zod/mini';
import { text } from './validation.js';

/**
 * The display name a firm's emails carry in `From` (the address is always the platform's). A plain name only:
 * letters of any script (with their combining marks), digits, spaces (runs become one) and `. , & ' - ( )`. No
 * quotes, angle brackets, `@`, `:` or `;`, so a name can never read as a second address or another header.
 */
export const SENDER_NAME_MIN = 2;
export const SENDER_NAME_MAX = 60;
const SENDER_NAME = /^[\p{L}\p{M}\p{Nd}.,&'()-]+(?: [\p{L}\p{M}\p{Nd}.,&'()-]+)*$/u;
const NOT_IN_SENDER_NAME = /[^\p{L}\p{M}\p{Nd}.,&'() -]+/gu;

export const senderName = () =>
  text(SENDER_NAME_MIN, SENDER_NAME_MAX).check(
    z.overwrite((v) => v.replace(/ {2,}/g, ' ')),
    z.regex(SENDER_NAME, "use letters, digits, spaces and . , & ' - ( ) only, e.g. \"Acme Coaching & Partners\""),
    z.refine((v) => /[\p{L}\p{Nd}]/u.test(v), 'needs at least one letter or digit'),
  );

/** The sender name a new firm starts with: its name without what a display name may not hold, else its slug. */
export function defaultSenderName(firmName: string, slug: string): string {
  const cut = (s: string) => s.replace(NOT_IN_SENDER_NAME, ' ').replace(/\s+/g, ' ').trim().slice(0, SENDER_NAME_MAX).replace(/[\uD800-\uDBFF]$/, '').trim();
  const fromName = cut(firmName);
  return senderName().safeParse(fromName).success ? fromName : cut(slug);
}
