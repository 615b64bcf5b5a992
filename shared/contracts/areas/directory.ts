import type { RouteContract } from '../routes.js';
import { clientPathSchema, programPathSchema, sponsorPathSchema } from '../../domain/coaching.js';
import {
  clientCoachFormSchema,
  clientCreateFormSchema,
  clientEditFormSchema,
  clientsPageQuerySchema,
  pagedQuerySchema,
  programCreateFormSchema,
  programEditFormSchema,
  programNewQuerySchema,
  sponsorCreateFormSchema,
  sponsorEditFormSchema,
} from '../../domain/directory-forms.js';
import { SESSION_NEEDS } from '../session.js';

/**
 * The route contracts of the `directory` area: the staff web app's pages of clients and sponsors, and the settings
 * of a program (new, edit; the program's own page is the practice area's). HTML pages behind the session cookie;
 * forms posted as application/x-www-form-urlencoded, turned into the JSON API's inputs (shared/domain/directory-forms.ts).
 * Each entry is exported on its own, so a handler that imports its entry bundles no other route's.
 */

export const clientsPage = {
  id: 'clientsPage',
  method: 'GET',
  path: '/app/clients',
  handler: 'functions/http/directory/clients.ts',
  area: 'directory',
  auth: 'session',
  permission: 'coaching:read',
  needs: [...SESSION_NEEDS, 'table:query', 'table:query-index'],
  summary: 'The clients the user works with (owners and admins: the firm’s, by coach and status), a page at a time',
  page: true,
  request: { query: clientsPageQuerySchema },
  response: { status: 200, description: 'The clients page' },
} as const satisfies RouteContract;

export const clientNewPage = {
  id: 'clientNewPage',
  method: 'GET',
  path: '/app/clients/new',
  handler: 'functions/http/directory/client-new.ts',
  area: 'directory',
  auth: 'session',
  permission: 'coaching:read',
  needs: [...SESSION_NEEDS, 'table:query'],
  summary: 'The form of a new client (owners and admins pick the coach)',
  page: true,
  response: { status: 200, description: 'The new client form' },
} as const satisfies RouteContract;

export const clientCreate = {
  id: 'clientCreate',
  method: 'POST',
  path: '/app/clients',
  handler: 'functions/http/directory/client-new.ts',
  area: 'directory',
  auth: 'session',
  permission: 'coaching:write',
  needs: [...SESSION_NEEDS, 'table:query', 'table:put', 'table:update', 'table:condition-check'],
  summary: 'Adds a client (within the plan’s limit of active clients)',
  page: true,
  request: { body: clientCreateFormSchema },
  response: { status: 303, description: 'Added: on to the client’s page (400: the form again with its problems; 409: over the plan’s limit)' },
} as const satisfies RouteContract;

export const clientDetailsPage = {
  id: 'clientDetailsPage',
  method: 'GET',
  path: '/app/clients/{clientId}',
  handler: 'functions/http/directory/client.ts',
  area: 'directory',
  auth: 'session',
  permission: 'coaching:read',
  needs: [...SESSION_NEEDS, 'table:query', 'table:query-index'],
  summary: 'One client: edit, archive or reactivate, move to another coach; their programs',
  page: true,
  request: { path: clientPathSchema },
  response: { status: 200, description: 'The client page' },
} as const satisfies RouteContract;

export const clientDetailsSubmit = {
  id: 'clientDetailsSubmit',
  method: 'POST',
  path: '/app/clients/{clientId}',
  handler: 'functions/http/directory/client.ts',
  area: 'directory',
  auth: 'session',
  permission: 'coaching:write',
  needs: [...SESSION_NEEDS, 'table:query', 'table:query-index', 'table:put', 'table:update', 'table:condition-check'],
  summary: 'Saves the client form, or archives or reactivates the client',
  page: true,
  request: { path: clientPathSchema, body: clientEditFormSchema },
  response: { status: 303, description: 'Saved: back to the client page (400: the form again; 409: over the plan’s limit, or changed meanwhile)' },
} as const satisfies RouteContract;

export const clientReassign = {
  id: 'clientReassign',
  method: 'POST',
  path: '/app/clients/{clientId}/coach',
  handler: 'functions/http/directory/client-coach.ts',
  area: 'directory',
  auth: 'session',
  permission: 'clients:assign',
  needs: [...SESSION_NEEDS, 'table:query', 'table:query-index', 'table:put', 'table:update', 'table:condition-check'],
  summary: 'Moves a client, with their programs, to another coach (owners and admins)',
  page: true,
  request: { path: clientPathSchema, body: clientCoachFormSchema },
  response: { status: 303, description: 'Moved: back to the client page (400: not an active coach of the firm)' },
} as const satisfies RouteContract;

export const sponsorsPage = {
  id: 'sponsorsPage',
  method: 'GET',
  path: '/app/sponsors',
  handler: 'functions/http/directory/sponsors.ts',
  area: 'directory',
  auth: 'session',
  permission: 'coaching:read',
  needs: [...SESSION_NEEDS, 'table:query'],
  summary: 'The firm’s sponsors, a page at a time',
  page: true,
  request: { query: pagedQuerySchema },
  response: { status: 200, description: 'The sponsors page' },
} as const satisfies RouteContract;

export const sponsorNewPage = {
  id: 'sponsorNewPage',
  method: 'GET',
  path: '/app/sponsors/new',
  handler: 'functions/http/directory/sponsor-new.ts',
  area: 'directory',
  auth: 'session',
  permission: 'coaching:read',
  needs: [...SESSION_NEEDS],
  summary: 'The form of a new sponsor',
  page: true,
  response: { status: 200, description: 'The new sponsor form' },
} as const satisfies RouteContract;

export const sponsorCreate = {
  id: 'sponsorCreate',
  method: 'POST',
  path: '/app/sponsors',
  handler: 'functions/http/directory/sponsor-new.ts',
  area: 'directory',
  auth: 'session',
  permission: 'coaching:write',
  needs: [...SESSION_NEEDS, 'table:put'],
  summary: 'Adds a sponsor',
  page: true,
  request: { body: sponsorCreateFormSchema },
  response: { status: 303, description: 'Added: on to the sponsor’s page (400: the form again with its problems)' },
} as const satisfies RouteContract;

export const sponsorPage = {
  id: 'sponsorPage',
  method: 'GET',
  path: '/app/sponsors/{sponsorId}',
  handler: 'functions/http/directory/sponsor.ts',
  area: 'directory',
  auth: 'session',
  permission: 'coaching:read',
  needs: [...SESSION_NEEDS],
  summary: 'One sponsor: edit, archive or reactivate',
  page: true,
  request: { path: sponsorPathSchema },
  response: { status: 200, description: 'The sponsor page' },
} as const satisfies RouteContract;

export const sponsorSubmit = {
  id: 'sponsorSubmit',
  method: 'POST',
  path: '/app/sponsors/{sponsorId}',
  handler: 'functions/http/directory/sponsor.ts',
  area: 'directory',
  auth: 'session',
  permission: 'coaching:write',
  needs: [...SESSION_NEEDS, 'table:put'],
  summary: 'Saves the sponsor form, or archives or reactivates the sponsor',
  page: true,
  request: { path: sponsorPathSchema, body: sponsorEditFormSchema },
  response: { status: 303, description: 'Saved: back to the sponsor page (400: the form again; 409: changed meanwhile)' },
} as const satisfies RouteContract;

export const programNewPage = {
  id: 'programNewPage',
  method: 'GET',
  path: '/app/programs/new',
  handler: 'functions/http/directory/program-new.ts',
  area: 'directory',
  auth: 'session',
  permission: 'coaching:read',
  needs: [...SESSION_NEEDS, 'table:query'],
  summary: 'The form of a new program for a client (`clientId` in the query)',
  page: true,
  request: { query: programNewQuerySchema },
  response: { status: 200, description: 'The new program form' },
} as const satisfies RouteContract;

export const programCreate = {
  id: 'programCreate',
  method: 'POST',
  path: '/app/programs',
  handler: 'functions/http/directory/program-new.ts',
  area: 'directory',
  auth: 'session',
  permission: 'coaching:write',
  needs: [...SESSION_NEEDS, 'table:query', 'table:put', 'table:condition-check'],
  summary: 'Starts a program for a client',
  page: true,
  request: { body: programCreateFormSchema },
  response: { status: 303, description: 'Started: on to the program’s page (400: the form again with its problems)' },
} as const satisfies RouteContract;

export const programEditPage = {
  id: 'programEditPage',
  method: 'GET',
  path: '/app/programs/{programId}/edit',
  handler: 'functions/http/directory/program-edit.ts',
  area: 'directory',
  auth: 'session',
  permission: 'coaching:read',
  needs: [...SESSION_NEEDS, 'table:query'],
  summary: 'The settings of a program: the same fields as a new one, and its status',
  page: true,
  request: { path: programPathSchema },
  response: { status: 200, description: 'The program settings form' },
} as const satisfies RouteContract;

export const programEditSubmit = {
  id: 'programEditSubmit',
  method: 'POST',
  path: '/app/programs/{programId}/edit',
  handler: 'functions/http/directory/program-edit.ts',
  area: 'directory',
  auth: 'session',
  permission: 'coaching:write',
  needs: [...SESSION_NEEDS, 'table:query', 'table:update', 'table:condition-check', 'table:put', 'table:delete'],
  summary: 'Saves a program’s settings or status, provided it is still as the form showed it (its version)',
  page: true,
  request: { path: programPathSchema, body: programEditFormSchema },
  response: { status: 303, description: 'Saved: on to the program’s page (400: the form again; 409: changed meanwhile)' },
} as const satisfies RouteContract;
