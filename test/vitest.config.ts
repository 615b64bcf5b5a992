import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Four projects: unit (plain functions), integration (real DynamoDB Local, local SES and cognito-local, started
 * once by the global setup on free ports), browser (the pages in Debian's chromium through playwright-core, against
 * emulators of its own), infra (CDK assertions on the synthesized stack).
 */
export default defineConfig({
  test: {
    root,
    pool: 'forks',
    projects: [
      { test: { name: 'unit', root, include: ['test/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          root,
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/integration-env.ts'],
          // Files share one database and the outbox schedule works across tenants: run them one after another.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          root,
          include: ['test/browser/**/*.test.ts'],
          // The emulators and the local gateway as for integration, plus one Chromium for the whole project.
          globalSetup: ['test/support/global-setup.ts', 'test/support/browser-setup.ts'],
          setupFiles: ['test/support/integration-env.ts'],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      { test: { name: 'infra', root, include: ['test/infra/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 180_000 } },
    ],
  },
});
