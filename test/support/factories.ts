import { randomBytes } from 'node:crypto';

/** Unique per call, so no test depends on another's data. */
export const unique = (): string => randomBytes(5).toString('hex');

export function signupBody(overrides: Record<string, unknown> = {}) {
  const id = unique();
  return {
    name: `Firm ${id}`,
    slug: `firm-${id}`,
    ownerEmail: `owner-${id}@firm.example`,
    ownerName: `Owner ${id}`,
    timeZone: 'Europe/Zurich',
    ...overrides,
  };
}
