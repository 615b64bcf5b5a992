/**
 * `npm run bench`: each function's Lambda bundle (esbuild as CDK runs it: minified CommonJS for Node 22) against a
 * baseline bundle of only the AWS SDK that function's bundle really contains. Reports bytes and the CPU time of a
 * cold module load (fresh `node` processes, the two loads alternating), and what Waymark adds over the SDK's own as
 * a ratio: median and p10-p90 of the per-run ratios. Budget: +20% in bytes and in median time.
 *
 *   npm run bench                     every function against its SDK-only baseline
 *   npm run bench -- --source-maps    the cold load of a few functions under each source-map setting
 *   npm run bench -- --runs 21        more runs per function (default 11)
 */
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { routes } from '../../shared/contracts/routes.js';
import { schedules } from '../../shared/contracts/schedules.js';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '11' }, 'source-maps': { type: 'boolean', default: false } } });
const RUNS = Number(args.runs);
const root = resolve(import.meta.dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'waymark-bench-'));

// The AWS SDK and the packages it brings; everything else in a bundle is what Waymark adds.
const SDK_INPUT = /node_modules\/(@aws-sdk|@smithy|@aws-crypto|@aws|fast-xml-parser|strnum|tslib|bowser|uuid)\//;

async function bundle(name: string, entry: { file: string } | { contents: string }, extra: BuildOptions = {}): Promise<{ file: string; metafile: Metafile }> {
  const outfile = join(out, `${name}.js`);
  const result = await build({
    ...('file' in entry ? { entryPoints: [entry.file] } : { stdin: { contents: entry.contents, resolveDir: root, loader: 'js' } }),
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    outfile,
    metafile: true,
    logLevel: 'error',
    ...extra,
  });
  return { file: outfile, metafile: result.metafile! };
}

/** Bytes each input left in the output; an input esbuild parsed and then dropped has none. */
function bytesInOutput(metafile: Metafile): Map<string, number> {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) bytes.set(input, (bytes.get(input) ?? 0) + bytesInOutput);
  }
  return bytes;
}

/**
 * The baseline's entry: the SDK modules Waymark code imports, counting only imports whose module is really in
 * the output (a client parsed through a shared file and then tree-shaken away is not, and must not weigh on the
 * baseline). Requiring them as the function does keeps the SDK's own lazy parts lazy in both.
 */
function sdkEntryOf(metafile: Metafile): string {
  const kept = bytesInOutput(metafile);
  const entries = new Set<string>();
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    if (SDK_INPUT.test(input) || !kept.get(input)) continue;
    for (const imported of imports) {
      if (SDK_INPUT.test(imported.path) && kept.get(imported.path) && imported.kind !== 'dynamic-import') entries.add(imported.path);
    }
  }
  return [...entries].sort().map((path) => `require(${JSON.stringify(resolve(root, path))});`).join('\n');
}

/** The SDK files in the output (byte counts differ by a few hundred between bundles: minified names). */
const sdkFiles = (metafile: Metafile): string =>
  [...bytesInOutput(metafile)].filter(([input, bytes]) => bytes > 0 && SDK_INPUT.test(input)).map(([input]) => input).sort().join('\n');

/**
 * One cold load in a fresh process: the CPU time (user + system, ms) that `require` of the bundle takes. CPU time,
 * not wall time: it is what a Lambda init pays at its fraction of a vCPU, and other work on this machine does not
 * blur it (wall time on a busy 2-core machine spread 55-88 ms where CPU time spread 51-58 ms).
 */
function coldLoad(file: string, nodeFlags: string[] = []): number {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_NO_WARNINGS: '1' };
  delete env.NODE_OPTIONS; // only the flags given here
  const script = `const c=process.cpuUsage();require(${JSON.stringify(file)});const u=process.cpuUsage(c);console.log((u.user+u.system)/1e3)`;
  return Number(execFileSync(process.execPath, [...nodeFlags, '-e', script], { encoding: 'utf8', env }).trim());
}

/**
 * Cold loads of several variants, interleaved run by run (the order rotates each run) so drift and noise land
 * on every variant alike; one unmeasured load each first, so every file is in the page cache.
 */
function interleaved(variants: { file: string; flags?: string[] }[]): number[][] {
  const samples = variants.map(() => [] as number[]);
  for (const v of variants) coldLoad(v.file, v.flags);
  for (let run = 0; run < RUNS; run++) {
    for (let k = 0; k < variants.length; k++) {
      const i = (run + k) % variants.length;
      samples[i]!.push(coldLoad(variants[i]!.file, variants[i]!.flags));
    }
  }
  return samples;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  return sorted[lo]! + (sorted[Math.ceil(at)]! - sorted[lo]!) * (at - lo);
}

/** Per run, what `samples` adds over `base` (same run, so paired), as a fraction of `base`. */
const addedRatios = (samples: number[], base: number[]) => samples.map((ms, i) => (ms - base[i]!) / base[i]!);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const pct = (ratio: number) => `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)}%`;
const spread = (ratios: number[]) => `${pct(quantile(ratios, 0.5))} [${pct(quantile(ratios, 0.1))}, ${pct(quantile(ratios, 0.9))}]`;

function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
}

const functions = [
  ...routes.map((r) => ({ name: r.id, handler: r.handler })),
  ...schedules.map((s) => ({ name: s.name, handler: s.handler })),
];

async function functionsAgainstSdk(): Promise<void> {
  const rows = [['function', 'bundle', 'SDK-only', 'added bytes', 'load ms (CPU)', 'SDK-only ms', 'added time: median [p10, p90]']];
  let overBudget = 0;
  const baselines = new Map<string, { file: string; metafile: Metafile }>(); // functions share a handful of SDK sets
  for (const fn of functions) {
    const { file, metafile } = await bundle(fn.name, { file: resolve(root, fn.handler) });
    const entry = sdkEntryOf(metafile);
    if (!baselines.has(entry)) baselines.set(entry, await bundle(`baseline-${baselines.size}`, { contents: entry }));
    const { file: base, metafile: baseMeta } = baselines.get(entry)!;
    // The baseline must hold the same SDK code as the function, or the comparison is not like for like.
    if (sdkFiles(baseMeta) !== sdkFiles(metafile)) console.warn(`${fn.name}: the baseline and the function bundle different SDK files`);
    const [ms, baseMs] = interleaved([{ file }, { file: base }]) as [number[], number[]];
    const bytesRatio = (statSync(file).size - statSync(base).size) / statSync(base).size;
    const timeRatios = addedRatios(ms, baseMs);
    if (bytesRatio > 0.2 || quantile(timeRatios, 0.5) > 0.2) overBudget += 1;
    rows.push([fn.name, kb(statSync(file).size), kb(statSync(base).size), pct(bytesRatio), quantile(ms, 0.5).toFixed(1), quantile(baseMs, 0.5).toFixed(1), spread(timeRatios)]);
  }
  table(rows);
  console.log(`\n${functions.length} functions, ${overBudget} over the +20% budget (added time: per run, function over SDK-only, ${RUNS} paired cold loads)`);
}

/** Decides the Lambda source-map setting: what each setting adds to a cold load, against no source map at all. */
async function sourceMapSettings(): Promise<void> {
  const picked = ['getMe', 'createTenant', 'health'].map((name) => functions.find((f) => f.name === name)!);
  const settings: { name: string; build: BuildOptions; flags: string[] }[] = [
    { name: 'no map', build: {}, flags: [] },
    { name: '.map file, flag off', build: { sourcemap: 'linked' }, flags: [] },
    { name: '.map file + --enable-source-maps', build: { sourcemap: 'linked' }, flags: ['--enable-source-maps'] },
    { name: 'inline + --enable-source-maps', build: { sourcemap: 'inline' }, flags: ['--enable-source-maps'] },
    { name: '.map file, no sources + flag', build: { sourcemap: 'linked', sourcesContent: false }, flags: ['--enable-source-maps'] },
  ];
  const rows = [['function', 'setting', 'map size', 'load ms (CPU)', 'added time: median [p10, p90]']];
  for (const fn of picked) {
    const variants: { file: string; flags: string[]; mapSize: number }[] = [];
    for (const [i, s] of settings.entries()) {
      const { file } = await bundle(`${fn.name}.map${i}`, { file: resolve(root, fn.handler) }, s.build);
      const mapSize = s.build.sourcemap === 'linked' ? statSync(`${file}.map`).size : s.build.sourcemap === 'inline' ? statSync(file).size - statSync(variants[0]!.file).size : 0;
      variants.push({ file, flags: s.flags, mapSize });
    }
    const samples = interleaved(variants);
    for (const [i, s] of settings.entries()) {
      const added = i === 0 ? '' : spread(addedRatios(samples[i]!, samples[0]!));
      rows.push([i === 0 ? fn.name : '', s.name, variants[i]!.mapSize ? kb(variants[i]!.mapSize) : '-', quantile(samples[i]!, 0.5).toFixed(1), added]);
    }
  }
  table(rows);
  console.log(`\nnode ${process.version}; ${RUNS} interleaved cold loads per setting; added time is per run, against "no map"`);
}

try {
  await (args['source-maps'] ? sourceMapSettings() : functionsAgainstSdk());
} finally {
  rmSync(out, { recursive: true, force: true });
}
