import { monotonicFactory } from 'ulid';
import { createHash, randomBytes } from 'node:crypto';

/** ULIDs: fixed length (26), sortable by creation time; tenant ids must be fixed-length for IAM LeadingKeys. */
const next = monotonicFactory();

export const newId = (now: number = Date.now()): string => next(now);

export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** A secret for emailed links: 256 random bits, URL-safe. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** A stable, non-reversible stand-in for a value that must not appear in keys or logs (an email address). */
export const digest = (value: string): string => createHash('sha256').update(value).digest('base64url');
