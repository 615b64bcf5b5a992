import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { auditItem } from '../db/audit.js';
import { db, tableName } from '../db/client.js';
import { updateStaffItem } from '../db/firm.js';
import { keys } from '../db/keys.js';
import { transact } from '../db/transact.js';
import type { StaffPrincipal } from '../domain/access.js';
import type { StaffUser } from '../domain/tenant.js';
import { authenticateStaff, SessionEndedError } from '../identity/authenticate.js';
import { revokeRefreshToken, signInWithPassword, signOutEverywhere as cognitoSignOutEverywhere, type SignInTokens } from '../identity/cognito.js';
import type { StaffClaims } from '../identity/tokens.js';
import type { Logger } from '../log.js';

/**
 * Staff sessions. A session is a Cognito sign-in: an ID token (the bearer, also the session cookie) and a refresh
 * token. Ending one session marks its ID token signed out until it expires and revokes its refresh token; ending all
 * of a user's sessions (sign out everywhere, a password change, deactivation) moves the user's `sessionsValidAfter`
 * past every earlier sign-in and has Cognito revoke every refresh token.
 */

/** Sign-in times are whole seconds: sessions that ended at second s accept only sign-ins from second s + 1 on. */
export const sessionsEndAt = (now: Date): number => Math.floor(now.getTime() / 1000) + 1;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Email and password sign-in; the token is checked like any request's. */
export async function signIn(email: string, password: string): Promise<{ tokens: SignInTokens; principal: StaffPrincipal & { claims: StaffClaims } }> {
  let tokens = await signInWithPassword(email, password);
  try {
    return { tokens, principal: await authenticateStaff(tokens.idToken) };
  } catch (error) {
    // Signing in within the second after a password change: wait for the next second rather than refuse.
    const wait = error instanceof SessionEndedError && error.validAfter !== undefined ? error.validAfter * 1000 - Date.now() : Infinity;
    if (wait > 1500) throw error;
    // A little past the second: Cognito's clock and ours may differ by some milliseconds.
    await sleep(Math.max(0, wait) + 250);
    tokens = await signInWithPassword(email, password);
    return { tokens, principal: await authenticateStaff(tokens.idToken) };
  }
}

/** Ends this session: its ID token is refused from now on (until it would have expired) and its refresh token revoked. */
export async function signOut(principal: StaffPrincipal & { claims: StaffClaims }, refreshToken: string | undefined, deps: { now: Date; log: Logger }): Promise<void> {
  const { tokenId, expiresAt } = principal.claims;
  if (tokenId) {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.signedOutToken(principal.scope, tokenId), type: 'SignedOutToken', userId: principal.userId, at: deps.now.toISOString(), expiresAt },
      }),
    );
  }
  if (refreshToken) await revokeRefreshToken(refreshToken);
}

/** The staff item change that ends every session begun before now. */
export const endSessionsFields = (now: Date): Pick<StaffUser, 'sessionsValidAfter'> => ({ sessionsValidAfter: sessionsEndAt(now) });

/** Ends every session of the caller, this one included. */
export async function signOutEverywhere(principal: StaffPrincipal, deps: { now: Date; log: Logger }): Promise<void> {
  const current = { userId: principal.userId, role: principal.role, status: 'active' } as StaffUser;
  await transact([
    updateStaffItem(principal.scope, current, endSessionsFields(deps.now), deps.now),
    auditItem(principal.scope, { actor: { kind: 'staff', id: principal.userId }, action: 'staff.signed_out_everywhere', resource: `staff/${principal.userId}` }, deps.now),
  ]);
  await cognitoSignOutEverywhere(principal.email);
}
