import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // p-limit is ESM-only; bundling it keeps the CommonJS build loadable with require() on Node 20.
  noExternal: ['p-limit', 'yocto-queue'],
});
