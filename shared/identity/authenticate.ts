import { getTenantAndStaff } from '../db/firm.js';
import { tenantScope } from '../db/keys.js';
import type { StaffPrincipal } from '../domain/access.js';
import { UnauthorizedError } from '../errors.js';
import { verifyStaffToken } from './tokens.js';

/** API clients send `Authorization: Bearer <id token>`; the browser dashboard will send this HttpOnly cookie. */
export const SESSION_COOKIE = '__Host-waymark-session';

export function staffTokenFrom(headers: Record<string, string | undefined>, cookies: readonly string[] = []): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
  if (bearer) return bearer;
  const prefix = `${SESSION_COOKIE}=`;
  return cookies.find((c) => c.startsWith(prefix))?.slice(prefix.length) || undefined;
}

export function sessionCookie(token: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${token}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}`;
}

/**
 * Establishes who is calling: verifies the token, then reads the firm profile and the staff user in one request.
 * The tenant comes only from the verified token; the role and status come from the table, so a role change or a
 * deactivation takes effect on the very next request, whatever tokens are still around.
 */
export async function authenticateStaff(token: string | undefined): Promise<StaffPrincipal> {
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
  const { tenant, staff } = await getTenantAndStaff(scope, claims.sub);
  if (!tenant || tenant.status !== 'active' || !staff || staff.status !== 'active') {
    throw new UnauthorizedError('Your access to this firm has ended; ask an owner or admin of your firm');
  }
  return { scope, userId: staff.userId, email: staff.email, name: staff.name, role: staff.role, tenant };
}
