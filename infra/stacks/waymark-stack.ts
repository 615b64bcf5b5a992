/**
 * The whole Waymark deployment in one stack, built only from the shared contracts: the route table, the schedule
 * table, the table definition and the configuration variable names. Each part is a construct readable on its own:
 * data.ts (the table), identity.ts (the staff user pool), api.ts (the HTTP API and the route functions, one per
 * area and auth kind: route-groups.ts), jobs.ts (schedules, dead-letter queues, alarms, log metrics), all functions
 * made by function-factory.ts. No handler code is imported here; handlers are bundled from their files by esbuild.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { envNames, type EnvName } from '../../shared/contracts/env.js';
import { routes as routeTable, type RouteDef } from '../../shared/contracts/routes.js';
import { queues as queueTable, type QueueDef } from '../../shared/contracts/queues.js';
import { schedules as scheduleTable, type ScheduleDef } from '../../shared/contracts/schedules.js';
import { eventRules as eventRuleTable, type EventRuleDef } from '../../shared/contracts/events.js';
import { EmailConfiguration, EmailEvents } from './email-events.js';
import { Api } from './api.js';
import { Data } from './data.js';
import { FunctionFactory } from './function-factory.js';
import { Identity } from './identity.js';
import { addLogMetrics, Jobs } from './jobs.js';
import { Queues } from './queues.js';
import type { CapabilityResources } from './permissions.js';
import type { FunctionGroup } from './route-groups.js';

/** The repository root, where handler paths in the route and schedule tables are relative to. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export const stages = ['dev', 'prod'] as const;
export type Stage = (typeof stages)[number];

export interface WaymarkConfig {
  readonly stage: Stage;
  /** The `From` address of every email; the SES identity unless `domain` is set. */
  readonly senderAddress: string;
  /** Public base URL used in email links; empty means the HTTP API URL. */
  readonly appUrl: string;
  /** SES identity domain; when absent the identity is the sender address itself. */
  readonly domain?: string;
  /**
   * Build only the first N secondary indexes of the table definition. DynamoDB adds one index per table update, so a
   * stack deployed before an index was added takes them one deploy at a time (`-c indexes=2`, then without).
   */
  readonly indexes?: number;
}

export interface WaymarkStackProps extends StackProps, WaymarkConfig {
  /** Defaults to the route table; tests pass others to exercise e.g. staff routes. */
  readonly routes?: readonly RouteDef[];
  /** Defaults to the schedule table. */
  readonly schedules?: readonly ScheduleDef[];
  /** Defaults to the queue table. */
  readonly queues?: readonly QueueDef[];
  /** Defaults to the event rule table. */
  readonly eventRules?: readonly EventRuleDef[];
}

const PLACEHOLDER_DOMAINS = /(^|\.)(example\.(com|org|net)|example|test|invalid|localhost)$/i;
const EMAIL = /^[^@\s]+@([^@\s]+\.[^@\s]+)$/;

/**
 * Reads and checks the CDK context (`stage`, `senderAddress`, `appUrl`, `domain`). Throws a message that says what
 * to pass when something is wrong.
 */
export function configFromContext(get: (key: string) => unknown): WaymarkConfig {
  const text = (key: string): string | undefined => {
    const value = get(key);
    if (value === undefined || value === null) return undefined;
    const s = String(value).trim();
    return s === '' ? undefined : s;
  };

  const stage = text('stage') ?? 'dev';
  if (!(stages as readonly string[]).includes(stage)) {
    throw new Error(`Unknown stage "${stage}": pass -c stage=dev or -c stage=prod`);
  }

  const senderAddress = text('senderAddress') ?? (stage === 'dev' ? 'no-reply@example.com' : undefined);
  if (!senderAddress) {
    throw new Error('senderAddress is required for prod: pass -c senderAddress=no-reply@your-domain');
  }
  const senderDomain = EMAIL.exec(senderAddress)?.[1];
  if (!senderDomain) throw new Error(`senderAddress "${senderAddress}" is not an email address`);
  if (stage === 'prod' && PLACEHOLDER_DOMAINS.test(senderDomain)) {
    throw new Error(`senderAddress "${senderAddress}" is a placeholder; prod needs a real sender: pass -c senderAddress=...`);
  }

  const domain = text('domain')?.toLowerCase();
  if (domain && !(senderDomain.toLowerCase() === domain || senderDomain.toLowerCase().endsWith(`.${domain}`))) {
    throw new Error(`senderAddress "${senderAddress}" is not in the SES identity domain "${domain}"`);
  }

  const appUrl = text('appUrl') ?? '';
  if (appUrl && !/^https?:\/\/[^\s/]+/.test(appUrl)) {
    throw new Error(`appUrl "${appUrl}" must be an absolute http(s) URL`);
  }

  const indexesText = text('indexes');
  const indexes = indexesText === undefined ? undefined : Number(indexesText);
  if (indexes !== undefined && !(Number.isInteger(indexes) && indexes >= 1)) throw new Error(`indexes "${indexesText}" must be a whole number of at least 1`);

  return { stage: stage as Stage, senderAddress, appUrl, ...(domain ? { domain } : {}), ...(indexes !== undefined ? { indexes } : {}) };
}

const packageVersion = (): string => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version?: string };
  if (!pkg.version) throw new Error('package.json has no version');
  return pkg.version;
};

export class WaymarkStack extends Stack {
  readonly table: Table;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly httpApi: HttpApi;
  /** The route functions: one per group (area and auth kind), by group name and by route id. */
  readonly functionGroups: readonly FunctionGroup[];
  readonly groupFunctions: ReadonlyMap<string, NodejsFunction>;
  readonly routeFunctions: ReadonlyMap<string, NodejsFunction>;
  /** Functions by schedule name. */
  readonly scheduleFunctions: ReadonlyMap<string, NodejsFunction>;
  /** Worker functions by queue name. */
  readonly queueWorkers: ReadonlyMap<string, NodejsFunction>;
  /** Functions by event rule name. */
  readonly eventRuleFunctions: ReadonlyMap<string, NodejsFunction>;

  constructor(scope: Construct, id: string, props: WaymarkStackProps) {
    super(scope, id, props);
    const prod = props.stage === 'prod';
    const removalPolicy = prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logRetention = prod ? RetentionDays.SIX_MONTHS : RetentionDays.ONE_MONTH;

    const data = new Data(this, 'Data', { prod, removalPolicy, ...(props.indexes !== undefined ? { indexes: props.indexes } : {}) });
    const identity = new Identity(this, 'Identity', { prod, removalPolicy });
    const api = new Api(this, 'Api', { stage: props.stage, logRetention, removalPolicy, identity });
    this.table = data.table;
    this.userPool = identity.userPool;
    this.userPoolClient = identity.userPoolClient;
    this.httpApi = api.httpApi;

    const email = new EmailConfiguration(this, 'Email');
    const fanOut = new Queues(this, 'Queues', { stage: props.stage, removalPolicy, queues: props.queues ?? queueTable });
    const environment: Record<EnvName, string> & { NODE_OPTIONS?: string } = {
      // Source-mapped stack traces cost every cold start +16-33% (README, Decisions): dev only. Prod logs minified
      // positions, which the .map file in the function's asset resolves.
      ...(props.stage === 'dev' ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
      [envNames.tableName]: data.table.tableName,
      [envNames.userPoolId]: identity.userPool.userPoolId,
      [envNames.userPoolClientId]: identity.userPoolClient.userPoolClientId,
      [envNames.tokenIssuer]: identity.tokenIssuer,
      [envNames.senderAddress]: props.senderAddress,
      [envNames.appUrl]: props.appUrl || api.httpApi.apiEndpoint,
      [envNames.stage]: props.stage,
      [envNames.version]: packageVersion(),
      [envNames.tenantSweepQueueUrl]: fanOut.queues.get('tenant-sweep')?.queueUrl ?? '',
      [envNames.sesConfigurationSet]: email.configurationSet.configurationSetName,
    };
    const capabilityResources: CapabilityResources = {
      tableArn: data.table.tableArn,
      userPoolArn: identity.userPool.userPoolArn,
      sesIdentityArn: this.formatArn({ service: 'ses', resource: 'identity', resourceName: props.domain ?? props.senderAddress }),
      senderAddress: props.senderAddress,
      sesConfigurationSetArn: this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: email.configurationSet.configurationSetName }),
      queueArns: Object.fromEntries([...fanOut.queues].map(([name, queue]) => [name, queue.queueArn])),
    };
    const functions = new FunctionFactory({ stage: props.stage, repoRoot, logRetention, removalPolicy, environment, capabilityResources });

    api.addRoutes(props.routes ?? routeTable, functions, repoRoot);
    const jobs = new Jobs(this, 'Jobs', { stage: props.stage, removalPolicy, schedules: props.schedules ?? scheduleTable, functions });
    fanOut.addWorkers(functions);
    const emailEvents = new EmailEvents(this, 'EmailEvents', { stage: props.stage, removalPolicy, rules: props.eventRules ?? eventRuleTable, functions });
    this.eventRuleFunctions = emailEvents.ruleFunctions;
    this.queueWorkers = fanOut.workers;
    addLogMetrics(jobs, props.stage, new Map([...jobs.scheduleFunctions, ...fanOut.workers]));
    this.functionGroups = api.groups;
    this.groupFunctions = api.groupFunctions;
    this.routeFunctions = api.routeFunctions;
    this.scheduleFunctions = jobs.scheduleFunctions;

    new CfnOutput(this, 'ApiUrl', { value: api.httpApi.apiEndpoint });
    // The staff web app is served by the same HTTP API (its pages are routes of the table, each page one request:
    // the style sheet is inline): staff open this address and sign in.
    new CfnOutput(this, 'StaffSignInUrl', { value: `${api.httpApi.apiEndpoint}/sign-in` });
    new CfnOutput(this, 'UserPoolId', { value: identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: identity.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
  }
}
