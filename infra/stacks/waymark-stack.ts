/**
 * The whole Waymark deployment in one stack, built only from the shared contracts: the route table, the schedule
 * table, the table definition and the configuration variable names. No handler code is imported here; handlers are
 * bundled from their files by esbuild.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnStage, HttpApi, HttpMethod as ApiHttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AccountRecovery,
  ClientAttributes,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Alarm, ComparisonOperator, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { FilterPattern, LogGroup, MetricFilter, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { envNames, type EnvName } from '../../shared/contracts/env.js';
import { routeKey, routes as routeTable, type Capability, type RouteDef } from '../../shared/contracts/routes.js';
import { logMetrics, METRIC_FIELD, type LogMetricDef } from '../../shared/contracts/metrics.js';
import { schedules as scheduleTable, type ScheduleDef } from '../../shared/contracts/schedules.js';
import { tableDefinition } from '../../shared/contracts/table.js';
import { acknowledge, nagReasons, publicRouteReasons } from './nag.js';
import { statementsFor, type CapabilityResources } from './permissions.js';

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
}

export interface WaymarkStackProps extends StackProps, WaymarkConfig {
  /** Defaults to the route table; tests pass others to exercise e.g. staff routes. */
  readonly routes?: readonly RouteDef[];
  /** Defaults to the schedule table. */
  readonly schedules?: readonly ScheduleDef[];
}

/** Retry policy of every schedule's EventBridge target; after it, the event goes to the schedule's dead-letter queue. */
export const SCHEDULE_RETRY_ATTEMPTS = 2;
export const SCHEDULE_MAX_EVENT_AGE = Duration.hours(1);

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

  return { stage: stage as Stage, senderAddress, appUrl, ...(domain ? { domain } : {}) };
}

const pascal = (id: string): string =>
  id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');

const packageVersion = (): string => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version?: string };
  if (!pkg.version) throw new Error('package.json has no version');
  return pkg.version;
};

/**
 * HTTP API access log line (JSON). `$context` variables of HTTP APIs; no headers, query strings or bodies, which can
 * carry tokens and emailed link secrets.
 */
export const accessLogFormat = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
} as const;

export class WaymarkStack extends Stack {
  readonly table: Table;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly httpApi: HttpApi;
  /** Functions by route id and by schedule name. */
  readonly routeFunctions = new Map<string, NodejsFunction>();
  readonly scheduleFunctions = new Map<string, NodejsFunction>();

  constructor(scope: Construct, id: string, props: WaymarkStackProps) {
    super(scope, id, props);
    const prod = props.stage === 'prod';
    const keep = prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logRetention = prod ? RetentionDays.SIX_MONTHS : RetentionDays.ONE_MONTH;

    // --- Data: the single table -------------------------------------------------------------------------------
    this.table = new Table(this, 'Table', {
      partitionKey: { name: tableDefinition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDefinition.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: prod,
      removalPolicy: keep,
    });
    for (const index of tableDefinition.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    // --- Identity: staff user pool ----------------------------------------------------------------------------
    this.userPool = new UserPool(this, 'StaffUserPool', {
      selfSignUpEnabled: false, // Waymark creates staff with AdminCreateUser
      signInAliases: { email: true },
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      customAttributes: {
        tenantId: new StringAttribute({ mutable: false }),
        role: new StringAttribute({ mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: false,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      deletionProtection: prod,
      removalPolicy: keep,
    });
    acknowledge(this.userPool, 'AwsSolutions-COG1', nagReasons.passwordPolicy);
    acknowledge(this.userPool, 'AwsSolutions-COG2', nagReasons.mfaOptional);
    acknowledge(this.userPool, 'AwsSolutions-COG8', nagReasons.plusFeaturePlan);
    this.userPoolClient = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      disableOAuth: true, // no hosted UI: no implicit grant, no placeholder callback URL
      preventUserExistenceErrors: true,
      // Users may edit their name and email only; tenant and role are written by Waymark with admin APIs.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true, email: true }),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ fullname: true, email: true, emailVerified: true })
        .withCustomAttributes('tenantId', 'role'),
    });
    const tokenIssuer = `https://cognito-idp.${this.region}.amazonaws.com/${this.userPool.userPoolId}`;

    // --- HTTP API ---------------------------------------------------------------------------------------------
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: `Waymark API (${props.stage})`,
    });
    const accessLogs = new LogGroup(this, 'HttpApiAccessLogs', { retention: logRetention, removalPolicy: keep });
    const defaultStage = this.httpApi.defaultStage?.node.defaultChild;
    if (defaultStage instanceof CfnStage) {
      // Public routes (sign-up among them) need a ceiling; per-route limits can be tightened later.
      defaultStage.defaultRouteSettings = { throttlingRateLimit: 50, throttlingBurstLimit: 100 };
      // One JSON line per request, joinable with the function logs on requestId.
      defaultStage.accessLogSettings = { destinationArn: accessLogs.logGroupArn, format: JSON.stringify(accessLogFormat) };
    }

    // --- Shared function configuration ------------------------------------------------------------------------
    const environment: Record<EnvName, string> & { NODE_OPTIONS?: string } = {
      // Source-mapped stack traces cost every cold start +16-33% (README, Decisions): dev only. Prod logs minified
      // positions, which the .map file in the function's asset resolves.
      ...(props.stage === 'dev' ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
      [envNames.tableName]: this.table.tableName,
      [envNames.userPoolId]: this.userPool.userPoolId,
      [envNames.userPoolClientId]: this.userPoolClient.userPoolClientId,
      [envNames.tokenIssuer]: tokenIssuer,
      [envNames.senderAddress]: props.senderAddress,
      [envNames.appUrl]: props.appUrl || this.httpApi.apiEndpoint,
      [envNames.stage]: props.stage,
      [envNames.version]: packageVersion(),
    };
    const capabilityResources: CapabilityResources = {
      tableArn: this.table.tableArn,
      userPoolArn: this.userPool.userPoolArn,
      sesIdentityArn: this.formatArn({
        service: 'ses',
        resource: 'identity',
        resourceName: props.domain ?? props.senderAddress,
      }),
      senderAddress: props.senderAddress,
    };

    const makeFunction = (
      name: string,
      spec: { handler: string; needs: readonly Capability[]; description: string; timeout: Duration },
    ): NodejsFunction => {
      const base = pascal(name);
      const logGroup = new LogGroup(this, `${base}Logs`, { retention: logRetention, removalPolicy: keep });
      // An explicit role: only this log group and the capabilities the table entry names (no managed policy).
      const role = new Role(this, `${base}Role`, {
        assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
        description: `Waymark ${name} (${props.stage})`,
      });
      logGroup.grantWrite(role);
      for (const statement of statementsFor(spec.needs, capabilityResources)) role.addToPolicy(statement);
      if (spec.needs.includes('email:account')) acknowledge(role, 'AwsSolutions-IAM5[Resource::*]', nagReasons.sesGetAccount);

      const fn = new NodejsFunction(this, `${base}Function`, {
        entry: join(repoRoot, spec.handler),
        handler: 'handler',
        projectRoot: repoRoot,
        depsLockFilePath: join(repoRoot, 'package-lock.json'),
        runtime: Runtime.NODEJS_22_X,
        architecture: Architecture.ARM_64,
        memorySize: 512,
        timeout: spec.timeout,
        description: spec.description.slice(0, 256),
        role,
        logGroup,
        environment,
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
    };

    // --- Routes -----------------------------------------------------------------------------------------------
    let staffAuthorizer: HttpJwtAuthorizer | undefined;
    for (const route of props.routes ?? routeTable) {
      const fn = makeFunction(route.id, {
        handler: route.handler,
        needs: route.needs,
        description: `${routeKey(route)}: ${route.summary}`,
        timeout: Duration.seconds(10), // API Gateway gives up at 29 s
      });
      this.routeFunctions.set(route.id, fn);
      const integration = new HttpLambdaIntegration(`${pascal(route.id)}Integration`, fn);
      let authorizer: HttpJwtAuthorizer | undefined;
      if (route.auth === 'staff') {
        authorizer = staffAuthorizer ??= new HttpJwtAuthorizer('StaffAuthorizer', tokenIssuer, {
          jwtAudience: [this.userPoolClient.userPoolClientId],
        });
      }
      const apiRoutes = this.httpApi.addRoutes({
        path: route.path,
        methods: [ApiHttpMethod[route.method]],
        integration,
        ...(authorizer ? { authorizer } : {}),
      });
      const publicReason = route.auth === 'public' ? publicRouteReasons[route.id] : undefined;
      if (publicReason) for (const apiRoute of apiRoutes) acknowledge(apiRoute, 'AwsSolutions-APIG4', publicReason);
    }

    // --- Schedules --------------------------------------------------------------------------------------------
    for (const schedule of props.schedules ?? scheduleTable) {
      const fn = makeFunction(schedule.name, {
        handler: schedule.handler,
        needs: schedule.needs,
        description: schedule.description,
        timeout: Duration.minutes(5),
      });
      this.scheduleFunctions.set(schedule.name, fn);
      // What EventBridge cannot deliver (throttled, function gone, access denied) after its retries lands here.
      const deadLetters = new Queue(this, `${pascal(schedule.name)}DeadLetters`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
        removalPolicy: keep,
      });
      acknowledge(deadLetters, 'AwsSolutions-SQS3', nagReasons.scheduleDeadLetterQueue);
      new Rule(this, `${pascal(schedule.name)}Schedule`, {
        description: schedule.description.slice(0, 512),
        schedule: Schedule.expression(schedule.expression),
        // A missed run is made up by the next one: retry a little, then give up into the dead-letter queue.
        targets: [new LambdaFunction(fn, { deadLetterQueue: deadLetters, retryAttempts: SCHEDULE_RETRY_ATTEMPTS, maxEventAge: SCHEDULE_MAX_EVENT_AGE })],
      });
      new Alarm(this, `${pascal(schedule.name)}DeadLettersAlarm`, {
        alarmDescription: `Waymark ${props.stage}: scheduled runs of ${schedule.name} that EventBridge could not deliver`,
        metric: deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: Stats.MAXIMUM }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      // The queue only holds events EventBridge could not deliver; a run that was delivered and then threw shows here.
      new Alarm(this, `${pascal(schedule.name)}ErrorsAlarm`, {
        alarmDescription: `Waymark ${props.stage}: runs of ${schedule.name} that failed, in 2 of the last 3 five-minute periods`,
        metric: fn.metricErrors({ period: Duration.minutes(5), statistic: Stats.SUM }),
        threshold: 1,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    }

    // --- Metrics from log lines (shared/contracts/metrics.ts) and their alarms ---------------------------------
    for (const def of Object.values(logMetrics) as LogMetricDef[]) {
      const fn = this.scheduleFunctions.get(def.schedule);
      if (!fn) continue;
      const filter = new MetricFilter(this, `${pascal(def.name)}MetricFilter`, {
        logGroup: fn.logGroup,
        filterPattern: FilterPattern.stringValue(`$.${METRIC_FIELD}`, '=', def.name),
        metricNamespace: `Waymark/${props.stage}`,
        metricName: def.name,
        metricValue: '1',
      });
      new Alarm(this, `${pascal(def.name)}Alarm`, {
        alarmDescription: `Waymark ${props.stage}: ${def.description}`,
        metric: filter.metric({ period: Duration.minutes(5), statistic: Stats.SUM }),
        threshold: def.alarmAt,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    }

    // --- Outputs ----------------------------------------------------------------------------------------------
    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
  }
}
