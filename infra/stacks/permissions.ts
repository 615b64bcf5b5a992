/**
 * Capability -> least-privilege IAM. Each route and schedule names what it needs (shared/contracts/routes.ts);
 * a function's role gets exactly the statements below for those capabilities and nothing else.
 * No wildcard actions; the only `*` resource is `ses:GetAccount`, which has no resource to scope to.
 */
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Capability } from '../../shared/contracts/routes.js';

export interface CapabilityResources {
  readonly tableArn: string;
  readonly userPoolArn: string;
  /** `arn:aws:ses:<region>:<account>:identity/<domain or sender address>` */
  readonly sesIdentityArn: string;
  /** The only `From` address a function may send as (`ses:FromAddress` condition). */
  readonly senderAddress: string;
}

export const tableReadActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
] as const;

/** TransactWriteItems is authorized per contained action (Put/Update/Delete/ConditionCheck); it has no IAM action of its own. */
export const tableWriteActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

export const identityAdminActions = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminUserGlobalSignOut',
] as const;

/** The statements one capability grants. */
export function statementsForCapability(capability: Capability, r: CapabilityResources): PolicyStatement[] {
  switch (capability) {
    case 'table:read':
      return [new PolicyStatement({ actions: [...tableReadActions], resources: [r.tableArn, `${r.tableArn}/index/*`] })];
    case 'table:write':
      return [new PolicyStatement({ actions: [...tableWriteActions], resources: [r.tableArn] })];
    case 'table:describe':
      return [new PolicyStatement({ actions: ['dynamodb:DescribeTable'], resources: [r.tableArn] })];
    case 'email:send':
      return [
        new PolicyStatement({
          actions: ['ses:SendEmail', 'ses:SendRawEmail'],
          resources: [r.sesIdentityArn],
          conditions: { StringEquals: { 'ses:FromAddress': r.senderAddress } },
        }),
      ];
    case 'email:account':
      // GetAccount is account-level: IAM supports no resource narrower than `*` for it.
      return [new PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] })];
    case 'identity:admin':
      return [new PolicyStatement({ actions: [...identityAdminActions], resources: [r.userPoolArn] })];
    case 'identity:describe':
      return [new PolicyStatement({ actions: ['cognito-idp:DescribeUserPool'], resources: [r.userPoolArn] })];
    default: {
      const unknown: never = capability;
      throw new Error(`No IAM mapping for capability ${String(unknown)}`);
    }
  }
}

/** The statements for a list of capabilities, each capability once. */
export function statementsFor(needs: readonly Capability[], r: CapabilityResources): PolicyStatement[] {
  return [...new Set(needs)].flatMap((capability) => statementsForCapability(capability, r));
}
