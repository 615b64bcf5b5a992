/**
 * The schedule table: the single source of truth for timed jobs.
 * CDK creates one EventBridge rule per entry; the local scheduler (`npm start`, `npm run tick`) reads the same list.
 * Expressions use EventBridge syntax: `rate(N minutes|hours|days)` or `cron(min hour day-of-month month day-of-week year)`.
 */
import type { Capability } from './routes.js';

export interface ScheduleDef {
  readonly name: string;
  readonly expression: string;
  /** Handler file, relative to the repository root; it exports `handler` taking an EventBridge scheduled event. */
  readonly handler: string;
  readonly needs: readonly Capability[];
  readonly description: string;
}

export const schedules = [
  {
    name: 'email-outbox',
    expression: 'rate(5 minutes)',
    handler: 'functions/jobs/email-outbox.ts',
    needs: ['table:query', 'table:query-index', 'table:get', 'table:put', 'table:update', 'table:condition-check', 'email:send'],
    description: 'Delivers queued emails whose first attempt failed or was interrupted',
  },
  {
    name: 'unclaimed-firms',
    expression: 'rate(1 hour)',
    handler: 'functions/jobs/unclaimed-firms.ts',
    needs: ['table:query', 'table:query-index', 'table:delete', 'table:put', 'identity:delete-user'],
    description: 'Removes firms whose owner never set a password before the welcome link expired, freeing slug and address',
  },
] as const satisfies readonly ScheduleDef[];
