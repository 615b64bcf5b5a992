import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './handlers.js';
import { LocalStackError } from './processes.js';

/** What a running `npm start` tells the other local commands (tick, seed): its URLs and handler environment. */
export interface LocalStackState {
  pid: number;
  apiUrl: string;
  inboxUrl: string;
  env: Record<string, string>;
}

export const dataDir = join(repoRoot, '.data');
const stateFile = join(dataDir, 'local-stack.json');

export function writeState(state: LocalStackState): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(stateFile, JSON.stringify(state, null, 2));
}

export function clearState(): void {
  rmSync(stateFile, { force: true });
}

export function readState(): LocalStackState {
  if (!existsSync(stateFile)) throw new LocalStackError('The local stack is not running: start it with "npm start" in another terminal');
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as LocalStackState;
  try {
    process.kill(state.pid, 0);
  } catch {
    throw new LocalStackError('The local stack is not running (stale state file): start it with "npm start" in another terminal');
  }
  return state;
}
