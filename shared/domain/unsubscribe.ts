import * as z from 'zod/mini';
import { lazySchema } from './validation.js';

const linkToken = () => z.string().check(z.minLength(1), z.maxLength(200));

/**
 * The unsubscribe POST: RFC 8058's one-click body (`List-Unsubscribe=One-Click`, from a mail server, the token in
 * the URL's query) or the confirm page's form, which sends the same field and the token in the body.
 */
export const unsubscribeFormSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ 'List-Unsubscribe': z.literal('One-Click'), token: z.optional(linkToken()) }));

/** The POST's query: the List-Unsubscribe URL's token (a mail server's one-click), or none (the confirm form's). */
export const unsubscribeQuerySchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ token: z.optional(linkToken()) }));

export type UnsubscribeForm = z.output<typeof unsubscribeFormSchema>;
