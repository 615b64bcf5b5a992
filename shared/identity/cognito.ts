import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { config } from '../config.js';
import { ConflictError } from '../errors.js';
import type { StaffRole } from '../domain/tenant.js';

/** Staff identities live in one Cognito user pool; tenant and role are custom attributes users cannot write. */
let client: CognitoIdentityProviderClient | undefined;
export const cognito = (): CognitoIdentityProviderClient => (client ??= new CognitoIdentityProviderClient({}));

export const CLAIM_TENANT = 'custom:tenantId';
export const CLAIM_ROLE = 'custom:role';

/**
 * Creates the staff user's login and returns its `sub`. Cognito sends nothing: Waymark sends its own branded
 * emails. An address that already has a login is a 409.
 */
export async function createStaffLogin(input: { email: string; name: string; tenantId: string; role: StaffRole }): Promise<string> {
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
      throw new ConflictError(`${input.email} already has a Waymark staff account`, [
        { field: 'ownerEmail', message: 'already has a Waymark staff account' },
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
