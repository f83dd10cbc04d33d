/**
 * File arguments as users type them: a file, a directory (its definition files, recursively) or
 * a glob quoted so the shell leaves it alone: `'statemachines/**\/*.asl.{json,yaml}'`.
 * Globs know `*`, `?`, `**`, `[abc]` and `{a,b}`; like shells, they skip dot-folders, and
 * `node_modules` is skipped too.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { UsageError } from './args.js';

/** What a directory argument expands to. */
const DEFINITION_FILE = /\.(json|ya?ml)$/i;
const GLOB_CHARS = /[*?[{]/;

/** Whether the argument is a glob rather than a path. */
export function isGlob(arg: string): boolean {
  return GLOB_CHARS.test(arg);
}

/**
 * Expands each argument; plain paths that do not exist are kept, so the command reports them.
 * @throws UsageError for a glob or directory that matches no file.
 */
export async function expandFiles(args: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    if (arg === '-') {
      files.push(arg);
    } else if (isGlob(arg)) {
      const matched = (await Promise.all(expandBraces(arg).map(globFiles))).flat();
      if (matched.length === 0) throw new UsageError(`no file matches '${arg}'`);
      files.push(...matched.sort());
    } else if (await isDirectory(arg)) {
      const found = (await walk(arg)).filter((f) => DEFINITION_FILE.test(f));
      if (found.length === 0) throw new UsageError(`no .json, .yaml or .yml file in the folder '${arg}'`);
      files.push(...found.sort());
    } else {
      files.push(arg);
    }
  }
  return [...new Set(files)];
}

/** `a{b,c{d,e}}f` → abf, acdf, acef. */
export function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open === -1) return [pattern];
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '{') depth++;
    else if (ch === ',' && depth === 1) commas.push(i);
    else if (ch === '}' && --depth === 0) {
      const bounds = [open, ...commas, i];
      const head = pattern.slice(0, open);
      const tail = pattern.slice(i + 1);
      // each alternative runs from one bound to the next (bounds[k] precedes bounds[k + 1] = end)
      return bounds.slice(1).flatMap((end, k) => expandBraces(head + pattern.slice(bounds[k]! + 1, end) + tail));
    }
  }
  return [pattern]; // an unclosed brace is literal
}

/** A glob (without braces) as a regular expression over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob.charAt(i);
    if (ch === '*' && glob[i + 1] === '*') {
      // `**/` is any number of folders, including none; `**` at the end is anything.
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:[^/]*/)*' : '.*';
      i += slash ? 2 : 1;
    } else if (ch === '*') {
      re += '[^/]*';
    } else if (ch === '?') {
      re += '[^/]';
    } else if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) {
        re += '\\[';
      } else {
        const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else {
      re += ch.replace(/[.+^$()|\\{}\]]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`);
}

async function globFiles(pattern: string): Promise<string[]> {
  const normalised = pattern.split(sep).join('/');
  const segments = normalised.split('/');
  // The folder to walk: the leading segments without wildcards.
  const fixed = segments.findIndex((s) => isGlob(s));
  const base = segments.slice(0, fixed).join('/') || (normalised.startsWith('/') ? '/' : '.');
  if (!(await isDirectory(base))) return [];
  const matcher = globToRegExp(segments.slice(fixed).join('/'));
  const files = await walk(base);
  return files.filter((f) => matcher.test(relative(base, f).split(sep).join('/'))).map((f) => (base === '.' ? relative('.', f) : f));
}

/** Every file under `dir`, not following symbolic links (so no cycles), skipping dot-folders and node_modules. */
async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') out.push(...(await walk(path)));
    } else if (entry.isFile()) {
      out.push(path);
    }
  }
  return out;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
