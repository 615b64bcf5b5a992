/**
 * `npm start`: the whole product on this machine, no AWS account. `npm start -- --in-memory` keeps no data.
 * Ports: WAYMARK_API_PORT (3000), WAYMARK_DYNAMODB_PORT (8000), WAYMARK_SES_PORT (8005), WAYMARK_COGNITO_PORT (9229),
 * WAYMARK_QUEUE_PORT (9324).
 */
import { parseArgs } from 'node:util';
import { startGateway } from './gateway.js';
import { assertPortFree, LocalStackError } from './processes.js';
import { startLocalQueues } from './queue.js';
import { startScheduler } from './scheduler.js';
import { startEmulators } from './stack.js';
import { clearState, dataDir, writeState } from './state.js';
import { schedules } from '../../shared/contracts/schedules.js';
import { queues } from '../../shared/contracts/queues.js';
import { routes } from '../../shared/contracts/routes.js';

const portFrom = (variable: string, fallback: number): number => {
  const raw = process.env[variable];
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new LocalStackError(`${variable}=${raw} is not a port number (1-65535)`);
  return port;
};

async function main(): Promise<void> {
  const started = Date.now();
  const { values } = parseArgs({ options: { 'in-memory': { type: 'boolean', default: false } } });
  const inMemory = values['in-memory'] ?? false;
  const ports = {
    api: portFrom('WAYMARK_API_PORT', 3000),
    dynamodb: portFrom('WAYMARK_DYNAMODB_PORT', 8000),
    ses: portFrom('WAYMARK_SES_PORT', 8005),
    cognito: portFrom('WAYMARK_COGNITO_PORT', 9229),
    queues: portFrom('WAYMARK_QUEUE_PORT', 9324),
  };
  await assertPortFree(ports.api, 'API', 'WAYMARK_API_PORT');
  await assertPortFree(ports.dynamodb, 'DynamoDB Local', 'WAYMARK_DYNAMODB_PORT');
  await assertPortFree(ports.ses, 'local SES', 'WAYMARK_SES_PORT');
  await assertPortFree(ports.cognito, 'cognito-local', 'WAYMARK_COGNITO_PORT');
  await assertPortFree(ports.queues, 'the local queues', 'WAYMARK_QUEUE_PORT');

  const apiUrl = `http://127.0.0.1:${ports.api}`;
  const emulators = await startEmulators({ ports, dataDir, inMemory, appUrl: apiUrl });
  // Handlers run in this process and read their configuration from the environment, as in Lambda.
  Object.assign(process.env, emulators.env);
  // The queues of the queue table, delivering to their workers in this process as SQS event sources would.
  const localQueues = await startLocalQueues({ port: ports.queues, autoDeliver: true });
  Object.assign(process.env, localQueues.env);
  const gateway = await startGateway({ port: ports.api, log: (line) => console.error(line) });
  const scheduler = startScheduler((r) =>
    console.log(JSON.stringify({ level: r.ok ? 'info' : 'error', message: 'schedule ran', ...r })),
  );
  writeState({ pid: process.pid, apiUrl: gateway.url, inboxUrl: emulators.urls.inbox, env: { ...emulators.env, ...localQueues.env } });

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    scheduler.stop();
    await gateway.close();
    await localQueues.close();
    await emulators.stop();
    clearState();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  for (const child of emulators.children) {
    child.process.once('exit', (code) => {
      if (stopping) return;
      console.error(`waymark: ${child.name} stopped unexpectedly (exit ${code}); see ${child.logFile}. Stopping everything.`);
      void shutdown(1);
    });
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`
Waymark local stack is up (${seconds} s, ${inMemory ? 'in memory: nothing is kept' : `data in ${dataDir}`})

  Staff web app  ${gateway.url}/sign-in    (npm run seed:demo makes a demo firm and prints its sign-ins)
  API            ${gateway.url}            health: ${gateway.url}/health
  Email inbox    ${emulators.urls.inbox}   (every email sent, via local SES)
  DynamoDB Local ${emulators.urls.dynamodb}   table ${emulators.env.WAYMARK_TABLE_NAME}
  Cognito        ${emulators.urls.cognito}   pool ${emulators.env.WAYMARK_USER_POOL_ID}, client ${emulators.env.WAYMARK_USER_POOL_CLIENT_ID}
  Queues (SQS)   ${localQueues.endpoint}   ${queues.map((q) => q.name).join(', ')} (in-process, with dead-letter queues)
  Logs           ${emulators.dataDir}/logs/

  ${routes.length} routes, ${schedules.length} schedule(s): ${schedules.map((s) => `${s.name} ${s.expression}`).join(', ')}, ${queues.length} queue(s)
  Try: npm run seed:demo    |    npm run tick -- --at 2026-12-01T08:00:00+01:00
  Ctrl-C stops everything.
`);
}

main().catch((error: unknown) => {
  console.error(`waymark: ${error instanceof LocalStackError ? error.message : (error as Error).stack ?? String(error)}`);
  process.exit(1);
});
