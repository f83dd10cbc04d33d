import { createRequire } from 'node:module';

/**
 * Loads a CommonJS dependency on first use instead of at import, so `import 'asl-runtime'`
 * stays fast: jsonata is only needed by JSONata states, ajv only by validation.
 */
export function lazyRequire<T>(id: string): () => T {
  let cached: T | undefined;
  return () => (cached ??= createRequire(import.meta.url)(id) as T);
}
