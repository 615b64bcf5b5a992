import * as z from 'zod/mini';
import { email, text, timeZone } from './validation.js';

export const DEFAULT_TIME_ZONE = 'Europe/Zurich';
export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

export const slug = () =>
  z.string().check(
    z.trim(),
    z.toLowerCase(),
    z.minLength(3),
    z.maxLength(40),
    z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens, e.g. "acme-coaching"'),
  );

/** Self-serve sign-up of a coaching firm. The tenant id is never taken from input. */
export const tenantSignupSchema = z.strictObject({
  name: text(2, 120),
  slug: slug(),
  ownerEmail: email(),
  ownerName: text(1, 120),
  timeZone: z._default(timeZone(), DEFAULT_TIME_ZONE),
  locale: z._default(z.enum(LOCALES), 'en'),
});
export type TenantSignup = z.output<typeof tenantSignupSchema>;

export type TenantStatus = 'active' | 'suspended';
export type StaffRole = 'owner' | 'admin' | 'coach';
export type StaffStatus = 'invited' | 'active' | 'deactivated';

export interface Tenant {
  tenantId: string;
  name: string;
  slug: string;
  timeZone: string;
  locale: Locale;
  status: TenantStatus;
  branding: { displayName: string; logoUrl?: string; accentColour: string };
  sender: { fromName: string; replyTo: string };
  limits: { activeClients: number };
  createdAt: string;
}

export interface StaffUser {
  tenantId: string;
  userId: string;
  email: string;
  name: string;
  role: StaffRole;
  status: StaffStatus;
  createdAt: string;
}

export const DEFAULT_ACCENT_COLOUR = '#2f6f5e';
export const DEFAULT_ACTIVE_CLIENT_LIMIT = 25;

/** The firm and its owner as they stand right after sign-up: sensible defaults the owner can change later. */
export function newTenant(input: TenantSignup, ids: { tenantId: string; ownerUserId: string }, now: Date) {
  const createdAt = now.toISOString();
  const tenant: Tenant = {
    tenantId: ids.tenantId,
    name: input.name,
    slug: input.slug,
    timeZone: input.timeZone,
    locale: input.locale,
    status: 'active',
    branding: { displayName: input.name, accentColour: DEFAULT_ACCENT_COLOUR },
    sender: { fromName: input.name, replyTo: input.ownerEmail },
    limits: { activeClients: DEFAULT_ACTIVE_CLIENT_LIMIT },
    createdAt,
  };
  const owner: StaffUser = {
    tenantId: ids.tenantId,
    userId: ids.ownerUserId,
    email: input.ownerEmail,
    name: input.ownerName,
    role: 'owner',
    status: 'active',
    createdAt,
  };
  return { tenant, owner };
}
