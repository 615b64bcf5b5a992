import { auditItem } from '../db/audit.js';
import { clientItem, listClients, listSponsors, programsOfClient, sponsorItem } from '../db/coaching.js';
import { checkActiveStaffItem } from '../db/firm.js';
import { keys, type TenantScope } from '../db/keys.js';
import { ConditionFailed, transact, type TransactItem } from '../db/transact.js';
import { tableName } from '../db/client.js';
import { can, coaches, type StaffPrincipal } from '../domain/access.js';
import { clientSummary, type Client, type ClientCreate, type ClientUpdate, type Sponsor, type SponsorCreate, type SponsorUpdate } from '../domain/coaching.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { newId } from '../ids.js';
import type { Page } from '../db/page.js';

/**
 * Clients and sponsors of a firm. A coach works with the clients assigned to them (anything else is a 404 to them);
 * owners and admins with all. Active clients count against the firm's plan limit, held by the firm's counter in the
 * same transaction as the change; archived clients do not count.
 */
export interface Deps {
  now: Date;
}

const audit = (p: StaffPrincipal, action: string, resource: string, now: Date, details?: Record<string, unknown>) =>
  auditItem(p.scope, { actor: { kind: 'staff', id: p.userId }, action, resource, ...(details ? { details } : {}) }, now);

export const clientNotFound = () => new NotFoundError('No client with that id in your firm');

/** Counts an active client in or out; counting one in is refused at the plan's limit. */
export function activeClientsItem(scope: TenantScope, delta: 1 | -1, limit: number): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.firmCounters(scope),
      UpdateExpression: 'ADD activeClients :d',
      ...(delta > 0
        ? { ConditionExpression: 'attribute_not_exists(activeClients) OR activeClients < :limit', ExpressionAttributeValues: { ':d': delta, ':limit': limit } }
        : { ExpressionAttributeValues: { ':d': delta } }),
    },
  };
}

const planLimitError = (limit: number, field: string) =>
  new ConflictError(`Your plan allows ${limit} active clients and all are in use: archive a client whose program ended, or ask the owner to raise the limit`, [
    { field, message: `would exceed the plan's limit of ${limit} active clients` },
  ], 'plan-limit');

const coachNotActive = () => new ValidationError([{ field: 'coachId', message: 'must be an active staff user of your firm' }]);

/** A client (as read with the request's auth) the principal may see, or a 404 whether it does not exist or belongs to another coach. */
export function visibleClient(principal: StaffPrincipal, client: Client | undefined): Client {
  if (!client || !coaches(principal, client.coachId)) throw clientNotFound();
  return client;
}

export async function createClient(actor: StaffPrincipal, input: ClientCreate, deps: Deps): Promise<Client> {
  const coachId = input.coachId ?? actor.userId;
  if (coachId !== actor.userId && !can(actor.role, 'clients:assign')) throw new ForbiddenError('A coach adds clients for themselves only; leave out coachId');
  const at = deps.now.toISOString();
  const client: Client = {
    clientId: newId(deps.now.getTime()),
    name: input.name,
    email: input.email,
    ...(input.organisation ? { organisation: input.organisation } : {}),
    timeZone: input.timeZone ?? actor.tenant.timeZone,
    locale: input.locale ?? actor.tenant.locale,
    coachId,
    emailPreferences: input.emailPreferences ?? { reminders: 'daily', hour: actor.tenant.reminderPolicy.digestHour },
    status: 'active',
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const limit = actor.tenant.limits.activeClients;
  try {
    await transact([
      clientItem(actor.scope, client),
      checkActiveStaffItem(actor.scope, coachId),
      activeClientsItem(actor.scope, 1, limit),
      audit(actor, 'client.created', `client/${client.clientId}`, deps.now, { coachId }),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed && error.failed.includes(1)) throw coachNotActive();
    if (error instanceof ConditionFailed && error.failed.includes(2)) throw planLimitError(limit, '');
    throw error;
  }
  return client;
}

/** Keeps a program's copy of its client and its coach in step with the client, provided the program's status is as read. */
function programFollowsClientItem(scope: TenantScope, program: { programId: string; status: string }, client: Client): TransactItem {
  const byCoach = keys.programOfCoach(scope, client.coachId, program.status, program.programId);
  return {
    Update: {
      TableName: tableName(),
      Key: keys.program(scope, program.programId),
      // A new version: copies of the client made from the program (a due reminder's recipient) are then known stale.
      UpdateExpression: 'SET coachId = :coach, #client = :client, GSI1PK = :g1pk, GSI1SK = :g1sk ADD version :one',
      ConditionExpression: '#status = :status',
      ExpressionAttributeNames: { '#client': 'client', '#status': 'status' },
      ExpressionAttributeValues: { ':coach': client.coachId, ':client': clientSummary(client), ':g1pk': byCoach.GSI1PK, ':g1sk': byCoach.GSI1SK, ':status': program.status, ':one': 1 },
    },
  };
}

/** At most this many programs move with a client in one transaction (a client has a handful). */
const PROGRAMS_PER_CLIENT = 90;

export async function updateClient(actor: StaffPrincipal, loaded: Client | undefined, change: ClientUpdate, deps: Deps): Promise<Client> {
  const current = visibleClient(actor, loaded);
  const { clientId } = current;
  const reassigns = change.coachId !== undefined && change.coachId !== current.coachId;
  if (reassigns && !can(actor.role, 'clients:assign')) throw new ForbiddenError('Only an owner or admin can move a client to another coach');
  const { organisation, emailPreferences, ...rest } = change;
  const next: Client = {
    ...current,
    ...rest,
    emailPreferences: { ...current.emailPreferences, ...emailPreferences },
    updatedAt: deps.now.toISOString(),
    version: current.version + 1,
  };
  // A new address is not the one that bounced.
  if (rest.email !== undefined && rest.email !== current.email) delete next.emailSuppressed;
  if (organisation === null) delete next.organisation;
  else if (organisation !== undefined) next.organisation = organisation;
  const summaryChanged = JSON.stringify(clientSummary(next)) !== JSON.stringify(clientSummary(current));
  const programs = reassigns || summaryChanged ? await programsOfClient(actor.scope, clientId) : [];
  if (programs.length > PROGRAMS_PER_CLIENT) throw new ConflictError(`This client has more than ${PROGRAMS_PER_CLIENT} programs; archive old ones first`);
  const statusMove = next.status === current.status ? 0 : next.status === 'active' ? 1 : -1;
  const limit = actor.tenant.limits.activeClients;
  const items = [
    clientItem(actor.scope, next),
    ...(reassigns ? [checkActiveStaffItem(actor.scope, next.coachId)] : []),
    ...(statusMove ? [activeClientsItem(actor.scope, statusMove as 1 | -1, limit)] : []),
    ...programs.map((p) => programFollowsClientItem(actor.scope, p, next)),
    audit(actor, reassigns ? 'client.reassigned' : 'client.updated', `client/${clientId}`, deps.now, {
      fields: Object.keys(change),
      ...(reassigns ? { from: current.coachId, to: next.coachId, programs: programs.map((p) => p.programId) } : {}),
    }),
  ];
  try {
    await transact(items);
  } catch (error) {
    if (error instanceof ConditionFailed) {
      if (reassigns && error.failed.includes(1)) throw coachNotActive();
      if (statusMove > 0 && error.failed.includes(reassigns ? 2 : 1)) throw planLimitError(limit, 'status');
      throw new ConflictError('This client or one of their programs changed meanwhile; reload and try again');
    }
    throw error;
  }
  return next;
}

export function listClientsFor(actor: StaffPrincipal, query: { coachId?: string; status?: string; limit: number; cursor?: string }): Promise<Page<Client>> {
  if (!can(actor.role, 'clients:assign') && query.coachId !== undefined && query.coachId !== actor.userId) {
    throw new ForbiddenError('A coach lists their own clients only; leave out coachId');
  }
  const coachId = can(actor.role, 'clients:assign') ? query.coachId : actor.userId;
  return listClients(actor.scope, { coachId, status: query.status }, query.limit, query.cursor);
}

export const clientView = (c: Client) => {
  const { clientId, name, email, organisation, timeZone, locale, coachId, emailPreferences, emailSuppressed, status, createdAt, updatedAt, version } = c;
  return { clientId, name, email, ...(organisation ? { organisation } : {}), timeZone, locale, coachId, emailPreferences, ...(emailSuppressed ? { emailSuppressed } : {}), status, createdAt, updatedAt, version };
};

// Sponsors: firm-wide records (a manager or HR contact may sponsor several clients); every role may add and read them.
export const sponsorNotFound = () => new NotFoundError('No sponsor with that id in your firm');

export async function createSponsor(actor: StaffPrincipal, input: SponsorCreate, deps: Deps): Promise<Sponsor> {
  const at = deps.now.toISOString();
  const sponsor: Sponsor = {
    sponsorId: newId(deps.now.getTime()),
    name: input.name,
    email: input.email,
    ...(input.organisation ? { organisation: input.organisation } : {}),
    role: input.role,
    locale: input.locale ?? actor.tenant.locale,
    timeZone: input.timeZone ?? actor.tenant.timeZone,
    status: 'active',
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await transact([sponsorItem(actor.scope, sponsor), audit(actor, 'sponsor.created', `sponsor/${sponsor.sponsorId}`, deps.now)]);
  return sponsor;
}

/** A sponsor as read with the request's auth, or a 404. */
export function sponsorOf(sponsor: Sponsor | undefined): Sponsor {
  if (!sponsor) throw sponsorNotFound();
  return sponsor;
}

export async function updateSponsor(actor: StaffPrincipal, loaded: Sponsor | undefined, change: SponsorUpdate, deps: Deps): Promise<Sponsor> {
  const current = sponsorOf(loaded);
  const { sponsorId } = current;
  const { organisation, ...rest } = change;
  const next: Sponsor = { ...current, ...rest, updatedAt: deps.now.toISOString(), version: current.version + 1 };
  if (organisation === null) delete next.organisation;
  else if (organisation !== undefined) next.organisation = organisation;
  // A new address is not the one that bounced or unsubscribed.
  if (rest.email !== undefined && rest.email !== current.email) delete next.emailSuppressed;
  try {
    await transact([sponsorItem(actor.scope, next), audit(actor, 'sponsor.updated', `sponsor/${sponsorId}`, deps.now, { fields: Object.keys(change) })]);
  } catch (error) {
    if (error instanceof ConditionFailed) throw new ConflictError('This sponsor changed meanwhile; reload and try again');
    throw error;
  }
  return next;
}

export const listSponsorsOf = (actor: StaffPrincipal, query: { status?: string; limit: number; cursor?: string }) => listSponsors(actor.scope, query, query.limit, query.cursor);

export const sponsorView = (s: Sponsor) => {
  const { sponsorId, name, email, organisation, role, locale, timeZone, status, emailSuppressed, createdAt, updatedAt, version } = s;
  return { sponsorId, name, email, ...(organisation ? { organisation } : {}), role, locale, timeZone, status, ...(emailSuppressed ? { emailSuppressed } : {}), createdAt, updatedAt, version };
};
