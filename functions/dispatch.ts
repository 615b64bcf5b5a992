import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { createLogger } from '../shared/log.js';
import { toResult } from './middleware/http.js';

/**
 * The entry of a Lambda function that serves a group of routes (one area, one auth kind: infra/stacks/route-groups.ts
 * generates one entry per group at synth time). API Gateway names the route it matched in `event.routeKey`
 * (`GET /v1/staff/{userId}`), and that route's own handler answers, untouched: each stays a complete handler.
 */
export type RouteHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

export function dispatchByRouteKey(group: string, handlers: Readonly<Record<string, RouteHandler>>): RouteHandler {
  const byKey = new Map(Object.entries(handlers));
  return async (event, context) => {
    const handler = byKey.get(event.routeKey);
    if (handler) return handler(event, context);
    // Only an API route wired to the wrong function gets here: answer as for an unknown path, in the error shape.
    const requestId = event.requestContext?.requestId ?? context.awsRequestId;
    createLogger({ requestId, awsRequestId: context.awsRequestId, route: event.routeKey }).error('no handler for this route in this function', { group });
    return toResult({ status: 404, body: { error: { code: 'not_found', message: 'There is nothing at this address', requestId } } }, requestId);
  };
}
