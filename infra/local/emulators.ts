import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, UpdateTableCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tableDefinition } from '../../shared/contracts/table.js';
import { startSignOutProxy } from './cognito-sign-out.js';
import { assertJava, freePort, httpAnswers, startChild, waitUntilReady, type Child } from './processes.js';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** Credentials and region the emulators accept; they check neither. */
export const localAwsEnv = { AWS_REGION: 'eu-central-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };
const clientConfig = (endpoint: string) => ({ endpoint, region: localAwsEnv.AWS_REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

export interface EmulatorOptions {
  port: number;
  /** Folder for data and logs; in-memory runs still write logs here. */
  dataDir: string;
  inMemory: boolean;
}

export async function startDynamoDbLocal(opts: EmulatorOptions): Promise<{ child: Child; endpoint: string }> {
  assertJava();
  const emulator = join(packageDir('amplify-dynamodb-simulator'), 'emulator');
  const dbDir = join(opts.dataDir, 'dynamodb');
  mkdirSync(dbDir, { recursive: true });
  const args = [
    `-Djava.library.path=${join(emulator, 'DynamoDBLocal_lib')}`,
    '-jar', join(emulator, 'DynamoDBLocal.jar'),
    '-sharedDb', '-disableTelemetry', '-port', String(opts.port),
    ...(opts.inMemory ? ['-inMemory'] : ['-dbPath', dbDir]),
  ];
  const child = startChild('dynamodb-local', 'java', args, { cwd: emulator, logDir: join(opts.dataDir, 'logs') });
  const endpoint = `http://127.0.0.1:${opts.port}`;
  const client = new DynamoDBClient(clientConfig(endpoint));
  try {
    await waitUntilReady(child, async () => (await client.send(new ListTablesCommand({})), true));
  } finally {
    client.destroy();
  }
  return { child, endpoint };
}

/** Creates the table from the shared definition unless it exists (data persists across restarts). */
export async function ensureTable(endpoint: string, tableName: string): Promise<'created' | 'existing'> {
  const client = new DynamoDBClient(clientConfig(endpoint));
  try {
    const { partitionKey, sortKey, globalSecondaryIndexes, timeToLiveAttribute } = tableDefinition;
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      // Data from before an index was added: add the missing ones, one per update as DynamoDB requires.
      const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
      for (const g of globalSecondaryIndexes.filter((index) => !present.has(index.indexName))) {
        await client.send(
          new UpdateTableCommand({
            TableName: tableName,
            AttributeDefinitions: [
              { AttributeName: g.partitionKey, AttributeType: 'S' },
              { AttributeName: g.sortKey, AttributeType: 'S' },
            ],
            GlobalSecondaryIndexUpdates: [
              {
                Create: {
                  IndexName: g.indexName,
                  KeySchema: [
                    { AttributeName: g.partitionKey, KeyType: 'HASH' },
                    { AttributeName: g.sortKey, KeyType: 'RANGE' },
                  ],
                  Projection: { ProjectionType: 'ALL' },
                },
              },
            ],
          }),
        );
      }
      for (let i = 0; i < 100; i += 1) {
        const { Table: now } = await client.send(new DescribeTableCommand({ TableName: tableName }));
        if ((now?.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE')) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return 'existing';
    } catch (error) {
      if ((error as Error).name !== 'ResourceNotFoundException') throw error;
    }
    const attributes = new Set<string>([partitionKey, sortKey, ...globalSecondaryIndexes.flatMap((g) => [g.partitionKey, g.sortKey])]);
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: partitionKey, KeyType: 'HASH' },
          { AttributeName: sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: globalSecondaryIndexes.map((g) => ({
          IndexName: g.indexName,
          KeySchema: [
            { AttributeName: g.partitionKey, KeyType: 'HASH' },
            { AttributeName: g.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
    await client.send(
      new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: timeToLiveAttribute, Enabled: true } }),
    );
    return 'created';
  } finally {
    client.destroy();
  }
}

export async function startSesLocal(opts: EmulatorOptions): Promise<{ child: Child; endpoint: string }> {
  const cli = join(packageDir('aws-ses-v2-local'), 'dist', 'cli.js');
  // GetAccount (the health probe) answers only when the emulator is given an account to describe.
  const account = {
    DedicatedIpAutoWarmupEnabled: false,
    Details: { AdditionalContactEmailAddresses: [], ContactLanguage: 'EN', MailType: 'TRANSACTIONAL', ReviewDetails: { CaseId: 'local', Status: 'GRANTED' }, UseCaseDescription: 'Waymark local stack', WebsiteURL: 'http://127.0.0.1' },
    EnforcementStatus: 'HEALTHY',
    ProductionAccessEnabled: true,
    SendingEnabled: true,
    SendQuota: { Max24HourSend: 50000, MaxSendRate: 14, SentLast24Hours: 0 },
    SuppressionAttributes: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
  };
  const child = startChild('ses-local', process.execPath, [cli, '--host', '127.0.0.1', '--port', String(opts.port)], {
    cwd: opts.dataDir,
    logDir: join(opts.dataDir, 'logs'),
    env: { AWS_SES_ACCOUNT: JSON.stringify(account) },
  });
  const endpoint = `http://127.0.0.1:${opts.port}`;
  await waitUntilReady(child, () => httpAnswers(`${endpoint}/health-check`));
  return { child, endpoint };
}

export interface CognitoIds {
  userPoolId: string;
  userPoolClientId: string;
}

export async function startCognitoLocal(opts: EmulatorOptions): Promise<{ child: Child; endpoint: string; issuerDomain: string }> {
  const cwd = join(opts.dataDir, 'cognito');
  // Clients (and token issuers) see the sign-out proxy on the configured port; cognito-local listens behind it.
  const endpoint = `http://127.0.0.1:${opts.port}`;
  const innerPort = await freePort();
  const inner = `http://127.0.0.1:${innerPort}`;
  mkdirSync(join(cwd, '.cognito'), { recursive: true });
  // cognito-local keeps its database and config under ./.cognito of its working directory.
  writeFileSync(
    join(cwd, '.cognito', 'config.json'),
    JSON.stringify({ ServerConfig: { hostname: '127.0.0.1', port: innerPort }, TokenConfig: { IssuerDomain: endpoint } }, null, 2),
  );
  const bin = join(packageDir('cognito-local'), 'lib', 'bin', 'start.js');
  const child = startChild('cognito-local', process.execPath, [bin], { cwd, logDir: join(opts.dataDir, 'logs'), env: { PORT: String(innerPort) } });
  await waitUntilReady(child, () => httpAnswers(`${inner}/health`));
  const proxy = await startSignOutProxy({ port: opts.port, upstream: inner });
  const stop = child.stop.bind(child);
  return { child: { ...child, stop: async () => (await proxy.close(), stop()) }, endpoint, issuerDomain: endpoint };
}

/** The staff user pool and its app client, created on first start; their ids are kept beside the emulator's data. */
export async function ensureUserPool(endpoint: string, dataDir: string): Promise<CognitoIds> {
  const idsFile = join(dataDir, 'cognito', 'ids.json');
  const client = new CognitoIdentityProviderClient(clientConfig(endpoint));
  try {
    if (existsSync(idsFile)) {
      const ids = JSON.parse(readFileSync(idsFile, 'utf8')) as CognitoIds;
      try {
        await client.send(new DescribeUserPoolCommand({ UserPoolId: ids.userPoolId }));
        return ids;
      } catch (error) {
        if ((error as Error).name !== 'ResourceNotFoundException') throw error;
      }
    }
    const pool = await client.send(
      new CreateUserPoolCommand({
        PoolName: 'waymark-staff',
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        // As in AWS (infra/stacks/identity.ts): an authenticator app (TOTP) for those who enrol one.
        MfaConfiguration: 'OPTIONAL',
        Schema: [
          { Name: 'tenantId', AttributeDataType: 'String', Mutable: false },
          { Name: 'role', AttributeDataType: 'String', Mutable: true },
        ],
      }),
    );
    const userPoolId = pool.UserPool!.Id!;
    const app = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: 'waymark-web',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const ids = { userPoolId, userPoolClientId: app.UserPoolClient!.ClientId! };
    writeFileSync(idsFile, JSON.stringify(ids, null, 2));
    return ids;
  } finally {
    client.destroy();
  }
}
