/**
 * The core runs wherever JavaScript runs: the browser entry bundles for `platform: 'browser'`
 * without a Node built-in, and the bundle runs a machine with a Map, a Wait on a VirtualClock,
 * States.Hash and a JSONata state inside headless Chromium.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { build, type Plugin } from 'esbuild';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const PAGE = () => `<!doctype html><title>asl-runtime</title>${SHIMS}<script type="module" src="/run.js"></script>`;
const fixture = new URL('./fixtures/browser-run.ts', import.meta.url).pathname;

/**
 * Node built-ins the core may still import (none today). They are stubbed so the rest can be
 * checked; the second test fails once one is gone, so the list only shrinks.
 */
const KNOWN_NODE_IMPORTS: readonly string[] = [];

/**
 * Node-only globals the bundle still needs, shimmed in the page (none today: setImmediate is used
 * only where it exists, see src/web/macrotask.ts).
 */
const KNOWN_NODE_GLOBALS: readonly string[] = [];
const SHIMS = '';

const NODE_BUILTIN = new RegExp(`^(node:.*|${builtinModules.join('|')})$`);

/**
 * Bundles the fixture for browsers. Node built-ins are stubbed so the build goes through, and
 * those that end up in the bundle are listed as `importer -> module` (imports that tree-shaking
 * drops, such as a dynamic import in an unused store, do not count).
 */
async function bundle(): Promise<{ code: string; nodeImports: string[] }> {
  const stub: Plugin = {
    name: 'node-builtins',
    setup(b) {
      b.onResolve({ filter: NODE_BUILTIN }, (args) => ({ path: args.path, namespace: 'node-stub' }));
      // CommonJS, so any named import builds (and is undefined if used).
      b.onLoad({ filter: /.*/, namespace: 'node-stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
    },
  };
  const result = await build({ entryPoints: [fixture], bundle: true, platform: 'browser', format: 'esm', write: false, metafile: true, logLevel: 'silent', plugins: [stub], target: 'es2022' });
  const [output] = Object.values(result.metafile.outputs);
  const [file] = result.outputFiles;
  if (output === undefined || file === undefined) throw new Error('esbuild wrote no bundle');
  const included = new Set(Object.keys(output.inputs));
  const nodeImports = Object.entries(result.metafile.inputs).flatMap(([file, input]) =>
    included.has(file) ? input.imports.filter((i) => i.path.startsWith('node-stub:')).map((i) => `${file} -> ${i.path.slice('node-stub:'.length)}`) : [],
  );
  return { code: file.text, nodeImports: [...new Set(nodeImports)].sort() };
}

describe('the core in a browser', { timeout: 120_000 }, () => {
  it('bundles for platform browser with no Node built-in beyond the known ones', async () => {
    const { nodeImports } = await bundle();
    expect(nodeImports.filter((i) => !KNOWN_NODE_IMPORTS.includes(i))).toEqual([]);
  });

  it('lists only Node imports and globals that are still there', async () => {
    const { code, nodeImports } = await bundle();
    expect(KNOWN_NODE_IMPORTS.filter((i) => !nodeImports.includes(i))).toEqual([]);
    expect(KNOWN_NODE_GLOBALS.filter((g) => !new RegExp(`\\b${g}\\(`).test(code))).toEqual([]);
  });

  it.skipIf(!existsSync(CHROMIUM))('runs a Map, a Wait on a VirtualClock, States.Hash and JSONata in headless Chromium', async () => {
    const { code } = await bundle();
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      // Served as http://localhost, a secure context, as crypto.randomUUID requires; no real server.
      await page.route('http://localhost/**', (route) =>
        route.fulfill({ contentType: route.request().url().endsWith('.js') ? 'text/javascript' : 'text/html', body: route.request().url().endsWith('.js') ? code : PAGE() }),
      );
      await page.goto('http://localhost/');
      await page.waitForFunction(() => (globalThis as { aslRun?: unknown }).aslRun !== undefined);
      const outcome = await page.evaluate(() => (globalThis as { aslRun?: Promise<unknown> }).aslRun);
      expect(errors).toEqual([]);
      // A failure's error and cause first, so a failed run says why.
      const failure = (outcome as { result?: { error?: string; cause?: string } }).result;
      expect(failure?.error === undefined ? '' : `${failure.error}: ${failure.cause ?? ''}`).toBe('');
      const digest = (algorithm: string, text: string) => createHash(algorithm).update(text, 'utf8').digest('hex');
      expect(outcome).toMatchObject({
        result: {
          status: 'SUCCEEDED',
          output: { count: 3, digests: ['a', 'b', 'c'].map((item) => ({ item, sha256: digest('sha256', item), md5: digest('md5', item) })) },
        },
        // The three Waits run side by side: one virtual hour in all.
        ended: '2024-01-01T01:00:00.000Z',
      });
      expect((outcome as { hash: string }).hash).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await browser.close();
    }
  });
});
