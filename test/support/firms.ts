import type { StaffRole } from '../../shared/domain/tenant.js';
import type { ApiResponse, useApi } from './api.js';
import { signupBody, unique } from './factories.js';
import { emailsTo } from './inbox.js';

type Api = ReturnType<typeof useApi>;

export interface StaffFixture {
  userId: string;
  email: string;
  password: string;
  token: string;
}

export interface FirmFixture {
  tenantId: string;
  slug: string;
  owner: StaffFixture;
  admin: StaffFixture;
  coach: StaffFixture;
  /** A request as one of the firm's staff. */
  as(role: StaffRole, method: string, path: string, json?: unknown): Promise<ApiResponse<Record<string, any>>>;
}

/** The link token in the newest email to an address (welcome, invitation, reset). */
export async function linkTokenSentTo(address: string): Promise<string> {
  const mails = await emailsTo(address);
  const text = mails.at(-1)?.body.text ?? '';
  const token = /token=([\w.-]+)/.exec(text)?.[1];
  if (!token) throw new Error(`no link in the newest email to ${address}`);
  return decodeURIComponent(token);
}

export async function signIn(api: Api, email: string, password: string): Promise<string> {
  const res = await api.request<{ idToken: string }>('POST', '/v1/auth/sign-in', { json: { email, password } });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.idToken;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Invites, accepts and signs in a staff user of a firm, the way a person does it, through the API and the inbox. */
export async function addStaff(api: Api, ownerToken: string, role: 'admin' | 'coach'): Promise<StaffFixture> {
  const email = `${role}-${unique()}@firm.example`;
  const password = `Pass-${unique()}-Aa1`;
  const invited = await api.request('POST', '/v1/invitations', { json: { email, name: `${role} ${unique()}`, role }, headers: bearer(ownerToken) });
  if (invited.status !== 201) throw new Error(`invitation failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  const accepted = await api.request<{ staff: { userId: string } }>('POST', '/v1/auth/accept-invitation', {
    json: { token: await linkTokenSentTo(email), password },
  });
  if (accepted.status !== 201) throw new Error(`acceptance failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { userId: accepted.body.staff.userId, email, password, token: await signIn(api, email, password) };
}

/** Signs up a firm as a person does: the API answers 202, the welcome link (which names the tenant) comes by email. */
export async function signUp(api: Api, body: ReturnType<typeof signupBody>): Promise<{ tenantId: string; token: string }> {
  const created = await api.request('POST', '/v1/tenants', { json: body });
  if (created.status !== 202) throw new Error(`sign-up failed: ${created.status} ${JSON.stringify(created.body)}`);
  const token = await linkTokenSentTo(body.ownerEmail);
  return { tenantId: token.split('.')[0]!, token };
}

/** A firm with a signed-in owner, admin and coach. */
export async function createFirm(api: Api, overrides: Record<string, unknown> = {}): Promise<FirmFixture> {
  const body = signupBody(overrides);
  const { tenantId, token: welcomeToken } = await signUp(api, body);
  const password = `Owner-${unique()}-Aa1`;
  const set = await api.request('POST', '/v1/auth/password', { json: { token: welcomeToken, password } });
  if (set.status !== 200) throw new Error(`set password failed: ${set.status} ${JSON.stringify(set.body)}`);
  const ownerToken = await signIn(api, body.ownerEmail, password);
  const me = await api.request<{ user: { userId: string } }>('GET', '/v1/me', { headers: bearer(ownerToken) });
  const owner: StaffFixture = { userId: me.body.user.userId, email: body.ownerEmail, password, token: ownerToken };
  const admin = await addStaff(api, owner.token, 'admin');
  const coach = await addStaff(api, owner.token, 'coach');
  const staff = { owner, admin, coach };
  return {
    tenantId,
    slug: body.slug,
    ...staff,
    as: (role, method, path, json) => api.request(method, path, { ...(json === undefined ? {} : { json }), headers: bearer(staff[role].token) }),
  };
}

/** The link in the newest email to an address as a path on the app (`/set-password?token=…`), to open on the gateway. */
export async function linkPathSentTo(address: string): Promise<string> {
  const mails = await emailsTo(address);
  const found = /https?:\/\/\S+\?token=[\w.%-]+/.exec(mails.at(-1)?.body.text ?? '')?.[0];
  if (!found) throw new Error(`no link in the newest email to ${address}`);
  const url = new URL(found);
  return `${url.pathname}${url.search}`;
}

/** A new firm with only its owner, who set a password through the API and is signed in. */
export async function createOwner(api: Api, overrides: Record<string, unknown> = {}): Promise<{ tenantId: string; name: string; owner: StaffFixture }> {
  const body = signupBody(overrides);
  const { tenantId, token: welcomeToken } = await signUp(api, body);
  const password = `Owner-${unique()}-Aa1`;
  const set = await api.request('POST', '/v1/auth/password', { json: { token: welcomeToken, password } });
  if (set.status !== 200) throw new Error(`set password failed: ${set.status} ${JSON.stringify(set.body)}`);
  const token = await signIn(api, body.ownerEmail, password);
  const me = await api.request<{ user: { userId: string } }>('GET', '/v1/me', { headers: bearer(token) });
  return { tenantId, name: body.name, owner: { userId: me.body.user.userId, email: body.ownerEmail, password, token } };
}
