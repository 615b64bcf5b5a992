import * as z from 'zod/mini';
import { routes, type RouteDef, type RouteId } from '../contracts/routes.js';
import { auditQuerySchema } from '../domain/audit.js';
import { linkPageQuerySchema, passwordResetRequestSchema, setPasswordSchema, signInSchema, signOutSchema } from '../domain/auth.js';
import {
  invitationAcceptSchema,
  invitationCreateSchema,
  invitationListQuerySchema,
  invitationPathSchema,
  ownershipTransferSchema,
  staffListQuerySchema,
  staffPathSchema,
  staffUpdateSchema,
} from '../domain/staff.js';
import { settingsPatchSchema, tenantSignupSchema } from '../domain/tenant.js';

/**
 * The OpenAPI 3.1 document, generated from the route table and the same zod schemas the handlers validate with.
 * Every route must be listed here (the Record type makes a missing one a compile error).
 */
interface RouteDoc {
  body?: z.ZodMiniType;
  /** The body may be left out altogether. */
  bodyOptional?: boolean;
  path?: z.ZodMiniType;
  query?: z.ZodMiniType;
  success: { status: number; description: string };
  /** Counted against a rate limit: may answer 429 with Retry-After. */
  rateLimited?: boolean;
  /** An HTML page (and its form, sent as application/x-www-form-urlencoded), not JSON. */
  page?: boolean;
}

const docs: Record<RouteId, RouteDoc> = {
  health: { success: { status: 200, description: 'All dependencies answer (503 names the ones that do not)' } },
  createTenant: {
    body: tenantSignupSchema,
    rateLimited: true,
    success: { status: 202, description: 'The next step is on its way to the owner address (the same answer whether or not the address has an account)' },
  },
  getOpenApi: { success: { status: 200, description: 'This document' } },
  signIn: { body: signInSchema, rateLimited: true, success: { status: 200, description: 'An ID token (use as Bearer) and a session cookie' } },
  setPassword: { body: setPasswordSchema, success: { status: 200, description: 'The password is set; sign in with it' } },
  requestPasswordReset: { body: passwordResetRequestSchema, rateLimited: true, success: { status: 202, description: 'A reset link is sent if the address is an active account' } },
  acceptInvitation: { body: invitationAcceptSchema, success: { status: 201, description: 'The new staff user' } },
  getMe: { success: { status: 200, description: 'The signed-in user and firm' } },
  getSettings: { success: { status: 200, description: 'Firm settings' } },
  updateSettings: { body: settingsPatchSchema, success: { status: 200, description: 'The settings after the change' } },
  listStaff: { query: staffListQuerySchema, success: { status: 200, description: 'Staff users, a page at a time, and a `next` cursor' } },
  getStaff: { path: staffPathSchema, success: { status: 200, description: 'One staff user' } },
  updateStaff: { path: staffPathSchema, body: staffUpdateSchema, success: { status: 200, description: 'The staff user after the change' } },
  transferOwnership: { body: ownershipTransferSchema, success: { status: 200, description: 'The new and the previous owner' } },
  createInvitation: { body: invitationCreateSchema, rateLimited: true, success: { status: 201, description: 'The invitation; its email is sent or queued' } },
  listInvitations: { query: invitationListQuerySchema, success: { status: 200, description: 'Invitations, newest first, with whether each has expired, and a `next` cursor' } },
  revokeInvitation: { path: invitationPathSchema, success: { status: 204, description: 'Revoked; its link no longer works' } },
  resendInvitation: { path: invitationPathSchema, rateLimited: true, success: { status: 200, description: 'The invitation with a new link and validity period' } },
  listAudit: { query: auditQuerySchema, success: { status: 200, description: 'Audit events, newest first, and a `next` cursor' } },
  signOut: { body: signOutSchema, bodyOptional: true, success: { status: 204, description: 'This session has ended; the cookie is cleared' } },
  signOutEverywhere: { success: { status: 204, description: 'Every session of the caller has ended' } },
  setPasswordPage: { page: true, query: linkPageQuerySchema, success: { status: 200, description: 'The set-password form (410: the link no longer works, with a form for a fresh one)' } },
  setPasswordSubmit: { page: true, body: setPasswordSchema, success: { status: 200, description: 'Password set; where to sign in (400: the form again, with what is wrong)' } },
  acceptInvitationPage: { page: true, query: linkPageQuerySchema, success: { status: 200, description: 'The invitation form, the name as invited' } },
  acceptInvitationSubmit: { page: true, body: invitationAcceptSchema, success: { status: 201, description: 'Account created; the next step' } },
  resetPasswordPage: { page: true, query: linkPageQuerySchema, success: { status: 200, description: 'A form to ask for a reset link' } },
  resetPasswordSubmit: { page: true, body: passwordResetRequestSchema, rateLimited: true, success: { status: 200, description: 'The same answer for any address' } },
};

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

const jsonSchema = (schema: z.ZodMiniType) => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

function operation(route: RouteDef, doc: RouteDoc) {
  const pathSchemas = (doc.path ? (jsonSchema(doc.path) as { properties?: Record<string, { type: string }> }).properties : undefined) ?? {};
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: pathSchemas[m[1]!] ?? { type: 'string' } }));
  if (doc.query) {
    const query = jsonSchema(doc.query) as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      params.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema: schema as { type: string } });
    }
  }
  const errors: Record<string, string> = { '400': 'A field is missing or not valid', '500': 'A fault on our side' };
  if (route.auth === 'staff') Object.assign(errors, { '401': 'No valid token', '403': 'Your role does not allow this', '404': 'Not found in your firm' });
  if (doc.body || route.method !== 'GET') errors['409'] = 'Conflicts with the current state';
  if (doc.rateLimited) errors['429'] = 'Too many requests: try again after Retry-After seconds';
  return {
    operationId: route.id,
    summary: route.summary,
    ...(route.auth === 'staff' ? { security: [{ staffToken: [] }] } : { security: [] }),
    ...(params.length ? { parameters: params } : {}),
    ...(doc.body ? { requestBody: { required: !doc.bodyOptional, content: { [doc.page ? 'application/x-www-form-urlencoded' : 'application/json']: { schema: jsonSchema(doc.body) } } } } : {}),
    responses: {
      [String(doc.success.status)]: {
        description: doc.success.description,
        ...(doc.success.status === 204 ? {} : { content: doc.page ? { 'text/html': { schema: { type: 'string' } } } : { 'application/json': { schema: { type: 'object' } } } }),
      },
      ...Object.fromEntries(
        Object.entries(errors).map(([status, description]) => [
          status,
          {
            description,
            ...(status === '429' ? { headers: { 'Retry-After': { description: 'Seconds until the limit window ends', schema: { type: 'integer' } } } } : {}),
            content: { 'application/json': { schema: status === '401' ? unauthorizedSchema : { $ref: '#/components/schemas/Error' } } },
          },
        ]),
      ),
    },
  };
}

export function openApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, docs[route.id]);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Waymark API', version, description: 'Coaching programs between sessions. Staff authenticate with a Cognito ID token as Bearer.' },
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: { staffToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
