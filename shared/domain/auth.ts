import * as z from 'zod/mini';
import { password } from './staff.js';
import { email, lazySchema } from './validation.js';

const linkToken = () => z.string().check(z.minLength(1), z.maxLength(200));

/** The query of a page an emailed link opens. */
export const linkPageQuerySchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ token: linkToken() }));

export const setPasswordSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ token: linkToken(), password: password() }));
export const passwordResetRequestSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ email: email() }));
export const signInSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ email: email(), password: z.string().check(z.minLength(1), z.maxLength(256)) }));

/** Signing out may name this session's refresh token so Cognito revokes it too; an empty body is fine. */
export const signOutSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ refreshToken: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))) }));

/** Where a web sign-in leads afterwards (a path of the app; anything else leads home, see safeNext). */
const nextPath = () => z.optional(z.string().check(z.maxLength(500)));

/** The web sign-in form. */
export const signInFormSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ email: email(), password: z.string().check(z.minLength(1, 'enter your password'), z.maxLength(256)), next: nextPath() }));
export const signInPageQuerySchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    next: nextPath(),
    ended: z.optional(z.enum(['idle', 'expired', 'ended', 'inactive'])),
    /** A change that needs a recent sign-in (removing the authenticator app) sent the user here. */
    again: z.optional(z.enum(['recent'])),
  }));

/** A code of an authenticator app (TOTP): six digits; spaces people type between them are dropped. */
export const totpCode = () => z.string().check(z.trim(), z.regex(/^\d{3} ?\d{3}$/, 'must be the 6 digits your authenticator app shows'), z.overwrite((v) => v.replace(' ', '')));
export const codeFormSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ code: totpCode() }));
