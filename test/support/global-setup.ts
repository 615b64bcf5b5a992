import type { TestProject } from 'vitest/node';
import { freePort } from '../../infra/local/processes.js';
import { startEmulators } from '../../infra/local/stack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    waymarkEnv: Record<string, string>;
    sesUrl: string;
  }
}

export const TEST_APP_URL = 'https://app.waymark.test';

/** Starts the emulators once for the integration project, in memory and on free ports; stops them after. */
export default async function setup(project: TestProject) {
  const ports = { dynamodb: await freePort(), ses: await freePort(), cognito: await freePort() };
  const emulators = await startEmulators({ ports, inMemory: true, appUrl: TEST_APP_URL });
  project.provide('waymarkEnv', emulators.env);
  project.provide('sesUrl', emulators.urls.ses);
  return () => emulators.stop();
}
