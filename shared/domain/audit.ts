import * as z from 'zod/mini';
import { lazySchema } from './validation.js';

export const auditQuerySchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 50),
  before: z.optional(z.string().check(z.regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z#[0-9A-HJKMNP-TV-Z]{26}$/, 'must be the "next" value of a previous page'))),
}));
