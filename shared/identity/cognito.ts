import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { awsClientConfig, observed } from '../aws.js';
import { config } from '../config.js';
import { ConflictError, UnauthorizedError, ValidationError } from '../errors.js';
import type { StaffRole } from '../domain/tenant.js';
import { CLAIM_ROLE, CLAIM_TENANT } from './claims.js';

/** Staff identities live in one Cognito user pool; tenant and role are custom attributes users cannot write. */
let client: CognitoIdentityProviderClient | undefined;
export const cognito = (): CognitoIdentityProviderClient => (client ??= observed(new CognitoIdentityProviderClient(awsClientConfig())));


/**
 * Creates the staff user's login and returns its `sub`. Cognito sends nothing: Waymark sends its own branded
 * emails. An address that already has a login is a 409.
 */
export async function createStaffLogin(input: { email: string; name: string; tenantId: string; role: StaffRole; emailField?: string }): Promise<string> {
  try {
    const result = await cognito().send(
      new AdminCreateUserCommand({
        UserPoolId: config.userPoolId(),
        Username: input.email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: input.email },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'name', Value: input.name },
          { Name: CLAIM_TENANT, Value: input.tenantId },
          { Name: CLAIM_ROLE, Value: input.role },
        ],
      }),
    );
    const sub = result.User?.Attributes?.find((a) => a.Name === 'sub')?.Value;
    if (!sub) throw new Error('Cognito returned a user without a sub');
    return sub;
  } catch (error) {
    if ((error as Error).name === 'UsernameExistsException') {
      throw new ConflictError('This address already has a Waymark staff account', [
        { field: input.emailField ?? 'ownerEmail', message: 'already has a Waymark staff account' },
      ]);
    }
    throw error;
  }
}

export async function deleteStaffLogin(email: string): Promise<void> {
  await cognito().send(new AdminDeleteUserCommand({ UserPoolId: config.userPoolId(), Username: email }));
}

export async function describeUserPool(): Promise<void> {
  await cognito().send(new DescribeUserPoolCommand({ UserPoolId: config.userPoolId() }));
}

/** Sets a staff user's password for good (no forced change); Cognito's password policy errors become 400s. */
export async function setStaffPassword(email: string, password: string): Promise<void> {
  try {
    await cognito().send(new AdminSetUserPasswordCommand({ UserPoolId: config.userPoolId(), Username: email, Password: password, Permanent: true }));
  } catch (error) {
    if ((error as Error).name === 'InvalidPasswordException') {
      throw new ValidationError([{ field: 'password', message: (error as Error).message }]);
    }
    throw error;
  }
}

export async function setStaffLoginEnabled(email: string, enabled: boolean): Promise<void> {
  const input = { UserPoolId: config.userPoolId(), Username: email };
  await cognito().send(enabled ? new AdminEnableUserCommand(input) : new AdminDisableUserCommand(input));
}

/** Ends every refresh token of a user (Cognito revokes them; ID tokens are refused by their sign-in time, see authenticate). */
export async function signOutEverywhere(email: string): Promise<void> {
  await cognito().send(new AdminUserGlobalSignOutCommand({ UserPoolId: config.userPoolId(), Username: email }));
}

/** Ends one refresh token (this session's). Cognito answers the same for tokens it does not know. */
export async function revokeRefreshToken(token: string): Promise<void> {
  try {
    await cognito().send(new RevokeTokenCommand({ ClientId: config.userPoolClientId(), Token: token }));
  } catch (error) {
    // A token Cognito does not know (or no longer honours) is as good as revoked.
    if ((error as Error).name !== 'NotAuthorizedException' && (error as Error).name !== 'UnsupportedTokenTypeException') throw error;
  }
}

/** Mirrors the role into the token claim; the staff item in the table stays the source of truth. */
export async function setStaffLoginRole(email: string, role: StaffRole): Promise<void> {
  await cognito().send(
    new AdminUpdateUserAttributesCommand({ UserPoolId: config.userPoolId(), Username: email, UserAttributes: [{ Name: CLAIM_ROLE, Value: role }] }),
  );
}

/** The tenant and user id behind a login address, or undefined when there is no such login. */
export async function findStaffLogin(email: string): Promise<{ userId: string; tenantId: string; enabled: boolean } | undefined> {
  try {
    const user = await cognito().send(new AdminGetUserCommand({ UserPoolId: config.userPoolId(), Username: email }));
    const attr = (name: string) => user.UserAttributes?.find((a) => a.Name === name)?.Value;
    const userId = attr('sub');
    const tenantId = attr(CLAIM_TENANT);
    if (!userId || !tenantId) return undefined;
    return { userId, tenantId, enabled: user.Enabled !== false };
  } catch (error) {
    if ((error as Error).name === 'UserNotFoundException') return undefined;
    throw error;
  }
}

export interface SignInTokens {
  idToken: string;
  /** For the user's own Cognito calls (their authenticator app); the web session keeps it server-side. */
  accessToken?: string;
  refreshToken?: string;
  expiresIn: number;
}

/** Where a password sign-in stands: signed in, or Cognito asks for the code of the user's authenticator app. */
export type SignInStep = { kind: 'signed-in'; tokens: SignInTokens } | { kind: 'totp'; session: string };

const SIGN_IN_REFUSED = 'Email or password is not right, or this account is not active';

const tokensOf = (auth: { IdToken?: string; AccessToken?: string; RefreshToken?: string; ExpiresIn?: number } | undefined): SignInTokens => {
  if (!auth?.IdToken) throw new Error('Cognito returned no tokens');
  return { idToken: auth.IdToken, accessToken: auth.AccessToken, refreshToken: auth.RefreshToken, expiresIn: auth.ExpiresIn ?? 3600 };
};

/** Email and password; every refusal is the same 401 so it tells nothing about which part was wrong. */
export async function startSignIn(email: string, password: string): Promise<SignInStep> {
  let result;
  try {
    result = await cognito().send(
      new InitiateAuthCommand({
        ClientId: config.userPoolClientId(),
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );
  } catch (error) {
    // Cognito answers a wrong password with NotAuthorizedException; cognito-local with InvalidPasswordException.
    const refusals = ['NotAuthorizedException', 'InvalidPasswordException', 'UserNotFoundException', 'PasswordResetRequiredException', 'UserNotConfirmedException'];
    if (refusals.includes((error as Error).name)) throw new UnauthorizedError(SIGN_IN_REFUSED);
    throw error;
  }
  if (result.ChallengeName === 'SOFTWARE_TOKEN_MFA' && result.Session) return { kind: 'totp', session: result.Session };
  if (result.ChallengeName) {
    throw new UnauthorizedError(
      result.ChallengeName === 'NEW_PASSWORD_REQUIRED'
        ? 'Set your password first, with the link in your welcome or invitation email'
        : `Sign-in needs the ${result.ChallengeName} step, which Waymark does not offer`,
    );
  }
  return { kind: 'signed-in', tokens: tokensOf(result.AuthenticationResult) };
}

/** The API's sign-in: email and password only; an account with an authenticator app signs in on the web. */
export async function signInWithPassword(email: string, password: string): Promise<SignInTokens> {
  const step = await startSignIn(email, password);
  if (step.kind === 'totp') throw new UnauthorizedError('This account signs in with an authenticator code: sign in on the web at /sign-in');
  return step.tokens;
}

/** The code of the user's authenticator app, for the challenge `startSignIn` answered. */
export async function answerTotp(email: string, session: string, code: string): Promise<SignInTokens> {
  try {
    const result = await cognito().send(
      new RespondToAuthChallengeCommand({
        ClientId: config.userPoolClientId(),
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: session,
        ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: code },
      }),
    );
    return tokensOf(result.AuthenticationResult);
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'CodeMismatchException' || name === 'ExpiredCodeException') throw new ValidationError([{ field: 'code', message: 'is not the current code of your authenticator app' }]);
    // Cognito's sign-in session lasts 3 minutes and a few tries.
    if (name === 'NotAuthorizedException') throw new UnauthorizedError('This sign-in took too long; sign in again');
    throw error;
  }
}

/** New ID and access tokens from the refresh token; undefined when Cognito no longer honours it (signed out, disabled). */
export async function refreshSignIn(refreshToken: string): Promise<SignInTokens | undefined> {
  try {
    const result = await cognito().send(
      new InitiateAuthCommand({ ClientId: config.userPoolClientId(), AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } }),
    );
    return { ...tokensOf(result.AuthenticationResult), refreshToken };
  } catch (error) {
    if (['NotAuthorizedException', 'UserNotFoundException', 'InvalidParameterException'].includes((error as Error).name)) return undefined;
    throw error;
  }
}

/** Starts enrolling an authenticator app: the secret to show as a QR code and as text. */
export async function beginTotpEnrolment(accessToken: string): Promise<string> {
  const result = await cognito().send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
  if (!result.SecretCode) throw new Error('Cognito returned no secret');
  return result.SecretCode;
}

/** Confirms the app with its first code and makes it the sign-in's second step. */
export async function confirmTotpEnrolment(accessToken: string, code: string): Promise<void> {
  try {
    await cognito().send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: code, FriendlyDeviceName: 'Authenticator app' }));
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'CodeMismatchException' || name === 'EnableSoftwareTokenMFAException') {
      throw new ValidationError([{ field: 'code', message: 'is not the current code of your authenticator app' }]);
    }
    throw error;
  }
  await cognito().send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
}

/** Removes the authenticator app from the user's sign-in. */
export async function removeTotp(accessToken: string): Promise<void> {
  await cognito().send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } }));
}
