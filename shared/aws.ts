import { tableDefinition } from './contracts/table.js';

/**
 * What every AWS SDK client is built with, and the one place that sees every AWS call.
 *
 * Timeouts: an HTTP function has 10 s. A call gets 1 s to connect and 2 s to answer, and is tried twice, so one
 * stalled dependency costs at most ~4 s and even two in one request answer before the function's early-timeout
 * reply (functions/middleware/http.ts). `throwOnRequestTimeout` is what makes `requestTimeout` an error at all:
 * without it the SDK only logs a warning and waits on. The options object is NodeHttpHandler's, which the SDK
 * clients accept as `requestHandler` and turn into their own handler (one connection pool per client).
 */
export const AWS_CONNECTION_TIMEOUT_MS = 1_000;
export const AWS_REQUEST_TIMEOUT_MS = 2_000;
export const AWS_MAX_ATTEMPTS = 2;

export const awsClientConfig = () => ({
  maxAttempts: AWS_MAX_ATTEMPTS,
  requestHandler: { connectionTimeout: AWS_CONNECTION_TIMEOUT_MS, requestTimeout: AWS_REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true },
});

/** One action IAM authorizes for a call, with the partition keys it touches (`dynamodb:LeadingKeys`) when known. */
export interface AuthorizedAction {
  /** `dynamodb:UpdateItem`, `ses:SendEmail`, `cognito-idp:AdminCreateUser`. */
  readonly action: string;
  readonly partitions?: readonly string[];
  /** A DynamoDB Query on a secondary index is authorized on the index, not the table. */
  readonly index?: string;
}

export interface AwsCall {
  /** The IAM service prefix: `dynamodb`, `ses`, `cognito-idp`. */
  readonly service: string;
  /** The API operation: `TransactWriteItems`, `SendEmail`. */
  readonly command: string;
  /** What IAM checks: the operation itself, or each item of a transaction as its own action, as IAM does. */
  readonly actions: readonly AuthorizedAction[];
}

/** Sees each call before it is sent; throwing refuses the call (the error is what `send` rejects with). */
export type AwsCallObserver = (call: AwsCall) => void;

let observer: AwsCallObserver | undefined;

/** Registers the observer (the local stack checks calls against each function's IAM grants); none by default. */
export function observeAwsCalls(next: AwsCallObserver | undefined): void {
  observer = next;
}

const servicePrefixes: Record<string, string> = {
  DynamoDBClient: 'dynamodb',
  SESClient: 'ses',
  SESv2Client: 'ses', // SES v2 shares the `ses:` IAM prefix
  CognitoIdentityProviderClient: 'cognito-idp',
  SQSClient: 'sqs',
};

/** Operations IAM authorizes under another action's name. */
const actionAliases: Record<string, string> = { 'sqs:SendMessageBatch': 'sqs:SendMessage' };

type Input = Record<string, unknown>;
type Next = (args: { input: Input }) => Promise<unknown>;
interface ObservableClient {
  middlewareStack: {
    add(middleware: (next: Next, context: { clientName?: string; commandName?: string }) => Next, options: { step: 'initialize'; name: string; priority: 'high' }): void;
  };
}

/** Reports every command of this client to the observer; returns the client. */
export function observed<T extends ObservableClient>(client: T): T {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (observer) observer(describeCall(context.clientName ?? '', context.commandName ?? '', args.input));
      return next(args);
    },
    { step: 'initialize', name: 'waymarkCallObserver', priority: 'high' },
  );
  return client;
}

const obj = (value: unknown): Input => (typeof value === 'object' && value !== null ? (value as Input) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A partition key value, from the document client's plain values or the low-level `{ S }` form. */
function keyValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const s = obj(value).S;
  return typeof s === 'string' ? s : undefined;
}

const partitionOf = (keyOrItem: unknown): string[] => {
  const value = keyValue(obj(keyOrItem)[tableDefinition.partitionKey]);
  return value === undefined ? [] : [value];
};

/** The partition of a Query: the value compared by equality first in the key condition (`PK = :pk`). */
function queryPartition(input: Input): string[] {
  const match = /^\s*\(?\s*[#\w]+\s*=\s*(:\w+)/.exec(String(input.KeyConditionExpression ?? ''));
  const value = match ? keyValue(obj(input.ExpressionAttributeValues)[match[1]!]) : undefined;
  return value === undefined ? [] : [value];
}

/** IAM has no action for a transaction: it authorizes each contained operation as the single-item action. */
const transactActions: Record<string, string> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem', Get: 'GetItem' };

function dynamoActions(command: string, input: Input): AuthorizedAction[] {
  const action = (name: string, partitions: string[], index?: unknown): AuthorizedAction => ({
    action: `dynamodb:${name}`,
    ...(partitions.length ? { partitions } : {}),
    ...(typeof index === 'string' ? { index } : {}),
  });
  const tables = Object.values(obj(input.RequestItems));
  switch (command) {
    case 'TransactWriteItems':
    case 'TransactGetItems':
      return list(input.TransactItems).flatMap((item) =>
        Object.entries(obj(item)).flatMap(([kind, op]) => {
          const name = transactActions[kind];
          return name ? [action(name, partitionOf(obj(op).Key ?? obj(op).Item))] : [];
        }),
      );
    case 'BatchGetItem':
      return [action(command, tables.flatMap((table) => list(obj(table).Keys).flatMap(partitionOf)))];
    case 'BatchWriteItem':
      return [action(command, tables.flatMap((requests) => list(requests).flatMap((r) => partitionOf(obj(obj(r).PutRequest).Item ?? obj(obj(r).DeleteRequest).Key))))];
    case 'GetItem':
    case 'PutItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return [action(command, partitionOf(input.Key ?? input.Item))];
    case 'Query':
      return [action(command, queryPartition(input), input.IndexName)];
    default:
      return [action(command, [])];
  }
}

export function describeCall(clientName: string, commandName: string, input: Input): AwsCall {
  const service = servicePrefixes[clientName] ?? clientName.replace(/Client$/, '').toLowerCase();
  const command = commandName.replace(/Command$/, '');
  const actions = service === 'dynamodb' ? dynamoActions(command, input ?? {}) : [{ action: actionAliases[`${service}:${command}`] ?? `${service}:${command}` }];
  return { service, command, actions };
}
