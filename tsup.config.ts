import { existsSync } from 'node:fs';
import { defineConfig } from 'tsup';

const entries: Record<string, string> = {
  index: 'src/index.ts',
  testing: 'src/testing/index.ts',
  visual: 'src/visual/index.ts',
  remote: 'src/remote/index.ts',
  cli: 'src/cli/bin.ts',
};

export default defineConfig({
  // Only entries whose source exists, so a partial checkout still builds.
  entry: Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file))),
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  // Shared chunks in both formats, so index and testing share one copy of each class.
  splitting: true,
  target: 'node20',
  // import.meta.url in the CommonJS build (used to load optional dependencies lazily).
  shims: true,
  // p-limit is ESM-only; bundling it keeps the CommonJS build loadable with require() on Node 20.
  noExternal: ['p-limit', 'yocto-queue'],
});
