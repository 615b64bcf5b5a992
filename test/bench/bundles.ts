/**
 * `npm run bench`: each function's Lambda bundle (esbuild as CDK runs it: minified CommonJS for Node 22) against
 * a baseline bundle of only the AWS SDK clients that function's bundle contains. Reports bytes and cold module-load time
 * (median of fresh `node` processes), and what Waymark adds on top of the SDK. Budget: +20% in bytes and time.
 */
import { build, type Metafile } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { routes } from '../../shared/contracts/routes.js';
import { schedules } from '../../shared/contracts/schedules.js';

const root = resolve(import.meta.dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'waymark-bench-'));
const RUNS = 9;

/** The SDK clients a bundle contains, read from esbuild's metafile: the baseline bundles exactly those. */
function sdkClientsIn(metafile: Metafile): string {
  const clients = new Set<string>(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']);
  for (const input of Object.keys(metafile.inputs)) {
    const name = /node_modules\/(@aws-sdk\/(?:client-[\w-]+|lib-dynamodb))\//.exec(input)?.[1];
    if (name) clients.add(name);
  }
  return [...clients].map((c) => `require(${JSON.stringify(c)});`).join('\n');
}

async function bundle(name: string, entry: { file: string } | { contents: string }): Promise<{ file: string; metafile: Metafile }> {
  const outfile = join(out, `${name}.js`);
  const result = await build({
    ...('file' in entry ? { entryPoints: [entry.file] } : { stdin: { contents: entry.contents, resolveDir: root, loader: 'js' } }),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    outfile,
    metafile: true,
    logLevel: 'error',
  });
  return { file: outfile, metafile: result.metafile };
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

// The AWS SDK and the packages it brings; everything else in a bundle is what Waymark adds.
const SDK_INPUT = /node_modules\/(@aws-sdk|@smithy|@aws-crypto|@aws|fast-xml-parser|strnum|tslib|bowser|uuid)\//;

function bytesBy(metafile: Metafile): { sdk: number; waymark: number } {
  const totals = { sdk: 0, waymark: 0 };
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) totals[SDK_INPUT.test(input) ? 'sdk' : 'waymark'] += bytesInOutput;
  }
  return totals;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const pct = (added: number, base: number) => `${added >= 0 ? '+' : ''}${((added / base) * 100).toFixed(1)}%`;

const functions = [
  ...routes.map((r) => ({ name: r.id, handler: r.handler })),
  ...schedules.map((s) => ({ name: s.name, handler: s.handler })),
];
const rows: string[][] = [['function', 'bundle', 'SDK part', 'Waymark part', 'added bytes', 'load ms', 'SDK-only load ms', 'added time']];
let overBudget = 0;
for (const fn of functions) {
  const { file, metafile } = await bundle(fn.name, { file: resolve(root, fn.handler) });
  const { file: base } = await bundle(`${fn.name}.baseline`, { contents: sdkClientsIn(metafile) });
  const bytes = bytesBy(metafile);
  const [ms, baseMs] = [loadMs(file), loadMs(base)];
  if (bytes.waymark / bytes.sdk > 0.2 || (ms - baseMs) / baseMs > 0.2) overBudget += 1;
  rows.push([fn.name, kb(statSync(file).size), kb(bytes.sdk), kb(bytes.waymark), pct(bytes.waymark, bytes.sdk), ms.toFixed(1), baseMs.toFixed(1), pct(ms - baseMs, baseMs)]);
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
console.log(`\n${functions.length} functions, ${overBudget} over the +20% budget (median of ${RUNS} cold loads each)`);
rmSync(out, { recursive: true, force: true });
