import { randomBytes } from 'node:crypto';

/** Unique per call, so no test depends on another's data. */
export const unique = (): string => randomBytes(5).toString('hex');

/** An accent colour of its own, dark enough for white text on it (the accent rule: at least 4.5:1 against white). */
export const uniqueAccent = (): string => `#${[...unique().slice(0, 6)].map((c, i) => (i % 2 === 0 ? String(parseInt(c, 16) % 4) : c)).join('')}`;

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
