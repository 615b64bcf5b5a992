import type { Capability } from './routes.js';

/**
 * What every `session` route needs to check its session (shared/tenancy/web-sessions.ts): read the firm, the user and
 * the session in one BatchGet, stamp the session's last use, remove an ended one, and renew Cognito's tokens.
 */
export const SESSION_NEEDS = ['table:batch-get', 'table:update', 'table:delete', 'identity:sign-in'] as const satisfies readonly Capability[];
