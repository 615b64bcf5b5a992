import type { Key, TenantScope } from '../../shared/db/keys.js';
import { authorize, type Permission, type StaffPrincipal } from '../../shared/domain/access.js';
import { authenticateStaff, staffCredentialFrom } from '../../shared/identity/authenticate.js';
import type { StaffClaims } from '../../shared/identity/tokens.js';
import { assertSameOrigin, httpHandler, type HttpEvent, type HttpReply, type HttpRequest } from './http.js';

// Apart from http.ts so that public and link functions (the client's page: often a cold first click) do not bundle
// token verification.

/**
 * For `staff` routes: the caller is authenticated, then authorized with the permission of the route's contract entry
 * (which the handler passes in), before the handler runs; the handler gets the principal. The session cookie is an
 * ambient credential: a state change it authenticates must come from our own origin.
 */
export function staffHandler(
  route: { readonly auth: 'staff'; readonly permission: Permission },
  fn: (request: HttpRequest & { principal: StaffPrincipal & { claims: StaffClaims }; loaded: Record<string, unknown>[] }) => Promise<HttpReply>,
  opts: { load?: (scope: TenantScope, event: HttpEvent) => readonly Key[] } = {},
) {
  return httpHandler(async (request) => {
    const credential = staffCredentialFrom(request.event.headers ?? {}, request.event.cookies);
    if (credential?.source === 'cookie') assertSameOrigin(request.event);
    const { also: loaded, ...principal } = await authenticateStaff(credential?.token, opts.load && ((scope) => opts.load!(scope, request.event)));
    authorize(principal, route.permission);
    return fn({ ...request, principal, loaded, log: request.log.with({ tenantId: principal.scope.tenantId, userId: principal.userId }) });
  });
}

