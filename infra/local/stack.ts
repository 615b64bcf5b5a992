import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envNames } from '../../shared/contracts/env.js';
import { ensureTable, ensureUserPool, localAwsEnv, startCognitoLocal, startDynamoDbLocal, startSesLocal } from './emulators.js';
import { repoRoot } from './handlers.js';
import type { Child } from './processes.js';

/**
 * The emulators that play AWS on one machine, and the environment a handler needs to reach them: exactly the
 * variables CDK sets in AWS, plus the SDK's own AWS_ENDPOINT_URL_<SERVICE>. Used by `npm start` and by tests.
 */
export interface EmulatorPorts {
  dynamodb: number;
  ses: number;
  cognito: number;
}

export interface Emulators {
  env: Record<string, string>;
  urls: { dynamodb: string; ses: string; inbox: string; cognito: string };
  dataDir: string;
  children: Child[];
  stop(): Promise<void>;
}

export const LOCAL_TABLE_NAME = 'waymark-local';
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

export const LOCAL_SENDER = 'no-reply@waymark.localhost';

export async function startEmulators(opts: { ports: EmulatorPorts; dataDir?: string; inMemory: boolean; appUrl: string }): Promise<Emulators> {
  // In memory, cognito-local still needs a folder: a temporary one, removed on stop.
  const dataDir = opts.inMemory ? mkdtempSync(join(tmpdir(), 'waymark-')) : opts.dataDir!;
  const started: Child[] = [];
  const stop = async () => {
    await Promise.all(started.map((c) => c.stop()));
    if (opts.inMemory) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const common = { dataDir, inMemory: opts.inMemory };
    const [dynamo, ses, cognito] = await Promise.all([
      startDynamoDbLocal({ ...common, port: opts.ports.dynamodb }).then((r) => (started.push(r.child), r)),
      startSesLocal({ ...common, port: opts.ports.ses }).then((r) => (started.push(r.child), r)),
      startCognitoLocal({ ...common, port: opts.ports.cognito }).then((r) => (started.push(r.child), r)),
    ]);
    await ensureTable(dynamo.endpoint, LOCAL_TABLE_NAME);
    const ids = await ensureUserPool(cognito.endpoint, dataDir);
    const env: Record<string, string> = {
      ...localAwsEnv,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_SES: ses.endpoint,
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint,
      [envNames.tableName]: LOCAL_TABLE_NAME,
      [envNames.userPoolId]: ids.userPoolId,
      [envNames.userPoolClientId]: ids.userPoolClientId,
      [envNames.tokenIssuer]: `${cognito.issuerDomain}/${ids.userPoolId}`,
      [envNames.senderAddress]: LOCAL_SENDER,
      [envNames.appUrl]: opts.appUrl,
      [envNames.stage]: 'local',
      [envNames.version]: version,
    };
    return {
      env,
      urls: { dynamodb: dynamo.endpoint, ses: ses.endpoint, inbox: `${ses.endpoint}/`, cognito: cognito.endpoint },
      dataDir,
      children: started,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
