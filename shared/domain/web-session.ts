import { ULID_PATTERN } from '../ids.js';
import { cookieValue, hostCookie } from '../identity/cookies.js';
import { securityOf, type StaffUser, type Tenant } from './tenant.js';

/**
 * A browser session of the staff web app, as plain data and rules. The browser holds only an opaque cookie
 * (`<tenantId>.<userId>.<secret>`); the session item, keyed by the secret's hash, holds when it began, when it was
 * last used and Cognito's tokens (the access token for the user's own authenticator settings, the refresh token to
 * renew it), so nothing Cognito issues ever reaches the browser.
 */
export const WEB_SESSION = {
  /** However busy, a session ends this long after its sign-in (a working day). */
  absoluteHours: 12,
  /** The last-used stamp is written at most this often: the idle end is exact to within it. */
  touchEveryMinutes: 5,
  /** The access token is renewed (refresh token) when it has less than this left. */
  refreshBeforeSeconds: 300,
  /** How long the step between password and authenticator code may take (Cognito's own limit is 3 minutes). */
  codeStepSeconds: 180,
} as const;

export { cookieValue, hostCookie };

export const WEB_SESSION_COOKIE = '__Host-waymark-app';
export const CODE_STEP_COOKIE = '__Host-waymark-sign-in';

export interface WebSession {
  userId: string;
  /** Epoch seconds of the sign-in (a password change or "sign out everywhere" after it ends the session). */
  signedInAt: number;
  lastSeenAt: string;
  /** Signed in with an authenticator code (or enrolled one in this session). */
  mfa: boolean;
  accessToken?: string;
  /** Epoch seconds. */
  accessExpiresAt?: number;
  refreshToken?: string;
  /** Epoch seconds: the absolute end, also the item's TTL. */
  expiresAt: number;
  createdAt: string;
}

export interface SessionCookie {
  tenantId: string;
  userId: string;
  secret: string;
}

const USER_ID = /^[\w-]{1,64}$/;
const SECRET = /^[\w-]{43}$/;

export const sessionCookieValue = (c: SessionCookie): string => `${c.tenantId}.${c.userId}.${c.secret}`;

/** The cookie's parts, or undefined for anything that is not a cookie we set (never a lookup). */
export function parseSessionCookie(value: string | undefined): SessionCookie | undefined {
  const parts = value?.split('.');
  if (parts?.length !== 3) return undefined;
  const [tenantId, userId, secret] = parts as [string, string, string];
  return ULID_PATTERN.test(tenantId) && USER_ID.test(userId) && SECRET.test(secret) ? { tenantId, userId, secret } : undefined;
}

export type SessionEnd = 'none' | 'idle' | 'expired' | 'ended' | 'inactive';

export type SessionVerdict =
  | { ok: true; touch: boolean; refresh: boolean; mustEnrol: boolean }
  | { ok: false; end: SessionEnd };

/**
 * Whether a session still holds at `now`, and what it needs: a new last-used stamp, renewed tokens, or the
 * authenticator enrolment the firm requires. Ends: no session item (signed out), idle too long, past its absolute
 * end, ended by a password change or "sign out everywhere", or the user or firm no longer active.
 */
export function judgeSession(
  session: WebSession | undefined,
  staff: Pick<StaffUser, 'status' | 'sessionsValidAfter'> | undefined,
  tenant: Pick<Tenant, 'status' | 'security'> | undefined,
  now: Date,
): SessionVerdict {
  if (!session) return { ok: false, end: 'none' };
  if (!staff || staff.status !== 'active' || !tenant || tenant.status !== 'active') return { ok: false, end: 'inactive' };
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (nowSeconds >= session.expiresAt) return { ok: false, end: 'expired' };
  if (staff.sessionsValidAfter !== undefined && session.signedInAt < staff.sessionsValidAfter) return { ok: false, end: 'ended' };
  const idleMs = now.getTime() - Date.parse(session.lastSeenAt);
  const policy = securityOf(tenant);
  if (idleMs >= policy.idleMinutes * 60_000) return { ok: false, end: 'idle' };
  const refresh = session.refreshToken !== undefined && (session.accessExpiresAt ?? 0) - nowSeconds < WEB_SESSION.refreshBeforeSeconds;
  return { ok: true, touch: refresh || idleMs >= WEB_SESSION.touchEveryMinutes * 60_000, refresh, mustEnrol: policy.requireMfa && !session.mfa };
}

/** Where a sign-in may lead afterwards: a path of the web app only (never another site, never a link token). */
export function safeNext(next: string | undefined): string {
  return next && /^\/app(?:[/?][\w\-/?=&.%]*)?$/.test(next) && !/\/\/|\.\.|token=/.test(next) ? next : '/app';
}
