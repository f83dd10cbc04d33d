/**
 * Loads a CommonJS dependency on first use instead of at import, so `import 'asl-runtime'` stays
 * fast: jsonata is only needed by JSONata expressions, re2js by regular expressions, jsonpath-plus
 * by paths with filters, wildcards, slices or `..`.
 *
 * No `node:` import here, so the core bundles for browsers: Node's require is made at call time
 * through `process.getBuiltinModule` (Node ≥ 20.16). Where there is none, modules come from
 * {@link provideModules} (the `browser` entry does that).
 */

type Require = (id: string) => unknown;

const provided = new Map<string, unknown>();

/**
 * Supplies modules that {@link lazyRequire} would load, for hosts without Node's require.
 * @internal Used by the browser entry.
 */
export function provideModules(modules: Readonly<Record<string, unknown>>): void {
  for (const [id, mod] of Object.entries(modules)) provided.set(id, mod);
}

let nodeRequire: Require | null | undefined;

/** Node's require for this module, or null outside Node. */
function findRequire(): Require | null {
  // Not the free `require` of the CommonJS build: bundlers rewrite it into a stub that throws in ESM.
  const getBuiltin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  const mod = typeof getBuiltin === 'function' ? (getBuiltin('node:module') as { createRequire?: (from: string) => Require } | undefined) : undefined;
  return mod?.createRequire ? mod.createRequire(import.meta.url) : null;
}

/** A loader of `id`: the module provided for it, else Node's require of it. */
export function lazyRequire<T>(id: string): () => T {
  let cached: T | undefined;
  return () => {
    if (cached !== undefined) return cached;
    if (provided.has(id)) return (cached = provided.get(id) as T);
    nodeRequire ??= findRequire();
    if (nodeRequire === null) throw new Error(`asl-runtime: cannot load '${id}' here (no Node.js require); import 'asl-runtime' through a bundler's browser condition, which provides it`);
    return (cached = nodeRequire(id) as T);
  };
}
