/**
 * The event rule table: functions that AWS services' events start through an EventBridge rule on the default bus
 * (not a schedule, not a queue). CDK creates per entry the function, the rule with its pattern, a retry policy and
 * a dead-letter queue with an alarm; tests call the handler with the event as AWS documents it (there is no local
 * event bus), under the entry's grants.
 */
import type { Capability } from './routes.js';

export interface EventRuleDef {
  readonly name: string;
  /** Handler file, relative to the repository root; it exports `handler` taking the EventBridge event. */
  readonly handler: string;
  readonly needs: readonly Capability[];
  readonly description: string;
  /** The rule's event pattern, as EventBridge takes it. */
  readonly pattern: { readonly source: readonly string[]; readonly detail: Readonly<Record<string, readonly string[]>> };
}

export const eventRules = [
  {
    name: 'ses-events',
    handler: 'functions/jobs/ses-events.ts',
    needs: ['table:update', 'table:put'],
    description: "SES bounces and complaints (from the configuration set's EventBridge destination): a permanent bounce or a complaint puts the address on its firm's suppression list",
    // Matched on the event's own type field: what the detail says, whatever SES names the detail-type.
    pattern: { source: ['aws.ses'], detail: { eventType: ['Bounce', 'Complaint'] } },
  },
] as const satisfies readonly EventRuleDef[];
