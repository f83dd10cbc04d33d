/**
 * The bundled library is pure ASCII. esbuild escapes non-ASCII characters in strings and
 * regular expressions, but keeps some comments (doc comments on class members) as written; one
 * `→` there makes V8 hold the whole file as a two-byte string, which every cold start then
 * reads and scans at twice the size.
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** Lines of the bundle of `entry`, as tsup builds it (ESM, unminified, node20), with a non-ASCII character. */
async function nonAsciiLines(entry: string): Promise<string[]> {
  const result = await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', write: false, logLevel: 'silent' });
  const [file] = result.outputFiles;
  if (file === undefined) throw new Error('esbuild wrote no bundle');
  return file.text.split('\n').filter((line) => /[^\x00-\x7f]/.test(line));
}

describe('the bundle', { timeout: 60_000 }, () => {
  it('of the main entry has no non-ASCII character (reword the comments listed)', async () => {
    expect(await nonAsciiLines('src/index.ts')).toEqual([]);
  });
});
