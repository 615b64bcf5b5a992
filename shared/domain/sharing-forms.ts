import * as z from 'zod/mini';
import { ULID_PATTERN } from '../ids.js';
import { sponsorIdSchema } from './coaching.js';
import { SHARING_LEVELS } from './tenant.js';
import { lazySchema } from './validation.js';

/**
 * The client's sharing page: its query (the link token, the level whose preview to show, the sponsor whose language
 * the preview speaks) and its one form, the client's agreement to a level (an empty field counts as not given).
 */
const token = () => z.string().check(z.minLength(1), z.maxLength(200));
const level = () => z.enum(SHARING_LEVELS, 'must be one of metrics, actions, assessments, full');

/** Other parameters (a mail client's tracking) are ignored; a malformed level or sponsor just shows the default. */
export const sharingPageQuerySchema = /* @__PURE__ */ lazySchema(() => z.object({ token: token(), level: z.optional(level()), sponsor: z.optional(sponsorIdSchema()) }));

export const sharingFormSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    intent: z.literal('agree'),
    token: token(),
    change: z.string().check(z.regex(ULID_PATTERN, 'must be the change id of the form')),
    level: level(),
    sponsor: z.optional(sponsorIdSchema()),
  }));
export type SharingForm = z.output<typeof sharingFormSchema>;
