/**
 * `npm run bench`: each function's Lambda bundle (esbuild as CDK runs it: minified CommonJS for Node 22) against a
 * baseline bundle of only the AWS SDK that function's bundle really contains. A route function serves a group of
 * routes (one area, one auth kind: infra/stacks/route-groups.ts), so what is bundled is the group's generated
 * entry. Reports bytes and the CPU time of a cold module load (fresh `node` processes, the two loads alternating),
 * and what Waymark adds over the SDK's own as a ratio: median and p10-p90 of the per-run ratios. Budget: +20% in
 * bytes and in median time.
 *
 *   npm run bench                     every function against its SDK-only baseline
 *   npm run bench -- --source-maps    the cold load of a few functions under each source-map setting
 *   npm run bench -- --runs 21        more runs per function (default 11)
 */
import type { BuildOptions, Metafile } from 'esbuild';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { routes } from '../../shared/contracts/routes.js';
import { queues } from '../../shared/contracts/queues.js';
import { schedules } from '../../shared/contracts/schedules.js';
import { eventRules } from '../../shared/contracts/events.js';
import { functionGroups, groupEntrySource } from '../../infra/stacks/route-groups.js';
import { addedRatios, bundle as bundleIn, interleaved as interleavedLoads, quantile, root, sdkEntryOf, sdkFiles } from './measure.js';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '11' }, 'source-maps': { type: 'boolean', default: false } } });
const RUNS = Number(args.runs);
const out = mkdtempSync(join(tmpdir(), 'waymark-bench-'));
const bundle = (name: string, entry: { file: string } | { contents: string }, extra: BuildOptions = {}) => bundleIn(out, name, entry, extra);
const interleaved = (variants: { file: string; flags?: string[] }[]) => interleavedLoads(variants, RUNS);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const pct = (ratio: number) => `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)}%`;
const spread = (ratios: number[]) => `${pct(quantile(ratios, 0.5))} [${pct(quantile(ratios, 0.1))}, ${pct(quantile(ratios, 0.9))}]`;

function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
}

/** Every Lambda function of the stack: one per route group, one per schedule, one per queue (its worker). */
const functions: { name: string; routes: number; entry: { file: string } | { contents: string } }[] = [
  ...functionGroups(routes).map((g) => ({ name: g.name, routes: g.routes.length, entry: { contents: groupEntrySource(g, root, root) } })),
  ...schedules.map((s) => ({ name: s.name, routes: 0, entry: { file: resolve(root, s.handler) } })),
  ...queues.map((q) => ({ name: `${q.name}-worker`, routes: 0, entry: { file: resolve(root, q.handler) } })),
  ...eventRules.map((e) => ({ name: e.name, routes: 0, entry: { file: resolve(root, e.handler) } })),
];

async function functionsAgainstSdk(): Promise<void> {
  const rows = [['function', 'routes', 'bundle', 'SDK-only', 'added bytes', 'load ms (CPU)', 'SDK-only ms', 'added time: median [p10, p90]']];
  let overBudget = 0;
  const baselines = new Map<string, { file: string; metafile: Metafile }>(); // functions share a handful of SDK sets
  for (const fn of functions) {
    const { file, metafile } = await bundle(fn.name, fn.entry);
    if (sdkFiles(metafile) === '') {
      // No AWS SDK at all (the OpenAPI document): nothing to compare with; it loads faster than any SDK floor.
      const ms = interleaved([{ file }])[0]!;
      rows.push([fn.name, fn.routes ? String(fn.routes) : 'job', kb(statSync(file).size), 'no SDK', '-', quantile(ms, 0.5).toFixed(1), '-', '-']);
      continue;
    }
    const entry = sdkEntryOf(metafile);
    if (!baselines.has(entry)) baselines.set(entry, await bundle(`baseline-${baselines.size}`, { contents: entry }));
    const { file: base, metafile: baseMeta } = baselines.get(entry)!;
    // The baseline must hold the same SDK code as the function, or the comparison is not like for like.
    if (sdkFiles(baseMeta) !== sdkFiles(metafile)) console.warn(`${fn.name}: the baseline and the function bundle different SDK files`);
    const [ms, baseMs] = interleaved([{ file }, { file: base }]) as [number[], number[]];
    const bytesRatio = (statSync(file).size - statSync(base).size) / statSync(base).size;
    const timeRatios = addedRatios(ms, baseMs);
    if (bytesRatio > 0.2 || quantile(timeRatios, 0.5) > 0.2) overBudget += 1;
    rows.push([fn.name, fn.routes ? String(fn.routes) : 'job', kb(statSync(file).size), kb(statSync(base).size), pct(bytesRatio), quantile(ms, 0.5).toFixed(1), quantile(baseMs, 0.5).toFixed(1), spread(timeRatios)]);
  }
  table(rows);
  console.log(`\n${functions.length} functions, ${overBudget} over the +20% budget (added time: per run, function over SDK-only, ${RUNS} paired cold loads)`);
}

/** Decides the Lambda source-map setting: what each setting adds to a cold load, against no source map at all. */
async function sourceMapSettings(): Promise<void> {
  const picked = ['tenancy-staff', 'tenancy-public', 'health-public'].map((name) => functions.find((f) => f.name === name)!);
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
      const { file } = await bundle(`${fn.name}.map${i}`, fn.entry, s.build);
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
