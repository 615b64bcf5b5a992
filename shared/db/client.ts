import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { awsClientConfig, observed } from '../aws.js';
import { config } from '../config.js';

/**
 * One document client per Lambda container, created on first use. The endpoint comes from the SDK's own
 * AWS_ENDPOINT_URL_DYNAMODB when set (local stack), else the regional endpoint.
 */
let documentClient: DynamoDBDocumentClient | undefined;
let calls = 0;

export function db(): DynamoDBDocumentClient {
  if (!documentClient) {
    const client = observed(new DynamoDBClient(awsClientConfig()));
    // Counts round trips to DynamoDB so benchmarks and tests can hold each route to its budget.
    client.middlewareStack.add(
      (next) => async (args) => {
        calls += 1;
        return next(args);
      },
      { step: 'initialize', name: 'waymarkCallCounter' },
    );
    documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }
  return documentClient;
}

export const tableName = (): string => config.tableName();

/** Number of DynamoDB requests this process has made so far. */
export const dynamoCallCount = (): number => calls;

/** Every item a Query matches, following LastEvaluatedKey page by page (the SDK's own paginator). */
export async function queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateQuery({ client: db() }, { ...input, TableName: tableName() })) items.push(...(page.Items ?? []));
  return items;
}
