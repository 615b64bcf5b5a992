/**
 * How every Waymark Lambda function is made: its own log group, its own role with exactly the capabilities it names
 * (permissions.ts), and a NodejsFunction bundled by esbuild with the shared configuration. Route groups (api.ts) and
 * schedules (jobs.ts) both make their functions here.
 */
import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { join, resolve } from 'node:path';
import type { EnvName } from '../../shared/contracts/env.js';
import type { Capability } from '../../shared/contracts/routes.js';
import { acknowledge, nagReasons } from './nag.js';
import { statementsFor, type CapabilityResources } from './permissions.js';

export interface FunctionSettings {
  readonly stage: string;
  readonly repoRoot: string;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  readonly environment: Record<EnvName, string> & { NODE_OPTIONS?: string };
  readonly capabilityResources: CapabilityResources;
}

export interface FunctionSpec {
  /** The entry file (absolute, or relative to the repository root); it exports `handler`. */
  readonly entry: string;
  readonly needs: readonly Capability[];
  readonly description: string;
  readonly timeout: Duration;
}

export const pascal = (id: string): string =>
  id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');

export class FunctionFactory {
  constructor(private readonly settings: FunctionSettings) {}

  /** `<Name>Logs`, `<Name>Role` and `<Name>Function` in `scope`. */
  create(scope: Construct, name: string, spec: FunctionSpec): NodejsFunction {
    const s = this.settings;
    const base = pascal(name);
    const logGroup = new LogGroup(scope, `${base}Logs`, { retention: s.logRetention, removalPolicy: s.removalPolicy });
    // An explicit role: only this log group and the capabilities the table entries name (no managed policy).
    const role = new Role(scope, `${base}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Waymark ${name} (${s.stage})`,
    });
    logGroup.grantWrite(role);
    for (const statement of statementsFor(spec.needs, s.capabilityResources)) role.addToPolicy(statement);
    if (spec.needs.includes('email:account')) acknowledge(role, 'AwsSolutions-IAM5[Resource::*]', nagReasons.sesGetAccount);

    const fn = new NodejsFunction(scope, `${base}Function`, {
      entry: resolve(s.repoRoot, spec.entry),
      handler: 'handler',
      projectRoot: s.repoRoot,
      depsLockFilePath: join(s.repoRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: spec.timeout,
      description: spec.description.slice(0, 256),
      role,
      logGroup,
      environment: s.environment,
      bundling: {
        minify: true,
        sourceMap: true, // a separate .map file: free unless NODE_OPTIONS enables it
        sourcesContent: false, // positions need no sources: the map shrinks ~60% and parses faster
        format: OutputFormat.CJS,
        target: 'node22',
        externalModules: [], // bundle the AWS SDK: the version the tests ran against, not the runtime's
        forceDockerBundling: false,
      },
    });
    acknowledge(fn, 'AwsSolutions-L1', nagReasons.runtimePinned);
    return fn;
  }
}
