/**
 * File access for the loader. `node:fs` and `node:path` come from `process.getBuiltinModule` at
 * call time, so this module stays importable where there is no file system (a browser), and a
 * file path there is a {@link TemplateError}, not a crash.
 */
import { TemplateError } from './error.js';

interface Fs {
  readFileSync(path: string, encoding: 'utf8'): string;
}
interface PathModule {
  resolve(...parts: string[]): string;
  dirname(path: string): string;
  basename(path: string): string;
}

type GetBuiltin = (id: string) => unknown;

/** Node's built-in module `id`, or undefined outside Node. */
function builtin<T>(id: string): T | undefined {
  const get = (globalThis as { process?: { getBuiltinModule?: GetBuiltin } }).process?.getBuiltinModule;
  return typeof get === 'function' ? (get(id) as T | undefined) : undefined;
}

/** Reads files and resolves paths; null where there is no file system. */
export interface Host {
  read(file: string): string;
  resolve(baseDir: string | undefined, file: string): string;
  dirname(file: string): string;
  basename(file: string): string;
}

/** The Node host, or null outside Node. */
export function nodeHost(): Host | null {
  const fs = builtin<Fs>('node:fs');
  const path = builtin<PathModule>('node:path');
  if (!fs || !path) return null;
  return {
    read(file) {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : String((error as Error).message);
        throw new TemplateError(`cannot read the file: ${why}`, file);
      }
    },
    resolve: (baseDir, file) => (baseDir === undefined ? path.resolve(file) : path.resolve(baseDir, file)),
    dirname: (file) => path.dirname(file),
    basename: (file) => path.basename(file),
  };
}

/** The host, or a TemplateError saying why `what` needs one. */
export function requireHost(host: Host | null, what: string): Host {
  if (host) return host;
  throw new TemplateError(`${what} needs a file system (Node.js); here, pass the template's text or parsed object instead`);
}
