import { AsyncLocalStorage } from 'node:async_hooks';
import { observeAwsCalls, type AuthorizedAction, type AwsCall } from '../../shared/aws.js';
import type { Capability } from '../../shared/contracts/routes.js';
import { auditAppendOnly, canWriteTable, capabilityGrants, stringLike } from '../stacks/capabilities.js';

/**
 * Local IAM: each function invocation runs with the grants of its route or schedule entry, and every AWS call it
 * makes is checked against the same capability -> action mapping CDK deploys (infra/stacks/capabilities.ts). A call
 * outside the grant throws what AWS throws (AccessDeniedException), and the invocation fails loudly afterwards even
 * if the code swallowed that error (an email send is caught and queued, for example): locally a missing grant must
 * break the test that exercises it, not hide until production.
 */
export interface Grantee {
  /** The route id or schedule name. */
  readonly name: string;
  readonly needs: readonly Capability[];
}

interface Invocation {
  readonly grantee: Grantee;
  readonly denied: string[];
  readonly calls: AwsCall[];
}

const invocations = new AsyncLocalStorage<Invocation>();
const isAuditPartition = stringLike(auditAppendOnly.leadingKeysLike);

/** Shaped like the SDK's service exceptions, so code that inspects `name` sees what AWS would send. */
export class AccessDeniedException extends Error {
  readonly $fault = 'client';
  readonly $metadata = { httpStatusCode: 400 };
  constructor(message: string) {
    super(message);
    this.name = 'AccessDeniedException';
  }
}

/** Why IAM would refuse one action of a call for these needs, or undefined when it is allowed. */
export function denialOf(needs: readonly Capability[], a: AuthorizedAction): string | undefined {
  const onIndex = a.action === 'dynamodb:Query' && a.index !== undefined;
  const allowed = needs.some((capability) => {
    const grant = capabilityGrants[capability];
    if (!(grant.actions as readonly string[]).includes(a.action)) return false;
    if (a.action.startsWith('dynamodb:')) return (grant.on === 'table-indexes') === onIndex;
    return true;
  });
  if (!allowed) return `because no identity-based policy allows the ${a.action} action${onIndex ? ` on index ${a.index}` : ''}`;
  if (canWriteTable(needs) && (auditAppendOnly.actions as readonly string[]).includes(a.action) && a.partitions?.some(isAuditPartition)) {
    return `with an explicit deny in an identity-based policy (the audit trail is append-only: ${a.partitions.filter(isAuditPartition).join(', ')})`;
  }
  return undefined;
}

function check(call: AwsCall): void {
  const invocation = invocations.getStore();
  if (!invocation) return; // not inside a function invocation (a test's own setup, a script): nothing to enforce
  invocation.calls.push(call);
  for (const a of call.actions) {
    const why = denialOf(invocation.grantee.needs, a);
    if (!why) continue;
    const message = `User: arn:aws:sts::000000000000:assumed-role/waymark-${invocation.grantee.name} is not authorized to perform: ${a.action} ${why}`;
    invocation.denied.push(a.action);
    process.stderr.write(`${JSON.stringify({ level: 'error', message: 'local IAM refused an AWS call', function: invocation.grantee.name, command: `${call.service}:${call.command}`, action: a.action, partitions: a.partitions, reason: why })}\n`);
    throw new AccessDeniedException(message);
  }
}

observeAwsCalls(check);

export interface GrantedRun<T> {
  result: T;
  /** Every AWS call the invocation made, in order. */
  calls: AwsCall[];
}

/** Runs one invocation under a grantee's grants; rejects after it ends if any call was refused. */
export async function withGrants<T>(grantee: Grantee, invoke: () => Promise<T>): Promise<GrantedRun<T>> {
  const invocation: Invocation = { grantee, denied: [], calls: [] };
  const result = await invocations.run(invocation, invoke);
  if (invocation.denied.length) {
    throw new Error(`${grantee.name} made AWS calls its grants do not allow (${[...new Set(invocation.denied)].join(', ')}): add the capability to its entry in shared/contracts, or remove the call`);
  }
  return { result, calls: invocation.calls };
}
