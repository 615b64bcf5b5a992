import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { redactAddresses } from '../../shared/log.js';
import { useApi } from '../support/api.js';
import { signupBody, unique } from '../support/factories.js';
import { createFirm, type FirmFixture } from '../support/firms.js';

/** #16: log lines carry ids, never email addresses, whatever a refused request or a dependency put in them. */
const api = useApi();
let firm: FirmFixture;
const lines: string[] = [];
const level = process.env.LOG_LEVEL;

beforeAll(async () => {
  firm = await createFirm(api);
  process.env.LOG_LEVEL = 'debug';
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    lines.push(String(chunk));
    return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  });
}, 120_000);

afterAll(() => {
  vi.restoreAllMocks();
  process.env.LOG_LEVEL = level;
});

describe('log lines', () => {
  it('of refused and accepted requests that name addresses hold none of them', async () => {
    const addresses = [firm.coach.email, `nobody-${unique()}@firm.example`, firm.owner.email];
    expect((await firm.as('owner', 'POST', '/v1/invitations', { email: firm.coach.email, name: 'Again', role: 'coach' })).status).toBe(409);
    expect((await api.request('POST', '/v1/auth/sign-in', { json: { email: addresses[1], password: 'Wrong-password-1A' } })).status).toBe(401);
    expect((await api.request('POST', '/v1/tenants', { json: signupBody({ ownerEmail: firm.owner.email }) })).status).toBe(202);
    expect((await api.request('POST', '/v1/auth/password-reset', { json: { email: addresses[1] } })).status).toBe(202);
    const logged = lines.filter((l) => l.startsWith('{'));
    expect(logged.length).toBeGreaterThanOrEqual(3);
    for (const line of logged) for (const address of addresses) expect(line).not.toContain(address);
    expect(logged.join('\n')).not.toMatch(/@firm\.example/);
  });

  it('mask any address a message or a dependency error carries', () => {
    const line = JSON.stringify({ message: 'Email address is not verified. The following identities failed: carl.o+x@acme.example, "a@b.co"' });
    expect(redactAddresses(line)).toBe(JSON.stringify({ message: 'Email address is not verified. The following identities failed: [address], "[address]"' }));
  });
});
