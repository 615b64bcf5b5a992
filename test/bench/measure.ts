/**
 * The measuring parts of `npm run bench`, without side effects, so a test can hold them to what they claim: the
 * SDK-only baseline is made of exactly the SDK code a function's bundle contains, and loads alternate.
 */
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');

// The AWS SDK and the packages it brings; everything else in a bundle is what Waymark adds.
export const SDK_INPUT = /node_modules\/(@aws-sdk|@smithy|@aws-crypto|@aws|fast-xml-parser|strnum|tslib|bowser|uuid)\//;

export async function bundle(out: string, name: string, entry: { file: string } | { contents: string }, extra: BuildOptions = {}): Promise<{ file: string; metafile: Metafile }> {
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
export function bytesInOutput(metafile: Metafile): Map<string, number> {
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
export function sdkEntryOf(metafile: Metafile): string {
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
export const sdkFiles = (metafile: Metafile): string =>
  [...bytesInOutput(metafile)].filter(([input, bytes]) => bytes > 0 && SDK_INPUT.test(input)).map(([input]) => input).sort().join('\n');

/**
 * One cold load in a fresh process: the CPU time (user + system, ms) that `require` of the bundle takes. CPU time,
 * not wall time: it is what a Lambda init pays at its fraction of a vCPU, and other work on this machine does not
 * blur it (wall time on a busy 2-core machine spread 55-88 ms where CPU time spread 51-58 ms).
 */
export function coldLoad(file: string, nodeFlags: string[] = []): number {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_NO_WARNINGS: '1' };
  delete env.NODE_OPTIONS; // only the flags given here
  const script = `const c=process.cpuUsage();require(${JSON.stringify(file)});const u=process.cpuUsage(c);console.log((u.user+u.system)/1e3)`;
  return Number(execFileSync(process.execPath, [...nodeFlags, '-e', script], { encoding: 'utf8', env }).trim());
}

/**
 * Cold loads of several variants, interleaved run by run (the order rotates each run) so drift and noise land
 * on every variant alike; one unmeasured load each first, so every file is in the page cache.
 */
export function interleaved(variants: { file: string; flags?: string[] }[], runs: number, load = coldLoad): number[][] {
  const samples = variants.map(() => [] as number[]);
  for (const v of variants) load(v.file, v.flags);
  for (const i of loadOrder(variants.length, runs)) samples[i]!.push(load(variants[i]!.file, variants[i]!.flags));
  return samples;
}

/** Which variant loads when: every run loads each once, starting one further along than the run before. */
export function loadOrder(variants: number, runs: number): number[] {
  const order: number[] = [];
  for (let run = 0; run < runs; run++) for (let k = 0; k < variants; k++) order.push((run + k) % variants);
  return order;
}

export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  return sorted[lo]! + (sorted[Math.ceil(at)]! - sorted[lo]!) * (at - lo);
}

/** Per run, what `samples` adds over `base` (same run, so paired), as a fraction of `base`. */
export const addedRatios = (samples: number[], base: number[]) => samples.map((ms, i) => (ms - base[i]!) / base[i]!);

