import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
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
  refreshToken?: string;
  expiresIn: number;
}

/** Email and password sign-in; every refusal is the same 401 so it tells nothing about which part was wrong. */
export async function signInWithPassword(email: string, password: string): Promise<SignInTokens> {
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
    if (refusals.includes((error as Error).name)) {
      throw new UnauthorizedError('Email or password is not right, or this account is not active');
    }
    throw error;
  }
  if (result.ChallengeName) {
    throw new UnauthorizedError(
      result.ChallengeName === 'NEW_PASSWORD_REQUIRED'
        ? 'Set your password first, with the link in your welcome or invitation email'
        : `Sign-in needs the ${result.ChallengeName} step, which this endpoint does not offer yet`,
    );
  }
  const auth = result.AuthenticationResult;
  if (!auth?.IdToken) throw new Error('Cognito returned no tokens');
  return { idToken: auth.IdToken, refreshToken: auth.RefreshToken, expiresIn: auth.ExpiresIn ?? 3600 };
}
