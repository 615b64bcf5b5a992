import * as z from 'zod/mini';
import { ULID_PATTERN } from '../ids.js';
import { lazySchema } from './validation.js';

/** What the tick's dispatcher sends per tenant: whose work, and the instant of the tick it belongs to. */
export const tenantSweepMessageSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    tenantId: z.string().check(z.regex(ULID_PATTERN, 'must be a tenant id')),
    /** The tick's instant: the work is computed for it, so a redelivered message does the same work. */
    tickAt: z.iso.datetime(),
  }));
export type TenantSweepMessage = z.output<typeof tenantSweepMessageSchema>;
