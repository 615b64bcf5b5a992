import * as z from 'zod/mini';
import { coachDigestPolicySchema, securityPolicySchema, LOCALES, limitsSchema, reminderPolicySchema, reportDefaultsSchema } from '../domain/tenant.js';

/**
 * The bodies the routes answer with on success, as the OpenAPI document declares them (shared/api/openapi.ts).
 * Strict: a field a handler adds without declaring it here (or an internal one it leaks) fails the integration
 * tests, which check every JSON success answer against its route's schema (test/support/api.ts).
 */
/**
 * Each schema is made on first use: response schemas serve the OpenAPI document and the tests, and a function that
 * only answers requests never pays for building them at cold start.
 */
const lazy = <T>(make: () => T): (() => T) => {
  let made: T | undefined;
  return () => (made ??= make());
};

const isoTime = () => z.iso.datetime();
const staffRole = () => z.enum(['owner', 'admin', 'coach']);
/** A `next` cursor: present while there are more items. */
const next = () => z.optional(z.string());

/** A staff user's daily digest as it applies (their choices over the firm's defaults), and when the next is due. */
const digestView = () =>
  z.strictObject({ enabled: z.boolean(), hour: z.int(), timeZone: z.string(), ownTimeZone: z.boolean(), nextAt: z.optional(isoTime()) });

export const staffViewSchema = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    role: staffRole(),
    status: z.enum(['invited', 'active', 'deactivated']),
    createdAt: isoTime(),
    digest: digestView(),
  }));

export const invitationViewSchema = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    invitationId: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['admin', 'coach']),
    status: z.enum(['pending', 'accepted', 'revoked']),
    invitedBy: z.string(),
    createdAt: isoTime(),
    /** Epoch seconds after which the link no longer works. */
    validUntil: z.int(),
    sends: z.int(),
    acceptedUserId: z.optional(z.string()),
    revokedBy: z.optional(z.string()),
    closedAt: z.optional(isoTime()),
    expired: z.boolean(),
  }));

const brandingView = () => z.strictObject({ displayName: z.string(), logoUrl: z.optional(z.nullable(z.string())), accentColour: z.string() });

export const settingsViewSchema = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    tenantId: z.string(),
    name: z.string(),
    slug: z.string(),
    timeZone: z.string(),
    locale: z.enum(LOCALES),
    status: z.enum(['active', 'suspended']),
    branding: brandingView(),
    sender: z.strictObject({ fromName: z.string(), replyTo: z.string() }),
    reminderPolicy: reminderPolicySchema,
    reportDefaults: reportDefaultsSchema,
    coachDigest: z.optional(coachDigestPolicySchema),
    security: z.optional(securityPolicySchema),
    limits: limitsSchema,
    createdAt: isoTime(),
    updatedAt: isoTime(),
    version: z.int(),
  }));

export const healthResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    status: z.enum(['ok', 'degraded']),
    version: z.string(),
    dependencies: z.strictObject({ table: z.enum(['ok', 'down']), email: z.enum(['ok', 'down']), identity: z.enum(['ok', 'down']) }),
  }));

export const signUpResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ slug: z.string(), next: z.string() }));
export const messageResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ message: z.string() }));
export const openApiResponse = /* @__PURE__ */ lazy(() =>
  z.looseObject({ openapi: z.literal('3.1.0'), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) }));

export const signInResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    idToken: z.string(),
    refreshToken: z.optional(z.string()),
    expiresIn: z.int(),
    tokenType: z.literal('Bearer'),
    user: z.strictObject({ userId: z.string(), email: z.string(), name: z.string(), role: staffRole(), tenantId: z.string() }),
  }));

export const passwordSetResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ email: z.string(), passwordSet: z.literal(true) }));
export const invitationAcceptedResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ staff: staffViewSchema(), tenantId: z.string() }));

export const meResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    user: z.strictObject({ userId: z.string(), email: z.string(), name: z.string(), role: staffRole() }),
    tenant: z.strictObject({ tenantId: z.string(), name: z.string(), slug: z.string(), timeZone: z.string(), locale: z.enum(LOCALES), branding: brandingView() }),
  }));

export const myPreferencesResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ digest: digestView() }));
export const settingsResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ settings: settingsViewSchema() }));
export const staffResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ staff: staffViewSchema() }));
export const staffPageResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ staff: z.array(staffViewSchema()), next: next() }));
export const ownershipResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ previousOwner: staffViewSchema(), owner: staffViewSchema() }));
/** The invitation, and whether its email went out now or waits in the outbox for the next try. */
export const invitationSentResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ invitation: invitationViewSchema(), email: z.enum(['sent', 'queued']) }));
export const invitationPageResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ invitations: z.array(invitationViewSchema()), next: next() }));

export const auditPageResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    events: z.array(
      z.strictObject({
        tenantId: z.string(),
        at: isoTime(),
        actor: z.strictObject({ kind: z.enum(['staff', 'client', 'sponsor', 'system', 'signup']), id: z.string() }),
        action: z.string(),
        resource: z.string(),
        details: z.optional(z.record(z.string(), z.unknown())),
      }),
    ),
    /** Pass back as `before` for the next (older) page. */
    next: next(),
  }));
