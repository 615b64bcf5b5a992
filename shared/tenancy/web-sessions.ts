import { BatchGetCommand, DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { auditItem } from '../db/audit.js';
import { db, tableName } from '../db/client.js';
import { keys, tenantScope, type Key, type TenantScope } from '../db/keys.js';
import { setFields, transact, withoutKeys } from '../db/transact.js';
import type { StaffPrincipal } from '../domain/access.js';
import type { StaffUser, Tenant } from '../domain/tenant.js';
import {
  judgeSession,
  parseSessionCookie,
  sessionCookieValue,
  WEB_SESSION,
  type SessionEnd,
  type WebSession,
} from '../domain/web-session.js';
import { UnauthorizedError } from '../errors.js';
import { newSecret } from '../ids.js';
import { refreshSignIn, revokeRefreshToken, type SignInTokens } from '../identity/cognito.js';
import { verifyStaffToken } from '../identity/tokens.js';
import { hashSecret } from '../links/tokens.js';
import { getTenantAndStaff } from '../db/firm.js';

/**
 * The staff web app's sessions in the table (see shared/domain/web-session.ts for the rules). Reading one costs no
 * extra round trip: the session item comes in the same BatchGet as the firm and the staff user (and whatever the
 * page needs by key). Writing one happens at sign-in, at most every few minutes while in use, and at sign-out.
 */

/** The session cookie is missing or no longer good: the page sends the visitor to sign in (with why). */
export class SignInRequired extends UnauthorizedError {
  constructor(readonly end: SessionEnd) {
    super('Sign in to continue');
  }
}

export interface OpenedSession {
  scope: TenantScope;
  hash: string;
  session: WebSession;
  /** The cookie's value (the only place the secret exists). */
  cookie: string;
}

/**
 * The web session of a sign-in Cognito just completed (password, and the authenticator code where the user has one):
 * the ID token is verified for the user and firm it names, both must be active, and the session begins.
 */
export async function startWebSession(tokens: SignInTokens, opts: { mfa: boolean; now: Date }): Promise<OpenedSession & { tenant: Tenant; staff: StaffUser }> {
  const claims = await verifyStaffToken(tokens.idToken);
  const scope = tenantScope(claims.tenantId);
  const { tenant, staff } = await getTenantAndStaff(scope, claims.sub);
  if (!tenant || tenant.status !== 'active' || !staff || staff.status !== 'active') throw new SignInRequired('inactive');
  // The password (and code) were checked just now, so this sign-in follows any earlier "end every session".
  const signedInAt = Math.max(Math.floor(opts.now.getTime() / 1000), staff.sessionsValidAfter ?? 0);
  return { ...(await openWebSession({ scope, userId: staff.userId }, tokens, { ...opts, signedInAt })), tenant, staff };
}

/** Starts a session after a verified sign-in (password, and the authenticator code where the user has one). */
export async function openWebSession(
  principal: Pick<StaffPrincipal, 'scope' | 'userId'>,
  tokens: SignInTokens,
  opts: { mfa: boolean; now: Date; signedInAt?: number },
): Promise<OpenedSession> {
  const secret = newSecret();
  const hash = hashSecret(secret);
  const nowSeconds = Math.floor(opts.now.getTime() / 1000);
  const session: WebSession = {
    userId: principal.userId,
    signedInAt: opts.signedInAt ?? nowSeconds,
    lastSeenAt: opts.now.toISOString(),
    mfa: opts.mfa,
    ...(tokens.accessToken ? { accessToken: tokens.accessToken, accessExpiresAt: nowSeconds + tokens.expiresIn } : {}),
    ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
    expiresAt: nowSeconds + WEB_SESSION.absoluteHours * 3600,
    createdAt: opts.now.toISOString(),
  };
  await transact([
    { Put: { TableName: tableName(), Item: { ...keys.webSession(principal.scope, hash), type: 'WebSession', ...session }, ConditionExpression: 'attribute_not_exists(PK)' } },
    auditItem(principal.scope, { actor: { kind: 'staff', id: principal.userId }, action: 'staff.signed_in', resource: `staff/${principal.userId}`, details: { mfa: opts.mfa } }, opts.now),
  ]);
  return { scope: principal.scope, hash, session, cookie: sessionCookieValue({ tenantId: principal.scope.tenantId, userId: principal.userId, secret }) };
}

export interface ActiveSession {
  principal: StaffPrincipal & { staff: StaffUser };
  session: WebSession;
  hash: string;
  /** The firm requires an authenticator app and this session has none yet: only enrolment and sign-out are open. */
  mustEnrol: boolean;
  /** Items the page asked for by key, read in the same round trip. */
  loaded: Record<string, unknown>[];
}

/**
 * The session a request's cookie names, checked: one BatchGet for the firm, the staff user, the session and `also`;
 * a write only when the last-used stamp is due, and a Cognito call only when the access token is due for renewal
 * (a refresh token Cognito no longer honours, after a global sign-out or a disabled login, ends the session).
 */
export async function authenticateWebSession(cookie: string | undefined, now: Date, also?: (scope: TenantScope) => readonly Key[]): Promise<ActiveSession> {
  const parsed = parseSessionCookie(cookie);
  if (!parsed) throw new SignInRequired('none');
  const scope = tenantScope(parsed.tenantId);
  const hash = hashSecret(parsed.secret);
  const own: Key[] = [keys.tenant(scope), keys.staff(scope, parsed.userId), keys.webSession(scope, hash)];
  const extra = also?.(scope) ?? [];
  const TableName = tableName();
  const result = await db().send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: [...own, ...extra], ConsistentRead: true } } }));
  const items = result.Responses?.[TableName] ?? [];
  const find = (key: Key) => items.find((i) => i.PK === key.PK && i.SK === key.SK);
  const tenant = withoutKeys<Tenant>(find(own[0]!));
  const staff = withoutKeys<StaffUser>(find(own[1]!));
  const stored = withoutKeys<WebSession & { type?: string }>(find(own[2]!));
  // The cookie's user must be the session's: a secret is never valid for someone else.
  const session = stored && stored.userId === parsed.userId ? stored : undefined;
  const verdict = judgeSession(session, staff, tenant, now);
  if (!verdict.ok) {
    if (session) await deleteSession(scope, hash);
    throw new SignInRequired(verdict.end);
  }
  let current = session!;
  if (verdict.touch) current = await touch(scope, hash, current, verdict.refresh, now);
  const isOwn = (i: Record<string, unknown>) => own.some((k) => k.PK === i.PK && k.SK === i.SK);
  return {
    principal: { scope, userId: staff!.userId, email: staff!.email, name: staff!.name, role: staff!.role, tenant: tenant!, staff: staff! },
    session: current,
    hash,
    mustEnrol: verdict.mustEnrol,
    loaded: items.filter((i) => !isOwn(i)),
  };
}

async function touch(scope: TenantScope, hash: string, session: WebSession, refresh: boolean, now: Date): Promise<WebSession> {
  let tokens: Partial<WebSession> = {};
  if (refresh && session.refreshToken) {
    const renewed = await refreshSignIn(session.refreshToken);
    if (!renewed) {
      await deleteSession(scope, hash);
      throw new SignInRequired('ended');
    }
    tokens = { accessToken: renewed.accessToken, accessExpiresAt: Math.floor(now.getTime() / 1000) + renewed.expiresIn };
  }
  const fields: Partial<WebSession> = { lastSeenAt: now.toISOString(), ...tokens };
  await updateSession(scope, hash, fields);
  return { ...session, ...fields };
}

/** Changes fields of a session that still exists (a session signed out meanwhile stays gone). */
export async function updateSession(scope: TenantScope, hash: string, fields: Partial<WebSession>): Promise<void> {
  const set = setFields(fields);
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.webSession(scope, hash),
        UpdateExpression: set.UpdateExpression,
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: set.names,
        ExpressionAttributeValues: set.values,
      }),
    );
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') throw new SignInRequired('none');
    throw error;
  }
}

const deleteSession = async (scope: TenantScope, hash: string): Promise<void> => {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.webSession(scope, hash) }));
};

/** Sign-out: the session item goes (the cookie is worthless from now on) and Cognito revokes its refresh token. */
export async function endWebSession(active: Pick<ActiveSession, 'principal' | 'session' | 'hash'>, now: Date): Promise<void> {
  await transact([
    { Delete: { TableName: tableName(), Key: keys.webSession(active.principal.scope, active.hash) } },
    auditItem(active.principal.scope, { actor: { kind: 'staff', id: active.principal.userId }, action: 'staff.signed_out', resource: `staff/${active.principal.userId}` }, now),
  ]);
  if (active.session.refreshToken) await revokeRefreshToken(active.session.refreshToken);
}
