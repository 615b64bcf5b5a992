import { BatchGetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ActivityNote } from '../domain/coach-digest.js';
import type { Action, Change, Client, Obstacle, Program, Session, Sponsor } from '../domain/coaching.js';
import { PROGRAM_LIMITS } from '../domain/coaching.js';
import type { CounterChange } from '../domain/program.js';
import type { DigestRecipient } from '../domain/reminders.js';
import { db, tableName } from './client.js';
import { keys, REPORT_SNAPSHOT_PREFIX, type Key, type TenantScope } from './keys.js';
import { decodeCursor, encodeCursor, type Page } from './page.js';
import { setFields, withoutKeys, type TransactItem } from './transact.js';

/**
 * The coaching core's items: clients and sponsors in their firm partitions, programs as item collections
 * (program, sessions, actions, obstacles) with their history beside them. Every list is one paged Query on a key or
 * a sparse index; a program page is one Query of its collection; nothing reads a firm's history to answer.
 */

const put = (Item: Record<string, unknown>, condition: { ConditionExpression: string; values?: Record<string, unknown>; names?: Record<string, string> }): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item,
    ConditionExpression: condition.ConditionExpression,
    ...(condition.values ? { ExpressionAttributeValues: condition.values } : {}),
    ...(condition.names ? { ExpressionAttributeNames: condition.names } : {}),
  },
});

/** A new item, or the next version of one that is still at the version the caller read. */
const versioned = (Item: Record<string, unknown> & { version: number }): TransactItem =>
  Item.version === 1 ? put(Item, { ConditionExpression: 'attribute_not_exists(PK)' }) : put(Item, { ConditionExpression: 'version = :v', values: { ':v': Item.version - 1 } });

// Clients
export const clientItem = (scope: TenantScope, client: Client): TransactItem =>
  versioned({
    ...keys.client(scope, client.clientId),
    ...keys.clientOfCoach(scope, client.coachId, client.status, client.clientId),
    ...keys.clientByStatus(scope, client.status, client.clientId),
    type: 'Client',
    ...client,
  });

// Sponsors
export const sponsorItem = (scope: TenantScope, sponsor: Sponsor): TransactItem =>
  versioned({ ...keys.sponsor(scope, sponsor.sponsorId), type: 'Sponsor', ...sponsor });

/** Holds a transaction to a sponsor still being active (a program names only active sponsors). */
export const checkActiveSponsorItem = (scope: TenantScope, sponsorId: string): TransactItem => ({
  ConditionCheck: { TableName: tableName(), Key: keys.sponsor(scope, sponsorId), ConditionExpression: '#status = :active', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':active': 'active' } },
});

/** Holds a transaction to a client being active and with the coach the caller saw. */
export const checkClientItem = (scope: TenantScope, client: Pick<Client, 'clientId' | 'version'>): TransactItem => ({
  ConditionCheck: { TableName: tableName(), Key: keys.client(scope, client.clientId), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': client.version } },
});

// Programs
const programIndexKeys = (scope: TenantScope, p: Pick<Program, 'programId' | 'coachId' | 'clientId' | 'status'>) => ({
  ...keys.programOfCoach(scope, p.coachId, p.status, p.programId),
  ...keys.programOfClient(scope, p.clientId, p.status, p.programId),
  ...keys.programByStatus(scope, p.status, p.programId),
});

export const newProgramItem = (scope: TenantScope, program: Program): TransactItem =>
  put({ ...keys.program(scope, program.programId), ...programIndexKeys(scope, program), type: 'Program', ...program }, { ConditionExpression: 'attribute_not_exists(PK)' });

/**
 * Sets a program's settings (not its counters, which changes of its children move at the same time), provided it is
 * still at the version the caller read. The index keys follow the status and the coach.
 */
export function programSettingsItem(scope: TenantScope, current: Program, fields: Partial<Program>, now: Date): TransactItem {
  const next = { ...current, ...fields };
  // A field given as undefined (an end date taken away) is removed, not set.
  const cleared = Object.keys(fields).filter((f) => fields[f as keyof Program] === undefined);
  const kept = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const set = setFields({ ...kept, ...programIndexKeys(scope, next), updatedAt: now.toISOString(), version: current.version + 1 });
  const removeNames = Object.fromEntries(cleared.map((f, i) => [`#r${i}`, f]));
  return {
    Update: {
      TableName: tableName(),
      Key: keys.program(scope, current.programId),
      UpdateExpression: `${set.UpdateExpression}${cleared.length ? ` REMOVE ${Object.keys(removeNames).join(', ')}` : ''}`,
      ConditionExpression: 'version = :expected',
      ExpressionAttributeNames: { ...set.names, ...removeNames },
      ExpressionAttributeValues: { ...set.values, ':expected': current.version },
    },
  };
}

export interface CounterUpdateOptions {
  now: Date;
  /** A change by the client: stamps the program's last client activity. */
  byClient?: boolean;
  /** A session recorded: stamps the program's last session. */
  sessionAt?: string;
  /** A session recorded with the next one's day: the program's next session. */
  nextSessionOn?: string;
  /** Client changes: the link's generation must still be the program's. */
  linkGeneration?: number;
  /** Refused unless the program is in one of these states (children of an archived program stay as they are). */
  statuses?: readonly string[];
}

/** Moves a program's counters in the transaction of the change that moves them; conditions hold the change to the program's state. */
export function programCountersItem(scope: TenantScope, programId: string, change: CounterChange, opts: CounterUpdateOptions): TransactItem {
  const names: Record<string, string> = { '#dueOpen': 'dueOpen' };
  const values: Record<string, unknown> = { ':now': opts.now.toISOString() };
  const add = Object.entries(change.add).map(([name, n], i) => {
    values[`:a${i}`] = n;
    return `${name} :a${i}`;
  });
  const set = ['countersAt = :now'];
  Object.entries(change.dueSet).forEach(([id, due], i) => {
    names[`#ds${i}`] = id;
    values[`:ds${i}`] = due;
    set.push(`#dueOpen.#ds${i} = :ds${i}`);
  });
  if (opts.byClient) set.push('lastClientActivityAt = :now');
  if (opts.sessionAt) {
    values[':session'] = opts.sessionAt;
    set.push('lastSessionAt = :session');
  }
  if (opts.nextSessionOn) {
    values[':nextSession'] = opts.nextSessionOn;
    set.push('nextSessionOn = :nextSession');
  }
  const remove = change.dueRemove.map((id, i) => {
    names[`#dr${i}`] = id;
    return `#dueOpen.#dr${i}`;
  });
  const conditions = ['attribute_exists(PK)'];
  if (opts.linkGeneration !== undefined) {
    values[':generation'] = opts.linkGeneration;
    conditions.push('clientLinkGeneration = :generation');
  }
  if (opts.statuses) {
    names['#status'] = 'status';
    conditions.push(`#status IN (${opts.statuses.map((s, i) => ((values[`:st${i}`] = s), `:st${i}`)).join(', ')})`);
  }
  if (change.add.actionsTotal) {
    values[':maxActions'] = PROGRAM_LIMITS.actions - change.add.actionsTotal;
    conditions.push('actionsTotal <= :maxActions');
  }
  if (change.add.obstaclesTotal) {
    values[':maxObstacles'] = PROGRAM_LIMITS.obstacles - change.add.obstaclesTotal;
    conditions.push('obstaclesTotal <= :maxObstacles');
  }
  if (change.add.sessionsHeld) {
    values[':maxSessions'] = PROGRAM_LIMITS.sessions - change.add.sessionsHeld;
    conditions.push('sessionsHeld <= :maxSessions');
  }
  if (!set.some((part) => part.startsWith('#dueOpen')) && !remove.length) delete names['#dueOpen'];
  return {
    Update: {
      TableName: tableName(),
      Key: keys.program(scope, programId),
      UpdateExpression: [add.length ? `ADD ${add.join(', ')}` : '', `SET ${set.join(', ')}`, remove.length ? `REMOVE ${remove.join(', ')}` : ''].filter(Boolean).join(' '),
      ConditionExpression: conditions.join(' AND '),
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
    },
  };
}

// Children of a program
/** A session; while its post-session prompt is to come, it carries the "due" entry too (with its digest's recipient, see DigestRecipient). */
export const sessionItem = (scope: TenantScope, session: Session, recipient?: DigestRecipient): TransactItem =>
  versioned({
    ...keys.session(scope, session.programId, session.sessionId),
    ...(session.promptAt ? { ...keys.dueReminder(scope, session.promptAt, session.programId, session.sessionId), ...(recipient ? { digestTo: recipient } : {}) } : {}),
    type: 'Session',
    ...session,
  });

/** The client captured an action for the session: its post-session prompt is not needed any more. */
export const sessionPromptDoneItem = (scope: TenantScope, programId: string, sessionId: string): TransactItem => ({
  Update: {
    TableName: tableName(),
    Key: keys.session(scope, programId, sessionId),
    UpdateExpression: 'REMOVE promptAt, GSI2PK, GSI2SK',
    ConditionExpression: 'attribute_exists(PK)',
  },
});

/** An action; while a reminder about it is to come, it carries the sparse "due" entry the reminder sweep reads. */
export const actionItem = (scope: TenantScope, action: Action, recipient?: DigestRecipient): TransactItem =>
  versioned({
    ...keys.action(scope, action.programId, action.actionId),
    ...(action.remindAt ? { ...keys.dueReminder(scope, action.remindAt, action.programId, action.actionId), ...(recipient ? { digestTo: recipient } : {}) } : {}),
    type: 'Action',
    ...action,
  });

export const obstacleItem = (scope: TenantScope, obstacle: Obstacle): TransactItem =>
  versioned({ ...keys.obstacle(scope, obstacle.programId, obstacle.obstacleId), type: 'Obstacle', ...obstacle });

/**
 * A change in the history; a second write of the same change id (a double submit) fails the transaction. A client's
 * change also carries what the coach's digest shows of it and an entry in the coach's activity index.
 */
export const changeItem = (scope: TenantScope, programId: string, change: Change, activity?: Omit<ActivityNote, 'programId'> & { coachId: string }): TransactItem => {
  const note = activity ? { programId, actionTitle: activity.actionTitle, ...(activity.obstacleText ? { obstacleText: activity.obstacleText } : {}) } : undefined;
  return put(
    {
      ...keys.change(scope, programId, change.actionId, change.changeId),
      ...(activity ? keys.coachActivity(scope, activity.coachId, change.at, programId, change.changeId) : {}),
      type: 'Change',
      ...change,
      ...(note ? { activity: note } : {}),
    },
    { ConditionExpression: 'attribute_not_exists(PK)' },
  );
};

// Reads
/** Several items by key in one BatchGet (strongly consistent), in no particular order. */
export async function getItems(keyList: readonly Key[]): Promise<Record<string, unknown>[]> {
  if (keyList.length === 0) return [];
  const TableName = tableName();
  const unique = [...new Map(keyList.map((k) => [`${k.PK}|${k.SK}`, k])).values()];
  const result = await db().send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: unique, ConsistentRead: true } } }));
  return result.Responses?.[TableName] ?? [];
}

/** A program's whole item collection (program, sessions, actions, obstacles): one strongly consistent Query. */
export async function getProgramCollection(scope: TenantScope, programId: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  // One page in practice: PROGRAM_LIMITS keep a collection far below 1 MB.
  do {
    const result = await db().send(
      new QueryCommand({
        TableName: tableName(),
        // Up to the sent reports, which sort last: a long program's reports never weigh on its page.
        KeyConditionExpression: 'PK = :pk AND SK < :reports',
        ExpressionAttributeValues: { ':pk': keys.programPartition(scope, programId), ':reports': REPORT_SNAPSHOT_PREFIX },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(result.Items ?? []));
    start = result.LastEvaluatedKey;
  } while (start);
  return items;
}

/** One page of a Query on the table or an index, its cursor bound to the partition it walks. */
async function pageOf<T>(input: { index?: 'GSI1' | 'GSI2' | 'GSI3'; partition: string; prefix?: string; limit: number; cursor?: string; newestFirst?: boolean; filter?: Pick<QueryCommandInput, 'FilterExpression' | 'ExpressionAttributeValues' | 'ExpressionAttributeNames'> }): Promise<Page<T>> {
  const pk = input.index ? `${input.index}PK` : 'PK';
  const sk = input.index ? `${input.index}SK` : 'SK';
  const result = await db().send(
    new QueryCommand({
      TableName: tableName(),
      ...(input.index ? { IndexName: input.index } : {}),
      KeyConditionExpression: input.prefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
      ExpressionAttributeNames: { '#pk': pk, ...(input.prefix ? { '#sk': sk } : {}), ...input.filter?.ExpressionAttributeNames },
      ExpressionAttributeValues: { ':pk': input.partition, ...(input.prefix ? { ':prefix': input.prefix } : {}), ...input.filter?.ExpressionAttributeValues },
      ...(input.filter?.FilterExpression ? { FilterExpression: input.filter.FilterExpression } : {}),
      ScanIndexForward: !input.newestFirst,
      Limit: input.limit,
      ExclusiveStartKey: decodeCursor(input.cursor, pk, input.partition),
    }),
  );
  return { items: (result.Items ?? []).map((item) => withoutKeys<T>(item)!), next: encodeCursor(result.LastEvaluatedKey) };
}

export function listClients(scope: TenantScope, filter: { coachId?: string; status?: string }, limit: number, cursor?: string): Promise<Page<Client>> {
  const prefix = filter.status ? `${filter.status}#` : undefined;
  if (filter.coachId) return pageOf({ index: 'GSI1', partition: keys.clientsOfCoachPartition(scope, filter.coachId), prefix, limit, cursor });
  if (filter.status) return pageOf({ index: 'GSI2', partition: keys.clientsByStatusPartition(scope), prefix, limit, cursor });
  return pageOf({ partition: keys.clientPartition(scope), limit, cursor });
}

export function listSponsors(scope: TenantScope, filter: { status?: string }, limit: number, cursor?: string): Promise<Page<Sponsor>> {
  return pageOf({
    partition: keys.sponsorPartition(scope),
    limit,
    cursor,
    // Sponsors are few per firm and rarely archived: a filter on the one partition is enough.
    ...(filter.status ? { filter: { FilterExpression: '#st = :status', ExpressionAttributeNames: { '#st': 'status' }, ExpressionAttributeValues: { ':status': filter.status } } } : {}),
  });
}

export function listPrograms(scope: TenantScope, filter: { coachId?: string; clientId?: string; status?: string }, limit: number, cursor?: string): Promise<Page<Program>> {
  const prefix = filter.status ? `${filter.status}#` : undefined;
  if (filter.clientId) {
    // A client has one coach: with both filters, the client's programs are all the coach's or none.
    return pageOf({
      index: 'GSI2',
      partition: keys.programsOfClientPartition(scope, filter.clientId),
      prefix,
      limit,
      cursor,
      ...(filter.coachId ? { filter: { FilterExpression: 'coachId = :coach', ExpressionAttributeValues: { ':coach': filter.coachId } } } : {}),
    });
  }
  if (filter.coachId) return pageOf({ index: 'GSI1', partition: keys.programsOfCoachPartition(scope, filter.coachId), prefix, limit, cursor });
  return pageOf({ index: 'GSI3', partition: keys.programsByStatusPartition(scope), prefix, limit, cursor });
}

/** All of a client's programs (a client has a handful; a reassignment moves each). */
export async function programsOfClient(scope: TenantScope, clientId: string): Promise<Pick<Program, 'programId' | 'version' | 'coachId' | 'status'>[]> {
  const result = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.programsOfClientPartition(scope, clientId) },
      ProjectionExpression: 'programId, version, coachId, #status',
      ExpressionAttributeNames: { '#status': 'status' },
      Limit: 100,
    }),
  );
  return (result.Items ?? []) as Pick<Program, 'programId' | 'version' | 'coachId' | 'status'>[];
}

export type ChildKind = 'SESSION' | 'ACTION' | 'OBSTACLE';

export function listChildren<T>(scope: TenantScope, programId: string, kind: ChildKind, limit: number, cursor?: string): Promise<Page<T>> {
  return pageOf<T>({ partition: keys.programPartition(scope, programId), prefix: `${kind}#`, limit, cursor });
}

/** The history of one action and its obstacles, a page at a time (in change-id order; ids are time-ordered). */
export function historyOf(scope: TenantScope, programId: string, actionId: string, limit: number, cursor?: string): Promise<Page<Change>> {
  return pageOf<Change>({ partition: keys.historyPartition(scope, programId), prefix: `${actionId}#`, limit, cursor });
}

/** A client's reminder preferences, set by the client from their page (no read: the link names the client). */
export const clientPreferencesItem = (scope: TenantScope, clientId: string, preferences: Client['emailPreferences'], now: Date): TransactItem => ({
  Update: {
    TableName: tableName(),
    Key: keys.client(scope, clientId),
    UpdateExpression: 'SET emailPreferences = :p, updatedAt = :now ADD version :one',
    ConditionExpression: 'attribute_exists(PK)',
    ExpressionAttributeValues: { ':p': preferences, ':now': now.toISOString(), ':one': 1 },
  },
});

/** A program's copy of its client's reminder preferences (the sweep reads them there). */
export const programClientPreferencesItem = (scope: TenantScope, programId: string, preferences: Client['emailPreferences']): TransactItem => ({
  Update: {
    TableName: tableName(),
    Key: keys.program(scope, programId),
    // A new version, so the copies due reminders carry of these preferences are known stale.
    UpdateExpression: 'SET #client.emailPreferences = :p ADD version :one',
    ConditionExpression: 'attribute_exists(PK)',
    ExpressionAttributeNames: { '#client': 'client' },
    ExpressionAttributeValues: { ':p': preferences, ':one': 1 },
  },
});
