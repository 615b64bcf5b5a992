import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../shared/contracts/routes.js';
import { WEB_SESSION_COOKIE } from '../../shared/domain/web-session.js';
import { newId } from '../../shared/ids.js';
import { useApi } from '../support/api.js';
import { createProgram, type ProgramFixture } from '../support/coaching.js';
import { createFirm, type FirmFixture } from '../support/firms.js';
import { tenantSnapshot } from '../support/tenant-items.js';
import { signedIn, type WebUser } from '../support/web.js';

/**
 * CSRF on every state change of the staff web app: its session cookie is an ambient credential, so a form posted from
 * another site (or with no proof of where it came from) is refused before anything is read or written, whatever the
 * route. Iterates the route table: a new session POST route is covered the day it is added.
 */
const api = useApi();
let F: FirmFixture;
let program: ProgramFixture;
let owner: WebUser;

beforeAll(async () => {
  F = await createFirm(api);
  program = await createProgram(F);
  owner = await signedIn(api, F.owner.email, F.owner.password);
});

const postRoutes = routes.filter((r) => r.auth === 'session' && r.method === 'POST');

/** The route's path with real ids of the firm where it names them, so only the CSRF check stands in the way. */
const pathOf = (path: string): string =>
  path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const known: Record<string, string> = {
      programId: program.programId,
      clientId: program.clientId,
      sponsorId: program.sponsorId,
      actionId: program.actionId,
      sessionId: program.sessionId,
      userId: F.coach.userId,
    };
    return known[name] ?? newId();
  });

/** Headers of a form post as a browser sends it from another site, or as a forged request without any proof. */
const attacks = {
  'another site (Sec-Fetch-Site: cross-site)': { 'sec-fetch-site': 'cross-site' },
  'another origin (Origin header only)': { origin: 'https://evil.example' },
  'no proof of origin at all': {},
} as const;

describe('CSRF on the staff web app', () => {
  it('covers at least the sign-out', () => {
    expect(postRoutes.map((r) => r.id)).toContain('signOutPage');
  });

  describe.each(Object.entries(attacks))('a form post from %s', (_name, headers) => {
    it.each(postRoutes.map((r) => [r.id, r] as const))('%s is refused with 403 and nothing written', async (_id, route) => {
      const before = await tenantSnapshot(F.tenantId);
      const response = await fetch(`${api.url()}${pathOf(route.path)}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...headers, cookie: `${WEB_SESSION_COOKIE}=${owner.sessionCookie}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'title=Injected&note=Injected&email=attacker%40evil.example',
      });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('The form must be sent from a Waymark page');
      expect(await tenantSnapshot(F.tenantId)).toBe(before);
    });
  });

  it('the session still works after every refused post', async () => {
    expect((await owner.get('/app')).status).toBe(200);
  });
});
