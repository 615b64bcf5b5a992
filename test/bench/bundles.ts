/**
 * `npm run bench`: each function's Lambda bundle (esbuild as CDK runs it: minified CommonJS for Node 22) against
 * a baseline bundle of only the AWS SDK clients that function uses. Reports bytes and cold module-load time
 * (median of fresh `node` processes), and what Waymark adds on top of the SDK. Budget: +20% in bytes and time.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { routes, type Capability } from '../../shared/contracts/routes.js';
import { schedules } from '../../shared/contracts/schedules.js';

const root = resolve(import.meta.dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'waymark-bench-'));
const RUNS = 7;

const sdkImports: Record<string, string> = {
  table: "require('@aws-sdk/lib-dynamodb').DynamoDBDocumentClient; require('@aws-sdk/client-dynamodb').DynamoDBClient;",
  'email:send': "require('@aws-sdk/client-ses').SESClient;",
  'email:account': "require('@aws-sdk/client-sesv2').SESv2Client;",
  identity: "require('@aws-sdk/client-cognito-identity-provider').CognitoIdentityProviderClient;",
};

function baselineFor(needs: readonly Capability[]): string {
  const parts = new Set<string>([sdkImports.table!]);
  for (const need of needs) {
    if (need.startsWith('identity:')) parts.add(sdkImports.identity!);
    else if (sdkImports[need]) parts.add(sdkImports[need]!);
  }
  return [...parts].join('\n');
}

async function bundle(name: string, entry: { file: string } | { contents: string }): Promise<string> {
  const outfile = join(out, `${name}.js`);
  await build({
    ...('file' in entry ? { entryPoints: [entry.file] } : { stdin: { contents: entry.contents, resolveDir: root, loader: 'js' } }),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

function loadMs(file: string): number {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const ms = execFileSync(process.execPath, ['-e', `const t=process.hrtime.bigint();require(${JSON.stringify(file)});console.log(Number(process.hrtime.bigint()-t)/1e6)`], {
      encoding: 'utf8',
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    samples.push(Number(ms.trim()));
  }
  return samples.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const pct = (added: number, base: number) => `${added >= 0 ? '+' : ''}${((added / base) * 100).toFixed(1)}%`;

const functions = [
  ...routes.map((r) => ({ name: r.id, handler: r.handler, needs: r.needs })),
  ...schedules.map((s) => ({ name: s.name, handler: s.handler, needs: s.needs })),
];
const rows: string[][] = [['function', 'bundle', 'SDK only', 'added bytes', 'load ms', 'SDK load ms', 'added time']];
let overBudget = 0;
for (const fn of functions) {
  const file = await bundle(fn.name, { file: resolve(root, fn.handler) });
  const base = await bundle(`${fn.name}.baseline`, { contents: baselineFor(fn.needs) });
  const [size, baseSize] = [statSync(file).size, statSync(base).size];
  const [ms, baseMs] = [loadMs(file), loadMs(base)];
  if ((size - baseSize) / baseSize > 0.2 || (ms - baseMs) / baseMs > 0.2) overBudget += 1;
  rows.push([fn.name, kb(size), kb(baseSize), pct(size - baseSize, baseSize), ms.toFixed(1), baseMs.toFixed(1), pct(ms - baseMs, baseMs)]);
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
console.log(`\n${functions.length} functions, ${overBudget} over the +20% budget (median of ${RUNS} cold loads each)`);
rmSync(out, { recursive: true, force: true });
