import * as z from 'zod/mini';
import { ULID_PATTERN } from '../ids.js';
import type { Tenant } from './tenant.js';
import { lazySchema } from './validation.js';

/** What the tick's dispatcher sends per tenant: whose work, and the instant of the tick it belongs to. */
export const tenantSweepMessageSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    tenantId: z.string().check(z.regex(ULID_PATTERN, 'must be a tenant id')),
    /** The tick's instant: the work is computed for it, so a redelivered message does the same work. */
    tickAt: z.iso.datetime(),
    /** The firm's profile as the registry had it at the tick (absent for a firm registered before the copy existed). */
    firm: z.optional(z.custom<Tenant>((v) => typeof v === 'object' && v !== null && typeof (v as Tenant).tenantId === 'string' && typeof (v as Tenant).status === 'string' && typeof (v as Tenant).reminderPolicy === 'object', "must be the firm's profile")),
  }).check(z.refine((m) => !m.firm || m.firm.tenantId === m.tenantId, { message: "the firm's profile must be the tenant's own", path: ['firm'] })));
export type TenantSweepMessage = z.output<typeof tenantSweepMessageSchema>;
