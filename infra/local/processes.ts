import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

/** A prerequisite or start-up failure: printed as one line that says what to do, then a non-zero exit. */
export class LocalStackError extends Error {
  override name = 'LocalStackError';
}

export interface Child {
  name: string;
  process: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

/** Throws a LocalStackError when the port is taken, naming the variable that moves it. */
export async function assertPortFree(port: number, what: string, variable: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', () =>
      reject(new LocalStackError(`Port ${port} (${what}) is in use: stop whatever holds it, or set ${variable} to another port`)),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function assertJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new LocalStackError('Java 17+ is needed for DynamoDB Local: install it (Debian: apt-get install -y default-jre-headless) and try again');
  }
  const major = Number(/version "(\d+)/.exec(result.stderr + result.stdout)?.[1] ?? 0);
  if (major && major < 17) throw new LocalStackError(`Java ${major} found; DynamoDB Local needs Java 17 or newer`);
}

const live = new Set<ChildProcess>();
// Last resort when this process exits without stopping its children (an uncaught error, process.exit).
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Starts a child whose output goes to a log file; it dies with us (Ctrl-C, crash) so no java is orphaned. */
export function startChild(name: string, command: string, args: string[], opts: { cwd: string; logDir: string; env?: NodeJS.ProcessEnv }): Child {
  mkdirSync(opts.logDir, { recursive: true });
  const logFile = join(opts.logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => (live.delete(child), resolve())));
  return {
    name,
    process: child,
    logFile,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits until `ready()` resolves true, failing fast if the child exits first. */
export async function waitUntilReady(child: Child, ready: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) {
      throw new LocalStackError(`${child.name} exited with code ${child.process.exitCode} while starting; see ${child.logFile}`);
    }
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new LocalStackError(`${child.name} did not become ready within ${timeoutMs / 1000} s; see ${child.logFile}`);
}

export async function httpAnswers(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
  await response.body?.cancel();
  return true;
}
