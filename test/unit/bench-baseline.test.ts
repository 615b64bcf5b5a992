import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addedRatios, bundle, bytesInOutput, interleaved, loadOrder, root, sdkEntryOf, sdkFiles } from '../bench/measure.js';

/** #18: the bench compares each function with a baseline of exactly the SDK code its bundle holds, loads alternating. */
const out = mkdtempSync(join(tmpdir(), 'waymark-bench-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the SDK-only baseline', () => {
  it('holds exactly the SDK files of the function bundle, not the clients esbuild parsed and then dropped', async () => {
    const fn = await bundle(out, 'setPassword', { file: resolve(root, 'functions/http/auth/set-password.ts') });
    const kept = bytesInOutput(fn.metafile);
    // The trap: SES is parsed (through shared modules) but tree-shaken away; a baseline of every parsed file has it.
    const parsedSes = Object.keys(fn.metafile.inputs).filter((input) => input.includes('@aws-sdk/client-ses/'));
    expect(parsedSes.length).toBeGreaterThan(0);
    expect(parsedSes.every((input) => !kept.get(input))).toBe(true);

    const entry = sdkEntryOf(fn.metafile);
    expect(entry).toContain('client-dynamodb');
    expect(entry).not.toContain('client-ses');
    const baseline = await bundle(out, 'baseline', { contents: entry });
    expect(sdkFiles(baseline.metafile)).toBe(sdkFiles(fn.metafile));
  }, 60_000);
});

describe('cold loads', () => {
  it('alternate run by run, starting with the other variant each run', () => {
    expect(loadOrder(2, 3)).toEqual([0, 1, 1, 0, 0, 1]);
    const seen: string[] = [];
    const samples = interleaved([{ file: 'fn' }, { file: 'base' }], 2, (file) => (seen.push(file), file === 'fn' ? 12 : 10));
    expect(seen).toEqual(['fn', 'base', 'fn', 'base', 'base', 'fn']);
    expect(samples).toEqual([[12, 12], [10, 10]]);
  });

  it('report what the function adds per run, paired with the same run of its baseline', () => {
    expect(addedRatios([12, 11], [10, 10])).toEqual([0.2, 0.1]);
  });
});
