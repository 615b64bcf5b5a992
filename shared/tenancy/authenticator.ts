import { auditItem } from '../db/audit.js';
import { updateStaffItem } from '../db/firm.js';
import { transact } from '../db/transact.js';
import { securityStanding, signedInRecently } from '../domain/security.js';
import { ForbiddenError, ValidationError } from '../errors.js';
import { beginTotpEnrolment, confirmTotpEnrolment, removeTotp } from '../identity/cognito.js';
import { SignInRequired, updateSession, type ActiveSession } from './web-sessions.js';

/**
 * The user's own authenticator app, through Cognito with the access token their web session holds (Cognito lets a
 * user change only their own MFA with it), mirrored on the staff item (`mfa`) with an audit event for each change.
 */
type Active = Pick<ActiveSession, 'principal' | 'session' | 'hash'>;

/** Cognito refuses an access token it no longer honours (signed out elsewhere meanwhile): sign in again. */
async function withAccessToken<T>(active: Active, call: (accessToken: string) => Promise<T>): Promise<T> {
  const token = active.session.accessToken;
  if (!token) throw new SignInRequired('ended');
  try {
    return await call(token);
  } catch (error) {
    if ((error as Error).name === 'NotAuthorizedException') throw new SignInRequired('ended');
    throw error;
  }
}

/** A new secret for the app (Cognito keeps it until the first code confirms it; a later start replaces it). */
export const startAuthenticatorEnrolment = (active: Active): Promise<string> => withAccessToken(active, beginTotpEnrolment);

/**
 * The app's first code: Cognito asks for it at every sign-in from now on, the staff item says so, and this session
 * counts as signed in with it (a firm that requires an app lets the user in at once). A wrong code is a
 * ValidationError on `code`, with nothing written.
 */
export async function confirmAuthenticator(active: Active, code: string, now: Date): Promise<void> {
  await withAccessToken(active, async (token) => {
    try {
      await confirmTotpEnrolment(token, code);
    } catch (error) {
      // No enrolment begun (or Cognito dropped it): the secret on the page is not one Cognito holds; start again.
      if ((error as Error).name === 'InvalidParameterException') throw new ValidationError([{ field: 'secret', message: 'is not the secret of an enrolment in progress' }]);
      throw error;
    }
  });
  const { scope, userId, staff } = active.principal;
  await transact([
    updateStaffItem(scope, staff, { mfa: 'totp' }, now),
    auditItem(scope, { actor: { kind: 'staff', id: userId }, action: 'staff.mfa_enrolled', resource: `staff/${userId}`, details: { method: 'totp' } }, now),
  ]);
  await updateSession(scope, active.hash, { mfa: true });
}

/** Why removal is refused: the firm requires an app, or the sign-in is not recent enough to weaken it. */
export type RemovalRefusal = 'firm-requires' | 'sign-in-again';

export function removalRefusal(active: Active, now: Date): RemovalRefusal | undefined {
  if (securityStanding(active.principal.tenant, active.principal.staff).firmRequires) return 'firm-requires';
  if (!signedInRecently(active.session, now)) return 'sign-in-again';
  return undefined;
}

/** Takes the app out of the sign-in (password only from now on), this session included. Callers check `removalRefusal` first. */
export async function removeAuthenticator(active: Active, now: Date): Promise<void> {
  if (removalRefusal(active, now)) throw new ForbiddenError('Removing the authenticator app is not open now');
  await withAccessToken(active, removeTotp);
  const { scope, userId, staff } = active.principal;
  await transact([
    updateStaffItem(scope, staff, {}, now, ['mfa']),
    auditItem(scope, { actor: { kind: 'staff', id: userId }, action: 'staff.mfa_removed', resource: `staff/${userId}`, details: { method: 'totp' } }, now),
  ]);
  // Should the firm require an app later, this session must not pass for one signed in with it.
  await updateSession(scope, active.hash, { mfa: false });
}
