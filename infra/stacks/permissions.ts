/**
 * Capability -> least-privilege IAM. Each route and schedule names what it needs (shared/contracts/routes.ts);
 * a function's role gets exactly the actions capabilities.ts maps those to, on the narrowest resource IAM allows,
 * and nothing else. No wildcard actions; the only `*` resource is `ses:GetAccount`, which has no resource to scope
 * to. The local gateway enforces the same mapping on every AWS call (infra/local/iam.ts).
 */
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Capability } from '../../shared/contracts/routes.js';
import { tableDefinition } from '../../shared/contracts/table.js';
import { auditAppendOnly, canWriteTable, capabilityGrants, type GrantTarget } from './capabilities.js';

export interface CapabilityResources {
  readonly tableArn: string;
  readonly userPoolArn: string;
  /** `arn:aws:ses:<region>:<account>:identity/<domain or sender address>` */
  readonly sesIdentityArn: string;
  /** The configuration set emails are sent with: SendRawEmail is authorized on it as well as on the identity. */
  readonly sesConfigurationSetArn?: string;
  /** The only `From` address a function may send as (`ses:FromAddress` condition). */
  readonly senderAddress: string;
  /** Queue ARNs by queue name (shared/contracts/queues.ts). */
  readonly queueArns: Readonly<Record<string, string>>;
}

function statementOn(target: Exclude<GrantTarget, 'no-iam'>, actions: string[], r: CapabilityResources): PolicyStatement {
  switch (target) {
    case 'table':
      return new PolicyStatement({ actions, resources: [r.tableArn] });
    case 'table-indexes':
      // Each index by name: no wildcard resource.
      return new PolicyStatement({ actions, resources: tableDefinition.globalSecondaryIndexes.map((index) => `${r.tableArn}/index/${index.indexName}`) });
    case 'user-pool':
      return new PolicyStatement({ actions, resources: [r.userPoolArn] });
    case 'ses-identity':
      return new PolicyStatement({
        actions,
        resources: [r.sesIdentityArn, ...(r.sesConfigurationSetArn ? [r.sesConfigurationSetArn] : [])],
        conditions: { StringEquals: { 'ses:FromAddress': r.senderAddress } },
      });
    case 'account':
      // GetAccount is account-level: IAM supports no resource narrower than `*` for it.
      return new PolicyStatement({ actions, resources: ['*'] });
    default: {
      const queue = r.queueArns[target.slice('queue:'.length)];
      if (!target.startsWith('queue:') || !queue) throw new Error(`No IAM resource for ${target}`);
      return new PolicyStatement({ actions, resources: [queue] });
    }
  }
}

/** The statements for a list of capabilities: one Allow per resource with its actions, plus the audit Deny for writers. */
export function statementsFor(needs: readonly Capability[], r: CapabilityResources): PolicyStatement[] {
  const byTarget = new Map<Exclude<GrantTarget, 'no-iam'>, Set<string>>();
  for (const capability of needs) {
    const grant = capabilityGrants[capability];
    if (grant.on === 'no-iam') continue; // Cognito evaluates no IAM policy for these operations
    const actions = byTarget.get(grant.on) ?? new Set<string>();
    for (const action of grant.actions) actions.add(action);
    byTarget.set(grant.on, actions);
  }
  const statements = [...byTarget].map(([target, actions]) => statementOn(target, [...actions].sort(), r));
  if (canWriteTable(needs)) {
    statements.push(
      new PolicyStatement({
        effect: Effect.DENY,
        actions: [...auditAppendOnly.actions],
        resources: [r.tableArn],
        conditions: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [auditAppendOnly.leadingKeysLike] } },
      }),
    );
  }
  return statements;
}
