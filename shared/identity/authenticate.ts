import { getTenantAndStaff } from '../db/firm.js';
import { tenantScope, type Key, type TenantScope } from '../db/keys.js';
import type { StaffPrincipal } from '../domain/access.js';
import { cookieValue, hostCookie } from './cookies.js';
import { UnauthorizedError } from '../errors.js';
import { verifyStaffToken, type StaffClaims } from './tokens.js';

/** API clients send `Authorization: Bearer <id token>`; the browser dashboard will send this HttpOnly cookie. */
export const SESSION_COOKIE = '__Host-waymark-session';

export type TokenSource = 'bearer' | 'cookie';

export function staffTokenFrom(headers: Record<string, string | undefined>, cookies: readonly string[] = []): string | undefined {
  return staffCredentialFrom(headers, cookies)?.token;
}

/** The caller's token and where it came from: the cookie is an ambient credential, so state changes need CSRF checks. */
export function staffCredentialFrom(headers: Record<string, string | undefined>, cookies: readonly string[] = []): { token: string; source: TokenSource } | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
  if (bearer) return { token: bearer, source: 'bearer' };
  const cookie = cookieValue(cookies, SESSION_COOKIE);
  return cookie ? { token: cookie, source: 'cookie' } : undefined;
}

export const sessionCookie = (token: string, maxAgeSeconds: number): string => hostCookie(SESSION_COOKIE, token, maxAgeSeconds);

/** Ends the session cookie in the browser. */
export const clearedSessionCookie = (): string => sessionCookie('', 0);

/** The token's session has ended: signed out, signed out everywhere, or the password changed after its sign-in. */
export class SessionEndedError extends UnauthorizedError {
  constructor(readonly validAfter?: number) {
    super('This session has ended (signed out, or the password changed); sign in again');
  }
}

/**
 * Establishes who is calling: verifies the token, then reads the firm profile, the staff user and the token's
 * sign-out marker in one request. The tenant comes only from the verified token; the role and status come from the
 * table, so a role change or a deactivation takes effect on the very next request, whatever tokens are still around;
 * a password change or "sign out everywhere" ends every token of an earlier sign-in.
 */
export async function authenticateStaff(
  token: string | undefined,
  also?: (scope: TenantScope) => readonly Key[],
): Promise<StaffPrincipal & { claims: StaffClaims; also: Record<string, unknown>[] }> {
  if (!token) throw new UnauthorizedError();
  let claims;
  try {
    claims = await verifyStaffToken(token);
  } catch {
    throw new UnauthorizedError('The access token is not valid or has expired; sign in again');
  }
  let scope;
  try {
    scope = tenantScope(claims.tenantId);
  } catch {
    throw new UnauthorizedError('The access token names no firm; sign in again');
  }
  const { tenant, staff, signedOut, also: items } = await getTenantAndStaff(scope, claims.sub, claims.tokenId, also?.(scope));
  if (!tenant || tenant.status !== 'active' || !staff || staff.status !== 'active') {
    throw new UnauthorizedError('Your access to this firm has ended; ask an owner or admin of your firm');
  }
  if (signedOut) throw new SessionEndedError();
  if (staff.sessionsValidAfter !== undefined && claims.authTime < staff.sessionsValidAfter) throw new SessionEndedError(staff.sessionsValidAfter);
  return { scope, userId: staff.userId, email: staff.email, name: staff.name, role: staff.role, tenant, staff, claims, also: items };
}
