import { WEB_SESSION_COOKIE } from '../domain/web-session.js';
import * as z from 'zod/mini';
import { routes, type RouteContract } from '../contracts/routes.js';

/** The OpenAPI 3.1 document, derived from the route table's contracts: the same zod schemas the handlers validate with. */
const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'requestId'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        requestId: { type: 'string' },
        fields: { type: 'array', items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } } },
      },
    },
  },
};

// A missing or bad bearer token is refused by the HTTP API's JWT authorizer before any handler runs, in its own shape.
const unauthorizedSchema = {
  oneOf: [{ $ref: '#/components/schemas/Error' }, { type: 'object', required: ['message'], properties: { message: { const: 'Unauthorized' } } }],
};

const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output' = 'input') => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const html = { 'text/html': { schema: { type: 'string' } } };

function operation(route: RouteContract) {
  const { path, query, body, bodyOptional } = route.request ?? {};
  const pathSchemas = (path ? (jsonSchema(path) as { properties?: Record<string, { type: string }> }).properties : undefined) ?? {};
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: pathSchemas[m[1]!] ?? { type: 'string' } }));
  if (query) {
    const parsed = jsonSchema(query) as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, schema] of Object.entries(parsed.properties ?? {})) {
      params.push({ name, in: 'query', required: parsed.required?.includes(name) ?? false, schema: schema as { type: string } });
    }
  }
  const errors: Record<string, string> = { '400': 'A field is missing or not valid', '500': 'A fault on our side' };
  if (route.auth === 'staff') Object.assign(errors, { '401': 'No valid token', '403': 'Your role does not allow this', '404': 'Not found in your firm' });
  if (route.auth === 'link') errors['410'] = 'The link is used, expired or revoked';
  if (route.auth === 'session') Object.assign(errors, { '403': 'Your role does not allow this, or a cross-site request', '404': 'Not found in your firm' });
  if (body || route.method !== 'GET') errors['409'] = 'Conflicts with the current state';
  if (route.rateLimited) errors['429'] = 'Too many requests: try again after Retry-After seconds';
  const { status, description } = route.response;
  const answer = route.response.body?.();
  return {
    operationId: route.id,
    summary: route.summary,
    ...(route.auth === 'staff' ? { security: [{ staffToken: [] }] } : route.auth === 'session' ? { security: [{ staffSession: [] }] } : { security: [] }),
    ...(params.length ? { parameters: params } : {}),
    ...(body ? { requestBody: { required: !bodyOptional, content: { [route.page ? 'application/x-www-form-urlencoded' : 'application/json']: { schema: jsonSchema(body) } } } } : {}),
    responses: {
      [String(status)]: {
        description,
        ...(route.page ? { content: html } : answer ? { content: { 'application/json': { schema: jsonSchema(answer, 'output') } } } : {}),
      },
      ...Object.fromEntries(
        Object.entries(errors).map(([code, text]) => [
          code,
          {
            description: text,
            ...(code === '429' ? { headers: { 'Retry-After': { description: 'Seconds until the limit window ends', schema: { type: 'integer' } } } } : {}),
            // Page routes answer errors with a page in the visitor's language.
            content: route.page ? html : { 'application/json': { schema: code === '401' ? unauthorizedSchema : { $ref: '#/components/schemas/Error' } } },
          },
        ]),
      ),
    },
  };
}

export function openApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Waymark API',
      version,
      description: 'Coaching programs between sessions. Staff authenticate with a Cognito ID token as Bearer.',
      // Not open source (package.json: UNLICENSED); an SPDX reference for a licence of our own.
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    // Relative: the document is served by the deployment it describes, whatever its domain.
    servers: [{ url: '/', description: 'this deployment' }],
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        staffToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        // The staff web app's pages: the browser's session cookie (sign in at /sign-in); without one, a 303 to sign in.
        staffSession: { type: 'apiKey', in: 'cookie', name: WEB_SESSION_COOKIE },
      },
    },
  };
}
