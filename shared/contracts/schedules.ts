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
    name: 'tenant-tick',
    expression: 'rate(15 minutes)',
    handler: 'functions/jobs/tenant-tick.ts',
    needs: ['table:query', 'queue:send:tenant-sweep'],
    description: "Fans out: one message per tenant to the tenant-sweep queue, whose worker does that tenant's scheduled work",
  },
  {
    name: 'unclaimed-firms',
    expression: 'rate(1 hour)',
    handler: 'functions/jobs/unclaimed-firms.ts',
    needs: ['table:query', 'table:query-index', 'table:delete', 'table:put', 'identity:delete-user'],
    description: 'Removes firms whose owner never set a password before the welcome link expired, freeing slug and address',
  },
] as const satisfies readonly ScheduleDef[];
