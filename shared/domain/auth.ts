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
