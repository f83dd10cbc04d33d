import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { defineConfig } from 'tsup';

// The schema validators are generated code (ajv standalone, so no schema is compiled at run
// time); regenerate them from schemas/ before every build so the two cannot drift apart.
execFileSync(process.execPath, ['scripts/generate-schema-validators.mjs'], { stdio: 'inherit' });

/** Library entries, each built as ESM and CommonJS with types. */
const library: Record<string, string> = {
  index: 'src/index.ts',
  // The main entry for the `browser` export condition: jsonata and re2js imported up front.
  browser: 'src/browser.ts',
  node: 'src/node.ts',
  testing: 'src/testing/index.ts',
  visual: 'src/visual/index.ts',
  remote: 'src/remote/index.ts',
};

// Only entries whose source exists, so a partial checkout still builds.
const present = (entries: Record<string, string>) => Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));

// The CLI's chunks from the last build: removed here, as tsup's clean cannot be limited to a
// subfolder and the library build, which cleans the rest, runs at the same time.
rmSync('dist/cli', { recursive: true, force: true });

/**
 * Dependencies copied into the bundle. p-limit is ESM-only; bundling it keeps the CommonJS build
 * loadable with require() on Node 20. date-fns: resolving any `date-fns/…` import makes Node parse
 * its 200 KB package.json (the exports map), which cost more at import than all of our own code; the
 * few functions used are small.
 */
const BUNDLED = ['p-limit', 'yocto-queue', /^date-fns(\/|$)/];

export default defineConfig([
  {
    entry: present(library),
    format: ['esm', 'cjs'],
    dts: true,
    // No source maps: the output is unminified and readable, and maps would double the tarball.
    sourcemap: false,
    // Everything but the CLI's files, which the second build owns (both builds run at once).
    clean: ['!cli.js', '!cli/**'],
    // Shared chunks in both formats, so index and testing share one copy of each class.
    splitting: true,
    target: 'node20',
    // import.meta.url in the CommonJS build (used to load optional dependencies lazily).
    shims: true,
    noExternal: BUNDLED,
  },
  {
    // The command line: ESM only and no types, as nothing imports it. dist/cli.js, with its
    // chunks in dist/cli/ so they never mix with the library's.
    entry: present({ cli: 'src/cli/bin.ts' }),
    format: ['esm'],
    dts: false,
    sourcemap: false,
    // dist/cli/ is emptied when this file loads, before either build starts (see below).
    clean: false,
    esbuildOptions(options) {
      options.chunkNames = 'cli/[name]-[hash]';
    },
    splitting: true,
    target: 'node20',
    noExternal: BUNDLED,
  },
]);
