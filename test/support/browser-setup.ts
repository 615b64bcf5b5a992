import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    browserWsEndpoint: string;
  }
}

/** Debian's chromium; a downloaded browser is never used. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

// The flags that start this chromium reliably on a machine with a closed network (../shared/DESIGN.md): without the
// background-networking ones it floods the network with refused connections. Playwright adds a fresh empty
// --user-data-dir of its own (and deletes it on close); it refuses one passed here.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** One Chromium for the whole browser project (a launch costs more than all the pages of a file); files connect to it. */
export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`no ${CHROMIUM_PATH}: install Debian's chromium (apt-get install -y chromium; .ci/run does)`);
  const server = await chromium.launchServer({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  project.provide('browserWsEndpoint', server.wsEndpoint());
  return () => server.close();
}
