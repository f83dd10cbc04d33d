/**
 * Cold start: code that only async entry points need is imported on first use, so a process
 * that builds and runs a plain machine never parses it. Checked on a real bundle of the main
 * entry (esbuild, as tsup builds it): the files below are in no chunk the entry loads statically.
 */
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Imported by loadStateMachines and by a Distributed Map's first run only. */
const LAZY = [
  'src/templates/load.ts',
  'src/templates/intrinsics.ts',
  'src/runtime/states/map-distributed-run.ts',
  'src/runtime/states/map-reader-io.ts',
  'src/runtime/states/map-csv.ts',
  'src/runtime/states/map-json.ts',
  'src/runtime/states/map-sinks.ts',
];

/** The source files in the outputs that loading `entry` evaluates before any dynamic import. */
async function staticallyLoaded(entry: string): Promise<Set<string>> {
  const result = await build({
    entryPoints: [resolve(ROOT, entry)],
    absWorkingDir: ROOT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    write: false,
    outdir: resolve(ROOT, 'out'),
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const start = Object.keys(outputs).find((o) => outputs[o]!.entryPoint === entry);
  if (start === undefined) throw new Error('no output for the entry');
  const seen = new Set<string>();
  const files = new Set<string>();
  const visit = (out: string): void => {
    if (seen.has(out)) return;
    seen.add(out);
    for (const input of Object.keys(outputs[out]!.inputs)) files.add(input);
    for (const i of outputs[out]!.imports) if (i.kind === 'import-statement' && i.path in outputs) visit(i.path);
  };
  visit(start);
  return files;
}

describe('the main entry loads lazily what only async entry points need', () => {
  it('parses neither the template loader nor the Distributed Map run when imported', async () => {
    const loaded = await staticallyLoaded('src/index.ts');
    // The check can fail: the compile side of a Distributed Map is loaded statically.
    expect(loaded.has('src/runtime/states/map-distributed.ts')).toBe(true);
    expect(LAZY.filter((f) => loaded.has(f))).toEqual([]);
  });
});
