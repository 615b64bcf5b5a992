import * as z from 'zod/mini';
import { totpCode } from './auth.js';
import { securityOf, type StaffUser, type Tenant } from './tenant.js';
import { lazySchema } from './validation.js';
import type { WebSession } from './web-session.js';

/**
 * The user's own security in the web app: their authenticator app (TOTP, held by Cognito, mirrored on the staff item
 * as `mfa`), and the rules around it. Removing the app weakens the sign-in, so it asks for a fresh one first.
 */

/** Removing the authenticator app needs a sign-in (password, and the code) within this many minutes. */
export const RECENT_SIGN_IN_MINUTES = 15;

export const signedInRecently = (session: Pick<WebSession, 'signedInAt'>, now: Date): boolean =>
  Math.floor(now.getTime() / 1000) - session.signedInAt <= RECENT_SIGN_IN_MINUTES * 60;

/** A Cognito TOTP secret is base32 (RFC 4648 alphabet, no padding). */
const totpSecret = () => z.string().check(z.trim(), z.regex(/^[A-Z2-7]{16,128}$/, 'is not a secret of an authenticator app'));

/**
 * The first code of the app being enrolled. The secret comes back with it only to show the same QR code again after a
 * wrong code (Cognito keeps the secret it issued; the posted one is never trusted for anything else).
 */
export const authenticatorConfirmFormSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ code: totpCode(), secret: totpSecret() }));

export const SECURITY_NOTICES = ['enrolled', 'removed', 'interrupted'] as const;
export type SecurityNotice = (typeof SECURITY_NOTICES)[number];
export const securityPageQuerySchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ done: z.optional(z.enum(SECURITY_NOTICES)) }));

/** The `otpauth://` URI authenticator apps read off the QR code (Google's Key Uri Format); the issuer names the entry. */
export function totpUri(input: { issuer: string; account: string; secret: string }): string {
  const label = `${encodeURIComponent(input.issuer)}:${encodeURIComponent(input.account)}`;
  return `otpauth://totp/${label}?secret=${input.secret}&issuer=${encodeURIComponent(input.issuer)}`;
}

/** The secret in groups of four, as people type it into an app by hand. */
export const groupedSecret = (secret: string): string => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

export interface SecurityStanding {
  enrolled: boolean;
  firmRequires: boolean;
  /** The firm requires an app and this user has none yet: the only thing left to do before anything else. */
  mustEnrol: boolean;
  /** Removing is open: the user has an app and the firm does not require one. */
  canRemove: boolean;
}

export function securityStanding(tenant: Pick<Tenant, 'security'>, staff: Pick<StaffUser, 'mfa'>): SecurityStanding {
  const enrolled = staff.mfa === 'totp';
  const firmRequires = securityOf(tenant).requireMfa;
  return { enrolled, firmRequires, mustEnrol: firmRequires && !enrolled, canRemove: enrolled && !firmRequires };
}
