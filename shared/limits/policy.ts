import type { Tenant } from '../domain/tenant.js';

/**
 * Every rate limit of the platform, as data: what is counted, per whom, how many, per how long. Fixed windows
 * aligned to the epoch (UTC), so a day window restarts at 00:00 UTC. The README's "Limits" table lists these.
 */
export type RatePer = 'source' | 'account' | 'firm' | 'recipient';

export interface RateRule {
  /** Names the counter in keys and in WAYMARK_RATE_LIMITS; a name is never reused for another meaning. */
  readonly name: string;
  /** Whose requests one counter holds: a source address or account address (platform), a firm or a recipient (tenant). */
  readonly per: RatePer;
  readonly limit: number;
  readonly windowSeconds: number;
  /** What is counted, for the 429 message: "Too many <counts>". */
  readonly counts: string;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const rateRules = {
  signInPerSource: { name: 'sign-in-source', per: 'source', limit: 30, windowSeconds: 15 * MINUTE, counts: 'sign-in attempts from this network address' },
  signInPerAccount: { name: 'sign-in-account', per: 'account', limit: 10, windowSeconds: 15 * MINUTE, counts: 'sign-in attempts for this account' },
  signUpPerSource: { name: 'sign-up-source', per: 'source', limit: 5, windowSeconds: HOUR, counts: 'sign-ups from this network address' },
  resetPerSource: { name: 'reset-source', per: 'source', limit: 10, windowSeconds: HOUR, counts: 'password reset requests from this network address' },
  invitationsPerFirmHour: { name: 'invite-firm-hour', per: 'firm', limit: 30, windowSeconds: HOUR, counts: 'invitation emails from this firm this hour' },
  invitationsPerFirmDay: { name: 'invite-firm-day', per: 'firm', limit: 200, windowSeconds: DAY, counts: 'invitation emails from this firm today' },
  /** Invitations and resends to one address from one firm. */
  invitationsPerRecipientDay: { name: 'invite-recipient-day', per: 'recipient', limit: 3, windowSeconds: DAY, counts: 'invitation emails to this address today' },
  /** Fresh links asked for from the page of a dead client link, per network address. */
  freshClientLinkPerSource: { name: 'client-link-source', per: 'source', limit: 10, windowSeconds: HOUR, counts: 'requests for a fresh link from this network address' },
  /** Link emails to one client (the coach's "send the link" and the client's own requests); session emails are not counted. */
  clientLinksPerRecipientDay: { name: 'client-link-recipient-day', per: 'recipient', limit: 5, windowSeconds: DAY, counts: 'link emails to this client today' },
} as const satisfies Record<string, RateRule>;

export type RateRuleName = (typeof rateRules)[keyof typeof rateRules]['name'];

/** A firm sends at these lower limits in its first days, so a throwaway sign-up is a poor tool for spam. */
export const NEW_FIRM_DAYS = 7;
const newFirmLimits: Partial<Record<RateRuleName, number>> = { 'invite-firm-hour': 10, 'invite-firm-day': 20 };

/** The sending rules for invitations and resends of a firm at `now`: per firm (hour, day) and per recipient (day). */
export function invitationRules(tenant: Pick<Tenant, 'createdAt'>, now: Date): { perFirm: RateRule[]; perRecipient: RateRule[] } {
  const isNew = now.getTime() - Date.parse(tenant.createdAt) < NEW_FIRM_DAYS * DAY * 1000;
  const atAge = (rule: RateRule): RateRule => {
    const lower = newFirmLimits[rule.name as RateRuleName];
    return isNew && lower !== undefined ? { ...rule, limit: lower } : rule;
  };
  return {
    perFirm: [atAge(rateRules.invitationsPerFirmHour), atAge(rateRules.invitationsPerFirmDay)],
    perRecipient: [rateRules.invitationsPerRecipientDay],
  };
}

/**
 * `WAYMARK_RATE_LIMITS=sign-in-source=100,reset-source=50` replaces the limit of the rules it names (for a new
 * firm too). Unset in AWS by default; the tests set it for the per-source rules, because every test file
 * connects from 127.0.0.1, which production clients never share.
 */
export const RATE_LIMITS_ENV = 'WAYMARK_RATE_LIMITS';

const ruleNames = new Set<string>(Object.values(rateRules).map((r) => r.name));
let parsed: { raw: string; limits: Map<string, number> } | undefined;

function configuredLimits(): Map<string, number> {
  const raw = process.env[RATE_LIMITS_ENV] ?? '';
  if (parsed?.raw === raw) return parsed.limits;
  const limits = new Map<string, number>();
  for (const entry of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const match = /^([a-z-]+)=(\d{1,9})$/.exec(entry);
    if (!match || !ruleNames.has(match[1]!) || Number(match[2]) < 1) {
      throw new Error(`Invalid configuration: ${RATE_LIMITS_ENV} entry ${JSON.stringify(entry)} is not <rule>=<limit ≥ 1> for a known rule`);
    }
    limits.set(match[1]!, Number(match[2]));
  }
  parsed = { raw, limits };
  return limits;
}

/** The limit that applies to a rule: the configured one if the environment names the rule, else the rule's own. */
export const limitOf = (rule: RateRule): number => configuredLimits().get(rule.name) ?? rule.limit;
