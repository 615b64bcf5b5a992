/** Cookies as the HTTP API hands them over and as Waymark sets them (no imports: the lightest functions use it). */

/** The value of one cookie of a request (API Gateway hands cookies over as `name=value` strings). */
export function cookieValue(cookies: readonly string[] | undefined, name: string): string | undefined {
  const prefix = `${name}=`;
  return cookies?.find((c) => c.startsWith(prefix))?.slice(prefix.length) || undefined;
}

/** An HttpOnly, Secure, SameSite=Strict `__Host-` cookie for the whole site; Max-Age 0 ends it. */
export const hostCookie = (name: string, value: string, maxAgeSeconds: number): string =>
  `${name}=${value}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}`;
