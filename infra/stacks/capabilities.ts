/**
 * Capability -> IAM actions, as plain data: CDK builds each function's policy from it (permissions.ts) and the local
 * gateway checks every AWS call of a request against it (infra/local/iam.ts), so what is granted in AWS and what
 * is allowed locally cannot drift apart. No CDK import here: the local stack loads this file.
 */
import type { Capability } from '../../shared/contracts/routes.js';

/**
 * What a grant applies to. `table` is the table itself, `table-indexes` its secondary indexes by name;
 * `queue:<name>` one queue of the queue table; `account` means IAM knows no narrower resource; `no-iam` marks an operation Cognito authorizes by the password or
 * token in the request and for which it evaluates no IAM policy (InitiateAuth, GlobalSignOut, RevokeToken).
 */
export type GrantTarget = 'table' | 'table-indexes' | 'user-pool' | 'ses-identity' | 'account' | 'no-iam' | `queue:${string}`;

export interface Grant {
  readonly actions: readonly string[];
  readonly on: GrantTarget;
}

const on = (target: GrantTarget, ...actions: string[]): Grant => ({ actions, on: target });

export const capabilityGrants = {
  'table:get': on('table', 'dynamodb:GetItem'),
  'table:batch-get': on('table', 'dynamodb:BatchGetItem'),
  'table:query': on('table', 'dynamodb:Query'),
  'table:query-index': on('table-indexes', 'dynamodb:Query'),
  'table:put': on('table', 'dynamodb:PutItem'),
  'table:update': on('table', 'dynamodb:UpdateItem'),
  'table:delete': on('table', 'dynamodb:DeleteItem'),
  'table:condition-check': on('table', 'dynamodb:ConditionCheckItem'),
  'table:describe': on('table', 'dynamodb:DescribeTable'),
  // Raw MIME, so emails can carry List-Unsubscribe (SendEmail cannot set header fields).
  'email:send': on('ses-identity', 'ses:SendRawEmail'),
  'email:account': on('account', 'ses:GetAccount'),
  'identity:create-user': on('user-pool', 'cognito-idp:AdminCreateUser'),
  'identity:delete-user': on('user-pool', 'cognito-idp:AdminDeleteUser'),
  'identity:get-user': on('user-pool', 'cognito-idp:AdminGetUser'),
  'identity:set-password': on('user-pool', 'cognito-idp:AdminSetUserPassword'),
  'identity:enable-user': on('user-pool', 'cognito-idp:AdminEnableUser'),
  'identity:disable-user': on('user-pool', 'cognito-idp:AdminDisableUser'),
  'identity:update-attributes': on('user-pool', 'cognito-idp:AdminUpdateUserAttributes'),
  'identity:global-sign-out': on('user-pool', 'cognito-idp:AdminUserGlobalSignOut'),
  'identity:describe': on('user-pool', 'cognito-idp:DescribeUserPool'),
  'identity:sign-in': on('no-iam', 'cognito-idp:InitiateAuth'),
  'identity:revoke-token': on('no-iam', 'cognito-idp:RevokeToken', 'cognito-idp:GlobalSignOut'),
  'identity:answer-challenge': on('no-iam', 'cognito-idp:RespondToAuthChallenge'),
  'identity:associate-software-token': on('no-iam', 'cognito-idp:AssociateSoftwareToken'),
  'identity:verify-software-token': on('no-iam', 'cognito-idp:VerifySoftwareToken'),
  'identity:set-mfa-preference': on('no-iam', 'cognito-idp:SetUserMFAPreference'),
  // SendMessageBatch is authorized as SendMessage.
  'queue:send:tenant-sweep': on('queue:tenant-sweep', 'sqs:SendMessage'),
} as const satisfies Record<Capability, Grant>;

/** A role with any of these can write to the table, so it also gets the audit deny below. */
export const tableWriteCapabilities: readonly Capability[] = ['table:put', 'table:update', 'table:delete'];

/**
 * The audit trail is append-only: every role that can write gets an explicit Deny of changing or deleting an item
 * whose partition is an audit partition (`T#<tenantId>#AUDIT`, shared/db/keys.ts). IAM authorizes each item of a
 * TransactWriteItems as its own action with its own leading key, so a transaction cannot get around it. An
 * unconditional PutItem could still replace an audit item; audit puts carry `attribute_not_exists(PK)`.
 */
export const auditAppendOnly = {
  actions: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
  leadingKeysLike: 'T#*#AUDIT',
} as const;

export const canWriteTable = (needs: readonly Capability[]): boolean => needs.some((c) => tableWriteCapabilities.includes(c));

/** Every IAM action a list of capabilities allows (no-iam operations included), each once. */
export const allowedActions = (needs: readonly Capability[]): string[] => [...new Set(needs.flatMap((c) => capabilityGrants[c].actions))];

/** IAM's `StringLike` (`*` any run of characters, `?` one character) as a test of a value. */
export function stringLike(pattern: string): (value: string) => boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  const re = new RegExp(`^${source}$`, 's');
  return (value) => re.test(value);
}
