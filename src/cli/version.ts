import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The installed package's version, read from its package.json: the nearest one named
 * asl-runtime above this module (dist/ when built, src/cli/ when run from source).
 */
export function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'asl-runtime' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // No package.json here; look one folder up.
    }
    dir = dirname(dir);
  }
  return 'unknown';
}
