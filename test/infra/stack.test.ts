/**
 * CDK assertions on the synthesized stack: parity with the route, schedule and table contracts, routes served by
 * their function group, retention in prod, identity settings and least-privilege IAM. Bundling is skipped
 * (test/support/cdk.ts), so synthesis is quick.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { envNames } from '../../shared/contracts/env.js';
import { routeKey, routes, type Capability, type RouteDef } from '../../shared/contracts/routes.js';
import { logMetrics } from '../../shared/contracts/metrics.js';
import { queues } from '../../shared/contracts/queues.js';
import { schedules } from '../../shared/contracts/schedules.js';
import { eventRules } from '../../shared/contracts/events.js';
import { BOUNCE_RATE_ALARM, COMPLAINT_RATE_ALARM } from '../../infra/stacks/email-events.js';
import { tableDefinition } from '../../shared/contracts/table.js';
import { auditAppendOnly, capabilityGrants, tableWriteCapabilities } from '../../infra/stacks/capabilities.js';
import { SCHEDULE_MAX_EVENT_AGE, SCHEDULE_RETRY_ATTEMPTS } from '../../infra/stacks/jobs.js';
import { functionGroups, groupNameOf } from '../../infra/stacks/route-groups.js';
import { pascal } from '../../infra/stacks/function-factory.js';
import { configFromContext, repoRoot, WaymarkStack, type WaymarkConfig } from '../../infra/stacks/waymark-stack.js';
import { devConfig, prodConfig, testApp } from '../support/cdk.js';

type Json = Record<string, any>;  
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Json;
}
interface Synth {
  stack: WaymarkStack;
  template: Template;
  resources: Record<string, Json>;
}

const HOOK_TIMEOUT = 120_000;
const pkgVersion = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** Synthesizes one stack with the same context (feature flags included) as `cdk synth`. */
function synth(id: string, config: WaymarkConfig, extra: Partial<{ routes: readonly RouteDef[]; schedules: [] }> = {}): Synth {
  const app = testApp(config);
  const stack = new WaymarkStack(app, id, { ...config, ...extra });
  const template = Template.fromStack(stack);
  return { stack, template, resources: template.toJSON().Resources as Record<string, Json> };
}

/** A construct's logical id in the template (overridden ids included, which `Stack.getLogicalId` does not see). */
const idOf = (s: Synth, construct: IConstruct): string => s.stack.resolve((construct.node.defaultChild as CfnElement).logicalId) as string;
const logicalId = (s: Synth, fn: NodejsFunction): string => idOf(s, fn);
const ofType = (s: Synth, type: string): [string, Json][] => Object.entries(s.resources).filter(([, r]) => r.Type === type);
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Every IAM statement in the template: policies, inline role policies, managed policies. */
function allStatements(s: Synth): Statement[] {
  const out: Statement[] = [];
  for (const [, r] of Object.entries(s.resources)) {
    if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') out.push(...r.Properties.PolicyDocument.Statement);
    if (r.Type === 'AWS::IAM::Role') for (const p of asArray<Json>(r.Properties.Policies)) out.push(...p.PolicyDocument.Statement);
  }
  return out;
}

/** The Allow (or Deny) statements attached to a function's execution role. */
function roleStatements(s: Synth, fn: NodejsFunction, effect: 'Allow' | 'Deny' = 'Allow'): Statement[] {
  const fnProps = s.resources[logicalId(s, fn)]!.Properties;
  const roleId = fnProps.Role['Fn::GetAtt'][0] as string;
  const role = s.resources[roleId]!;
  const inline = asArray<Json>(role.Properties.Policies).flatMap((p) => p.PolicyDocument.Statement as Statement[]);
  const attached = ofType(s, 'AWS::IAM::Policy')
    .filter(([, p]) => asArray<Json>(p.Properties.Roles).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
  return [...inline, ...attached].filter((st) => st.Effect === effect);
}
const actionsOf = (statements: Statement[]): Set<string> => new Set(statements.flatMap((st) => asArray(st.Action)));

const groups = functionGroups(routes);

const everyFunction = (s: Synth): [string, NodejsFunction][] => [
  ...[...s.stack.groupFunctions].map(([name, fn]): [string, NodejsFunction] => [`group ${name}`, fn]),
  ...[...s.stack.scheduleFunctions].map(([name, fn]): [string, NodejsFunction] => [`schedule ${name}`, fn]),
  ...[...s.stack.eventRuleFunctions].map(([name, fn]): [string, NodejsFunction] => [`event rule ${name}`, fn]),
];

let dev: Synth;
let prod: Synth;
beforeAll(() => {
  dev = synth('Waymark-dev', devConfig);
  prod = synth('Waymark-prod', prodConfig);
}, HOOK_TIMEOUT);

describe('context', () => {
  it('defaults to dev with the example sender, and rejects unknown stages', () => {
    expect(configFromContext(() => undefined)).toEqual({ stage: 'dev', senderAddress: 'no-reply@example.com', appUrl: '' });
    expect(() => configFromContext((k) => (k === 'stage' ? 'staging' : undefined))).toThrow(/Unknown stage "staging"/);
  });

  it('requires a real sender address in prod, inside the identity domain when one is given', () => {
    expect(() => configFromContext((k) => ({ stage: 'prod' })[k])).toThrow(/senderAddress is required for prod/);
    expect(() => configFromContext((k) => ({ stage: 'prod', senderAddress: 'no-reply@example.com' })[k])).toThrow(/placeholder/);
    expect(() => configFromContext((k) => ({ stage: 'prod', senderAddress: 'a@b.io', domain: 'c.io' })[k])).toThrow(/not in the SES identity domain/);
    expect(prodConfig).toMatchObject({ stage: 'prod', senderAddress: 'no-reply@mail.waymark.app', domain: 'waymark.app' });
  });

  it('builds the first N indexes when asked (-c indexes=N: DynamoDB adds one index per update of a deployed table)', () => {
    expect(configFromContext((k) => ({ indexes: '2' })[k])).toMatchObject({ indexes: 2 });
    expect(() => configFromContext((k) => ({ indexes: '0' })[k])).toThrow(/whole number of at least 1/);
    const partial = synth('Waymark-indexes', { ...devConfig, indexes: 2 });
    const table = Object.values(partial.template.findResources('AWS::DynamoDB::Table'))[0] as { Properties: { GlobalSecondaryIndexes: { IndexName: string }[] } };
    expect(table.Properties.GlobalSecondaryIndexes.map((g) => g.IndexName)).toEqual(['GSI1', 'GSI2']);
  });
});

describe('functions', () => {
  it('one arm64 Node.js 22 function per function group (area and auth kind), per schedule and per queue, no more', () => {
    expect(groups.length).toBeLessThan(routes.length);
    for (const s of [dev, prod]) {
      expect([...s.stack.groupFunctions.keys()]).toEqual(groups.map((g) => g.name));
      expect(s.stack.scheduleFunctions.size).toBe(schedules.length);
      expect(s.stack.queueWorkers.size).toBe(queues.length);
      expect(s.stack.eventRuleFunctions.size).toBe(eventRules.length);
      s.template.resourceCountIs('AWS::Lambda::Function', groups.length + schedules.length + queues.length + eventRules.length);
      for (const [, fn] of ofType(s, 'AWS::Lambda::Function')) {
        expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], MemorySize: 512, Handler: 'index.handler' });
        expect(fn.Properties.FunctionName).toBeUndefined();
      }
    }
  });

  it('route functions time out before API Gateway does; schedule functions get five minutes', () => {
    for (const group of groups) expect(dev.resources[logicalId(dev, dev.stack.groupFunctions.get(group.name)!)]!.Properties.Timeout).toBe(10);
    for (const job of schedules) expect(dev.resources[logicalId(dev, dev.stack.scheduleFunctions.get(job.name)!)]!.Properties.Timeout).toBe(300);
  });

  it('every function gets every configuration variable, the package version, and source maps in dev only', () => {
    for (const s of [dev, prod]) {
      for (const [name, fn] of everyFunction(s)) {
        const vars = s.resources[logicalId(s, fn)]!.Properties.Environment.Variables as Json;
        const sourceMaps = s.stack === dev.stack; // they cost every cold start (README, Decisions)
        expect(Object.keys(vars).sort(), name).toEqual([...Object.values(envNames), ...(sourceMaps ? ['NODE_OPTIONS'] : [])].sort());
        expect(vars.NODE_OPTIONS).toBe(sourceMaps ? '--enable-source-maps' : undefined);
        expect(vars[envNames.version]).toBe(pkgVersion);
        expect(vars[envNames.stage]).toBe(s.stack === dev.stack ? 'dev' : 'prod');
        expect(JSON.stringify(vars[envNames.tokenIssuer])).toMatch(/https:\/\/cognito-idp\..*amazonaws\.com\//);
      }
    }
    const devVars = dev.resources[logicalId(dev, dev.stack.routeFunctions.get('health')!)]!.Properties.Environment.Variables as Json;
    expect(devVars[envNames.appUrl]).toEqual({ 'Fn::GetAtt': [idOf(dev, dev.stack.httpApi), 'ApiEndpoint'] });
    const prodVars = prod.resources[logicalId(prod, prod.stack.routeFunctions.get('health')!)]!.Properties.Environment.Variables as Json;
    expect(prodVars[envNames.appUrl]).toBe('https://app.waymark.app');
    expect(prodVars[envNames.senderAddress]).toBe('no-reply@mail.waymark.app');
  });

  it('every function logs to its own log group with a retention (one month dev, six months prod)', () => {
    for (const [s, days] of [[dev, 30], [prod, 180]] as const) {
      const seen = new Set<string>();
      for (const [name, fn] of everyFunction(s)) {
        const ref = s.resources[logicalId(s, fn)]!.Properties.LoggingConfig?.LogGroup?.Ref as string | undefined;
        expect(ref, name).toBeDefined();
        const group = s.resources[ref!]!;
        expect(group.Type).toBe('AWS::Logs::LogGroup');
        expect(group.Properties.RetentionInDays, name).toBe(days);
        expect(group.Properties.LogGroupName).toBeUndefined();
        seen.add(ref!);
      }
      expect(seen.size).toBe(groups.length + schedules.length + eventRules.length);
    }
  });
});

describe('HTTP API', () => {
  it('has exactly one route per route-table entry, each integrated with the function of its area and auth kind', () => {
    for (const s of [dev, prod]) {
      const apiRoutes = ofType(s, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties as Json);
      expect(apiRoutes.map((r) => r.RouteKey).sort()).toEqual(routes.map(routeKey).sort());
      for (const route of routes as readonly RouteDef[]) {
        const apiRoute = apiRoutes.find((r) => r.RouteKey === routeKey(route))!;
        const integrationId = (apiRoute.Target['Fn::Join'][1] as unknown[])[1] as { Ref: string };
        const integration = s.resources[integrationId.Ref]!.Properties;
        const fn = s.stack.groupFunctions.get(groupNameOf(route))!;
        expect(integration.IntegrationUri, route.id).toEqual({ 'Fn::GetAtt': [logicalId(s, fn), 'Arn'] });
        expect(integration.PayloadFormatVersion).toBe('2.0');
        expect(apiRoute.AuthorizationType ?? 'NONE').toBe(route.auth === 'staff' ? 'JWT' : 'NONE');
      }
    }
  });

  it('one integration and one invoke permission per route function, the permission scoped to this API', () => {
    for (const s of [dev, prod]) {
      s.template.resourceCountIs('AWS::ApiGatewayV2::Integration', groups.length);
      const apiId = idOf(s, s.stack.httpApi);
      for (const [name, fn] of s.stack.groupFunctions) {
        const permissions = ofType(s, 'AWS::Lambda::Permission').filter(([, p]) => JSON.stringify(p.Properties.FunctionName).includes(`"${logicalId(s, fn)}"`));
        expect(permissions, name).toHaveLength(1);
        const p = permissions[0]![1].Properties;
        expect(p.Principal).toBe('apigateway.amazonaws.com');
        expect(JSON.stringify(p.SourceArn), name).toContain(`{"Ref":"${apiId}"},"/*/*/*"`);
      }
    }
  });

  it('puts a Cognito JWT authorizer on staff routes', () => {
    const staffRoute: RouteDef = {
      id: 'probeStaff',
      method: 'GET',
      path: '/v1/probe',
      handler: 'functions/http/health/get.ts',
      area: 'health',
      auth: 'staff',
      needs: ['table:batch-get'],
      summary: 'staff route probe',
    };
    const s = synth('Waymark-staff-probe', devConfig, { routes: [staffRoute], schedules: [] });
    const poolId = idOf(s, s.stack.userPool);
    const clientId = idOf(s, s.stack.userPoolClient);
    const authorizers = ofType(s, 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    const [authorizerId, authorizer] = authorizers[0]!;
    expect(authorizer.Properties.AuthorizerType).toBe('JWT');
    expect(authorizer.Properties.JwtConfiguration.Audience).toEqual([{ Ref: clientId }]);
    expect(authorizer.Properties.JwtConfiguration.Issuer).toEqual({
      'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: poolId }]],
    });
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /v1/probe',
      AuthorizationType: 'JWT',
      AuthorizerId: { Ref: authorizerId },
    });
  }, HOOK_TIMEOUT);

  it('throttles the default stage', () => {
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });

  it('outputs the API URL, user pool, client and table', () => {
    expect(Object.keys(dev.template.toJSON().Outputs).sort()).toEqual(['ApiUrl', 'StaffSignInUrl', 'TableName', 'UserPoolClientId', 'UserPoolId']);
  });
});

describe('table', () => {
  it('matches the table definition: keys, every GSI, TTL, PITR, on-demand, no physical name', () => {
    for (const s of [dev, prod]) {
      s.template.resourceCountIs('AWS::DynamoDB::Table', 1);
      const [, table] = ofType(s, 'AWS::DynamoDB::Table')[0]!;
      const p = table.Properties;
      expect(p.TableName).toBeUndefined();
      expect(p.KeySchema).toEqual([
        { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
      ]);
      expect(p.BillingMode).toBe('PAY_PER_REQUEST');
      expect(p.TimeToLiveSpecification).toEqual({ AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true });
      expect(p.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(p.GlobalSecondaryIndexes).toHaveLength(tableDefinition.globalSecondaryIndexes.length);
      for (const index of tableDefinition.globalSecondaryIndexes) {
        expect(p.GlobalSecondaryIndexes).toContainEqual({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        });
        for (const key of [index.partitionKey, index.sortKey]) {
          expect(p.AttributeDefinitions).toContainEqual({ AttributeName: key, AttributeType: 'S' });
        }
      }
    }
  });

  it('the table, the user pool and its client keep their logical ids (a new id would replace them, data and logins gone)', () => {
    for (const s of [dev, prod]) {
      expect(ofType(s, 'AWS::DynamoDB::Table').map(([id]) => id)).toEqual(['TableCD117FA1']);
      expect(ofType(s, 'AWS::Cognito::UserPool').map(([id]) => id)).toEqual(['StaffUserPool2EF92F57']);
      expect(ofType(s, 'AWS::Cognito::UserPoolClient').map(([id]) => id)).toEqual(['StaffUserPoolWebClientFCB65C48']);
    }
  });

  it('prod retains the table (deletion protection on) and the user pool; dev retains neither', () => {
    const [, prodTable] = ofType(prod, 'AWS::DynamoDB::Table')[0]!;
    expect(prodTable.DeletionPolicy).toBe('Retain');
    expect(prodTable.UpdateReplacePolicy).toBe('Retain');
    expect(prodTable.Properties.DeletionProtectionEnabled).toBe(true);
    const [, prodPool] = ofType(prod, 'AWS::Cognito::UserPool')[0]!;
    expect(prodPool.DeletionPolicy).toBe('Retain');
    expect(prodPool.Properties.DeletionProtection).toBe('ACTIVE');

    const [, devTable] = ofType(dev, 'AWS::DynamoDB::Table')[0]!;
    expect(devTable.DeletionPolicy).toBe('Delete');
    expect(devTable.Properties.DeletionProtectionEnabled).not.toBe(true);
    const [, devPool] = ofType(dev, 'AWS::Cognito::UserPool')[0]!;
    expect(devPool.DeletionPolicy).toBe('Delete');
  });
});

describe('staff identity', () => {
  it('user pool: admin-created users only, email sign-in, tenantId immutable, TOTP optional, email recovery', () => {
    dev.template.resourceCountIs('AWS::Cognito::UserPool', 1);
    const [, pool] = ofType(dev, 'AWS::Cognito::UserPool')[0]!;
    const p = pool.Properties;
    expect(p.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    expect(p.UsernameAttributes).toEqual(['email']);
    expect(p.Schema).toContainEqual({ Name: 'tenantId', AttributeDataType: 'String', Mutable: false });
    expect(p.Schema).toContainEqual({ Name: 'role', AttributeDataType: 'String', Mutable: true });
    expect(p.MfaConfiguration).toBe('OPTIONAL');
    expect(p.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(p.AccountRecoverySetting.RecoveryMechanisms).toEqual([{ Name: 'verified_email', Priority: 1 }]);
    expect(p.Policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
  });

  it('app client: no secret, password + SRP, no OAuth, cannot write custom attributes, reads tenant and role', () => {
    dev.template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    const [, client] = ofType(dev, 'AWS::Cognito::UserPoolClient')[0]!;
    const p = client.Properties;
    expect(p.GenerateSecret).toBe(false);
    expect(p.ExplicitAuthFlows).toEqual(expect.arrayContaining(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']));
    expect(p.AllowedOAuthFlows ?? []).not.toContain('implicit');
    expect(p.WriteAttributes.length).toBeGreaterThan(0); // absent would mean "all writable"
    expect((p.WriteAttributes as string[]).filter((a) => a.startsWith('custom:'))).toEqual([]);
    expect(p.ReadAttributes).toEqual(expect.arrayContaining(['custom:tenantId', 'custom:role']));
  });
});

describe('schedules', () => {
  it('one EventBridge rule per schedule, with its exact expression, targeting its function', () => {
    for (const s of [dev, prod]) {
      const rules = ofType(s, 'AWS::Events::Rule').map(([, r]) => r.Properties as Json);
      expect(rules).toHaveLength(schedules.length + eventRules.length);
      for (const job of schedules) {
        const rule = rules.find((r) => r.ScheduleExpression === job.expression);
        expect(rule, job.name).toBeDefined();
        expect(rule!.Targets.map((t: Json) => t.Arn)).toEqual([{ 'Fn::GetAtt': [logicalId(s, s.stack.scheduleFunctions.get(job.name)!), 'Arn'] }]);
      }
    }
  });

  /** The queue a rule's target sends undeliverable events to, by logical id. */
  const deadLetterQueueOf = (s: Synth, rule: Json): string => {
    const [target] = rule.Properties.Targets as Json[];
    const arn = target!.DeadLetterConfig?.Arn as Json | undefined;
    expect(arn, 'dead-letter queue').toBeDefined();
    expect(arn!['Fn::GetAtt'][1]).toBe('Arn');
    const id = arn!['Fn::GetAtt'][0] as string;
    expect(s.resources[id]!.Type).toBe('AWS::SQS::Queue');
    return id;
  };

  it('every schedule target has an explicit retry policy and an encrypted, SSL-only dead-letter queue of its own', () => {
    for (const s of [dev, prod]) {
      const rules = ofType(s, 'AWS::Events::Rule');
      const queues = new Set<string>();
      for (const [ruleId, rule] of rules) {
        const [target] = rule.Properties.Targets as Json[];
        expect(target!.RetryPolicy).toEqual({ MaximumRetryAttempts: SCHEDULE_RETRY_ATTEMPTS, MaximumEventAgeInSeconds: SCHEDULE_MAX_EVENT_AGE.toSeconds() });
        const queueId = deadLetterQueueOf(s, rule);
        queues.add(queueId);
        const queue = s.resources[queueId]!;
        expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
        expect(queue.Properties.MessageRetentionPeriod).toBe(14 * 86_400);
        expect(queue.DeletionPolicy).toBe(s === prod ? 'Retain' : 'Delete');

        const policies = ofType(s, 'AWS::SQS::QueuePolicy').filter(([, p]) => (p.Properties.Queues as Json[]).some((q) => q.Ref === queueId));
        const statements = policies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Json[]);
        expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
        expect(statements).toContainEqual(
          expect.objectContaining({
            Effect: 'Allow',
            Action: 'sqs:SendMessage',
            Principal: { Service: 'events.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } } },
          }),
        );
      }
      expect(queues.size).toBe(schedules.length + eventRules.length);
    }
  });

  it('an alarm fires on the first message in any schedule dead-letter queue', () => {
    for (const s of [dev, prod]) {
      const alarms = ofType(s, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties as Json);
      for (const [, rule] of ofType(s, 'AWS::Events::Rule')) {
        const queueId = deadLetterQueueOf(s, rule);
        const alarm = alarms.find((a) => a.Namespace === 'AWS/SQS' && JSON.stringify(a.Dimensions) === JSON.stringify([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }]));
        expect(alarm, queueId).toMatchObject({
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Statistic: 'Maximum',
          Period: 300,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
        });
      }
    }
  });

  it('an alarm fires when a schedule function fails in 2 of 3 five-minute periods', () => {
    for (const s of [dev, prod]) {
      const alarms = ofType(s, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties as Json);
      for (const job of schedules) {
        const fnId = logicalId(s, s.stack.scheduleFunctions.get(job.name)!);
        const alarm = alarms.find((a) => a.Namespace === 'AWS/Lambda' && JSON.stringify(a.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: { Ref: fnId } }]));
        expect(alarm, job.name).toMatchObject({ MetricName: 'Errors', Statistic: 'Sum', Period: 300, EvaluationPeriods: 3, DatapointsToAlarm: 2, Threshold: 1 });
      }
    }
  });

  it('a failed email is a metric (from the outbox log line that names it) with an alarm at 1 in 5 minutes', () => {
    for (const [s, stage] of [[dev, 'dev'], [prod, 'prod']] as const) {
      const outbox = s.stack.queueWorkers.get(logMetrics.emailsFailed.job)!;
      const logGroupId = s.resources[logicalId(s, outbox)]!.Properties.LoggingConfig.LogGroup.Ref as string;
      const filters = ofType(s, 'AWS::Logs::MetricFilter').map(([, f]) => f.Properties as Json);
      expect(filters).toEqual([
        {
          LogGroupName: { Ref: logGroupId },
          FilterPattern: `{ $.metric = "${logMetrics.emailsFailed.name}" }`,
          MetricTransformations: [{ MetricNamespace: `Waymark/${stage}`, MetricName: 'EmailsFailed', MetricValue: '1' }],
        },
      ]);
      const alarm = ofType(s, 'AWS::CloudWatch::Alarm')
        .map(([, a]) => a.Properties as Json)
        .find((a) => a.MetricName === 'EmailsFailed');
      expect(alarm).toMatchObject({
        Namespace: `Waymark/${stage}`,
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
    }
  });
});

describe('IAM', () => {
  // `*`, `dynamodb:*`, `ses:Send*`, ...
  const isWildcardAction = (a: string): boolean => a.includes('*');

  it('no wildcard actions anywhere, no managed policies on function roles', () => {
    for (const s of [dev, prod]) {
      const actions = allStatements(s).flatMap((st) => asArray(st.Action));
      expect(actions.length).toBeGreaterThan(0);
      expect(actions.filter(isWildcardAction)).toEqual([]);
      for (const [, role] of ofType(s, 'AWS::IAM::Role')) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('only ses:GetAccount has a `*` resource; no DynamoDB action on `*`', () => {
    for (const s of [dev, prod]) {
      const tableId = idOf(s, s.stack.table);
      const starStatements = allStatements(s).filter((st) => asArray(st.Resource).includes('*'));
      for (const st of starStatements) expect(asArray(st.Action)).toEqual(['ses:GetAccount']);
      for (const st of allStatements(s)) {
        if (asArray(st.Action).some((a) => a.startsWith('dynamodb:'))) {
          for (const resource of asArray(st.Resource)) expect(JSON.stringify(resource)).toContain(`"${tableId}"`);
        }
      }
    }
  });

  // A route function's role is the union of its routes' capabilities.
  const entries = (s: Synth): [string, NodejsFunction, readonly Capability[]][] => [
    ...groups.map((g): [string, NodejsFunction, readonly Capability[]] => [g.name, s.stack.groupFunctions.get(g.name)!, g.needs]),
    ...schedules.map((j): [string, NodejsFunction, readonly Capability[]] => [j.name, s.stack.scheduleFunctions.get(j.name)!, j.needs]),
    ...eventRules.map((e): [string, NodejsFunction, readonly Capability[]] => [e.name, s.stack.eventRuleFunctions.get(e.name)!, e.needs]),
  ];

  it('each function gets exactly the actions its table entries name (plus writing its own logs)', () => {
    // From the capability data the local gateway enforces; operations Cognito authorizes without IAM get no statement.
    const expected = (needs: readonly Capability[]) =>
      [...new Set(needs.flatMap((c) => (capabilityGrants[c].on === 'no-iam' ? [] : capabilityGrants[c].actions))), 'logs:CreateLogStream', 'logs:PutLogEvents'].sort();
    for (const s of [dev, prod]) {
      for (const [name, fn, needs] of entries(s)) expect([...actionsOf(roleStatements(s, fn))].sort(), name).toEqual(expected(needs));
    }
  });

  it('each capability is one operation (or an enable/disable pair), never a bundle', () => {
    for (const [capability, grant] of Object.entries(capabilityGrants)) expect(grant.actions.length, capability).toBeLessThanOrEqual(2);
  });

  it('no function can BatchWriteItem, and only one that names table:delete can DeleteItem', () => {
    for (const [name, fn, needs] of entries(dev)) {
      const actions = actionsOf(roleStatements(dev, fn));
      expect(actions.has('dynamodb:BatchWriteItem'), name).toBe(false);
      expect(actions.has('dynamodb:DeleteItem'), name).toBe(needs.includes('table:delete'));
    }
  });

  it('no public or link function can enable, disable or change the attributes (tenant, role) of a login', () => {
    // Signed-in staff (a token, or a web session: the admin pages manage staff) may; nothing a link or anyone opens.
    for (const group of groups.filter((g) => g.auth === 'public' || g.auth === 'link')) {
      const actions = actionsOf(roleStatements(dev, dev.stack.groupFunctions.get(group.name)!));
      for (const action of ['cognito-idp:AdminEnableUser', 'cognito-idp:AdminDisableUser', 'cognito-idp:AdminUpdateUserAttributes']) {
        expect(actions.has(action), `${group.name} ${action}`).toBe(false);
      }
    }
  });

  it('the audit trail is append-only: every role that can write denies changing or deleting an audit item', () => {
    const tableId = idOf(dev, dev.stack.table);
    let writers = 0;
    for (const s of [dev, prod]) {
      for (const [name, fn, needs] of entries(s)) {
        const denies = roleStatements(s, fn, 'Deny');
        if (!needs.some((c) => tableWriteCapabilities.includes(c))) {
          expect(denies, name).toEqual([]);
          continue;
        }
        writers += 1;
        expect(denies, name).toHaveLength(1);
        expect(asArray(denies[0]!.Action).sort(), name).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:UpdateItem']);
        expect(denies[0]!.Condition, name).toEqual({ 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': ['T#*#AUDIT'] } });
        expect(JSON.stringify(denies[0]!.Resource), name).toContain(`"${tableId}"`);
      }
    }
    expect(writers).toBeGreaterThan(0);
    expect([...auditAppendOnly.actions].sort()).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:UpdateItem']);
  });

  it('no wildcard in any resource but ses:GetAccount\'s `*`; index queries name their index', () => {
    for (const s of [dev, prod]) {
      for (const st of allStatements(s)) {
        if (asArray(st.Action).includes('ses:GetAccount')) continue;
        expect(JSON.stringify(st.Resource), JSON.stringify(st.Action)).not.toContain('*');
      }
      const outbox = roleStatements(s, s.stack.queueWorkers.get('tenant-sweep')!);
      expect(outbox.some((st) => JSON.stringify(st.Resource).includes('/index/GSI1'))).toBe(true);
    }
  });

  it('sign-up (createTenant) can PutItem on the table; health cannot', () => {
    const tableId = idOf(dev, dev.stack.table);
    const signUp = roleStatements(dev, dev.stack.routeFunctions.get('createTenant')!);
    expect(signUp.some((st) => asArray(st.Action).includes('dynamodb:PutItem') && JSON.stringify(st.Resource).includes(tableId))).toBe(true);
    const health = roleStatements(dev, dev.stack.routeFunctions.get('health')!);
    expect(actionsOf(health).has('dynamodb:PutItem')).toBe(false);
    expect([...actionsOf(health)].filter((a) => a.startsWith('dynamodb:'))).toEqual(['dynamodb:DescribeTable']);
  });

  it('SES send (raw MIME) is scoped to the identity and configuration set ARNs and the sender address', () => {
    for (const [s, identity, sender] of [
      [dev, 'no-reply@example.com', 'no-reply@example.com'],
      [prod, 'waymark.app', 'no-reply@mail.waymark.app'],
    ] as const) {
      expect(allStatements(s).filter((st) => asArray(st.Action).includes('ses:SendEmail'))).toEqual([]);
      const sends = allStatements(s).filter((st) => asArray(st.Action).includes('ses:SendRawEmail'));
      expect(sends.length).toBeGreaterThan(0);
      for (const st of sends) {
        const arns = asArray(st.Resource).map((r) => JSON.stringify(r));
        const identityArn = arns.find((arn) => arn.includes(':identity/'));
        const setArn = arns.find((arn) => arn.includes(':configuration-set/'));
        expect(asArray(st.Resource)).toHaveLength(2);
        expect(identityArn).toContain(':ses:');
        expect(identityArn).toMatch(new RegExp(`:identity/${identity.replace(/\./g, '\\.')}"`));
        expect(setArn).toBeDefined();
        expect(st.Condition).toEqual({ StringEquals: { 'ses:FromAddress': sender } });
      }
    }
  });
});

describe('queues (the fan-out)', () => {
  it('per queue of the queue table: an encrypted queue with a redrive to its dead-letter queue, its visibility timeout 6x the worker’s', () => {
    for (const s of [dev, prod]) {
      for (const def of queues) {
        const queue = s.stack.node.findAll().find((c) => c.node.id === `${pascal(def.name)}Queue`)!;
        const props = s.resources[idOf(s, queue)]!.Properties as Json;
        expect(props.VisibilityTimeout).toBe(def.visibilityTimeoutSeconds);
        expect(props.VisibilityTimeout).toBeGreaterThanOrEqual(6 * def.functionTimeoutSeconds);
        expect(props.SqsManagedSseEnabled).toBe(true);
        expect(props.RedrivePolicy.maxReceiveCount).toBe(def.maxReceiveCount);
        const worker = s.stack.queueWorkers.get(def.name)!;
        expect(s.resources[logicalId(s, worker)]!.Properties.Timeout).toBe(def.functionTimeoutSeconds);
      }
    }
  });

  it('the worker reads its queue through an event source that reports partial batch failures', () => {
    for (const s of [dev, prod]) {
      const mappings = ofType(s, 'AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties as Json);
      for (const def of queues) {
        const worker = logicalId(s, s.stack.queueWorkers.get(def.name)!);
        const mapping = mappings.find((m) => JSON.stringify(m.FunctionName).includes(worker));
        expect(mapping, def.name).toMatchObject({ BatchSize: def.batchSize, FunctionResponseTypes: ['ReportBatchItemFailures'] });
      }
    }
  });

  it('alarms on the first message in a dead-letter queue and on failing worker runs', () => {
    const alarms = ofType(dev, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties as Json);
    for (const def of queues) {
      expect(alarms.some((a) => String(a.AlarmDescription).includes(`${def.name} messages that failed ${def.maxReceiveCount} times`) && a.Threshold === 1)).toBe(true);
      expect(alarms.some((a) => String(a.AlarmDescription).includes(`${def.name} worker invocations that failed`))).toBe(true);
    }
  });

  it('only the tick may send to the tenant-sweep queue, only SendMessage, only to that queue; every function knows its URL', () => {
    for (const s of [dev, prod]) {
      const tick = roleStatements(s, s.stack.scheduleFunctions.get('tenant-tick')!);
      const sends = tick.filter((st) => asArray(st.Action).includes('sqs:SendMessage'));
      expect(sends).toHaveLength(1);
      expect(asArray(sends[0]!.Action)).toEqual(['sqs:SendMessage']);
      expect(JSON.stringify(sends[0]!.Resource)).toContain('TenantSweepQueue');
      for (const [, fn] of ofType(s, 'AWS::Lambda::Function')) {
        if (!fn.Properties.Environment) continue;
        expect(JSON.stringify(fn.Properties.Environment.Variables.WAYMARK_TENANT_SWEEP_QUEUE_URL)).toContain('TenantSweepQueue');
      }
      const others = [...s.stack.groupFunctions.values(), ...s.stack.queueWorkers.values()];
      for (const fn of others) expect(actionsOf(roleStatements(s, fn)).has('sqs:SendMessage')).toBe(false);
    }
  });
});

describe('email reputation', () => {
  it('a configuration set with reputation metrics, sending enabled, named to every function', () => {
    for (const s of [dev, prod]) {
      const sets = ofType(s, 'AWS::SES::ConfigurationSet');
      expect(sets).toHaveLength(1);
      const [setId, set] = sets[0]!;
      expect(set.Properties).toMatchObject({ ReputationOptions: { ReputationMetricsEnabled: true }, SendingOptions: { SendingEnabled: true } });
      for (const [name, fn] of everyFunction(s)) {
        expect(s.resources[logicalId(s, fn)]!.Properties.Environment.Variables[envNames.sesConfigurationSet], name).toEqual({ Ref: setId });
      }
    }
  });

  it('bounces and complaints go to the default event bus', () => {
    for (const s of [dev, prod]) {
      const [[, destination]] = ofType(s, 'AWS::SES::ConfigurationSetEventDestination') as [[string, Json]];
      expect(destination.Properties.EventDestination.MatchingEventTypes.sort()).toEqual(['bounce', 'complaint']);
      expect(JSON.stringify(destination.Properties.EventDestination.EventBridgeDestination.EventBusArn)).toContain('event-bus/default');
    }
  });

  it('an event rule per entry, matching SES bounces and complaints, targets its function with retries and a dead-letter queue', () => {
    for (const s of [dev, prod]) {
      for (const entry of eventRules) {
        const rule = ofType(s, 'AWS::Events::Rule').map(([, r]) => r.Properties as Json).find((r) => r.EventPattern);
        expect(rule, entry.name).toBeDefined();
        expect(rule!.EventPattern).toEqual({ source: ['aws.ses'], detail: { eventType: ['Bounce', 'Complaint'] } });
        const [target] = rule!.Targets as Json[];
        expect(target!.Arn).toEqual({ 'Fn::GetAtt': [logicalId(s, s.stack.eventRuleFunctions.get(entry.name)!), 'Arn'] });
        expect(target!.RetryPolicy).toEqual({ MaximumRetryAttempts: SCHEDULE_RETRY_ATTEMPTS, MaximumEventAgeInSeconds: SCHEDULE_MAX_EVENT_AGE.toSeconds() });
        expect(s.resources[target!.DeadLetterConfig.Arn['Fn::GetAtt'][0]]!.Type).toBe('AWS::SQS::Queue');
      }
    }
  });

  it('alarms on the SES account bounce rate (5%) and complaint rate (0.1%)', () => {
    for (const s of [dev, prod]) {
      const alarms = ofType(s, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties as Json).filter((a) => a.Namespace === 'AWS/SES');
      expect(alarms.map((a) => [a.MetricName, a.Threshold]).sort()).toEqual([
        ['Reputation.BounceRate', BOUNCE_RATE_ALARM],
        ['Reputation.ComplaintRate', COMPLAINT_RATE_ALARM],
      ]);
      for (const a of alarms) expect(a).toMatchObject({ ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1, TreatMissingData: 'notBreaching' });
    }
  });
});
