/**
 * The HTTP API: one API Gateway HTTP API with a JSON access log and a stage-wide throttle, one API route per route
 * table entry, and one Lambda function per function group (area and auth kind, route-groups.ts) behind them. Staff
 * routes sit behind the Cognito JWT authorizer; every other route names why it has none (nag.ts).
 */
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { CfnStage, HttpApi, HttpMethod as ApiHttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { routeKey, type RouteDef } from '../../shared/contracts/routes.js';
import { pascal, type FunctionFactory } from './function-factory.js';
import type { Identity } from './identity.js';
import { acknowledge, publicRouteReasons, sessionRouteReason } from './nag.js';
import { functionGroups, writeGroupEntry, type FunctionGroup } from './route-groups.js';

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

/** Route functions answer before API Gateway gives up (29 s). */
export const ROUTE_TIMEOUT = Duration.seconds(10);

export interface ApiProps {
  readonly stage: string;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  readonly identity: Identity;
}

export class Api extends Construct {
  readonly httpApi: HttpApi;
  /** The function groups of the route table, and each group's function by group name and by route id. */
  readonly groups: FunctionGroup[] = [];
  readonly groupFunctions = new Map<string, NodejsFunction>();
  readonly routeFunctions = new Map<string, NodejsFunction>();
  private readonly identity: Identity;
  private staffAuthorizer: HttpJwtAuthorizer | undefined;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.identity = props.identity;
    this.httpApi = new HttpApi(this, 'HttpApi', { description: `Waymark API (${props.stage})` });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: props.removalPolicy });
    const defaultStage = this.httpApi.defaultStage?.node.defaultChild;
    if (defaultStage instanceof CfnStage) {
      // Public routes (sign-up among them) need a ceiling; per-route limits can be tightened later.
      defaultStage.defaultRouteSettings = { throttlingRateLimit: 50, throttlingBurstLimit: 100 };
      // One JSON line per request, joinable with the function logs on requestId.
      defaultStage.accessLogSettings = { destinationArn: accessLogs.logGroupArn, format: JSON.stringify(accessLogFormat) };
    }
  }

  /**
   * One function per group of the table, and each route's API route integrated with its group's function. The
   * functions are made after the API exists because their environment names its URL.
   */
  addRoutes(table: readonly RouteDef[], functions: FunctionFactory, repoRoot: string): void {
    for (const group of functionGroups(table)) {
      const fn = functions.create(this, group.name, {
        entry: writeGroupEntry(group, repoRoot),
        needs: group.needs,
        description: `${group.name}: ${group.routes.map(routeKey).join(', ')}`,
        timeout: ROUTE_TIMEOUT,
      });
      this.groups.push(group);
      this.groupFunctions.set(group.name, fn);
      // One integration per function, and one invoke permission for it scoped to this API rather than one per route
      // (a resource per route); only routes integrated with the function can invoke it either way.
      const integration = new HttpLambdaIntegration(`${pascal(group.name)}Integration`, fn, { scopePermissionToRoute: false });
      for (const route of group.routes) {
        this.routeFunctions.set(route.id, fn);
        const authorizer = route.auth === 'staff' ? this.authorizer() : undefined;
        const apiRoutes = this.httpApi.addRoutes({
          path: route.path,
          methods: [ApiHttpMethod[route.method]],
          integration,
          ...(authorizer ? { authorizer } : {}),
        });
        // Every route without the JWT authorizer (public, and link routes that verify their link) names its reason.
        const reason = route.auth === 'session' ? sessionRouteReason : route.auth !== 'staff' ? publicRouteReasons[route.id] : undefined;
        if (reason) for (const apiRoute of apiRoutes) acknowledge(apiRoute, 'AwsSolutions-APIG4', reason);
      }
    }
  }

  private authorizer(): HttpJwtAuthorizer {
    this.staffAuthorizer ??= new HttpJwtAuthorizer('StaffAuthorizer', this.identity.tokenIssuer, {
      jwtAudience: [this.identity.userPoolClient.userPoolClientId],
    });
    return this.staffAuthorizer;
  }
}
