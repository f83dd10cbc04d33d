/**
 * Parsing of *simple* paths: `$`, `$$` or `$name` followed by `.name`, `['name']` and `[0]`
 * steps only. Such paths select at most one value and compile to direct property access;
 * anything else (wildcards, filters, slices, recursive descent, unions) is a real JSONPath
 * expression and goes to jsonpath-plus.
 */

export type Root = { kind: 'input' } | { kind: 'context' } | { kind: 'variable'; name: string };

export type Segment = string | number;

export interface ParsedPath {
  readonly root: Root;
  /** Steps after the root, or undefined when the rest is not a simple path. */
  readonly segments: readonly Segment[] | undefined;
  /** The text after the root (for jsonpath-plus when not simple). */
  readonly rest: string;
}

// Variable names as the validator accepts them (letters and digits of any script, underscore).
const IDENT_START = /[\p{L}_]/u;
const VAR_NAME = /^[\p{L}_][\p{L}\p{N}_]*/u;

export function parsePathRoot(path: string): { root: Root; rest: string } | undefined {
  if (path.startsWith('$$')) return { root: { kind: 'context' }, rest: path.slice(2) };
  if (!path.startsWith('$')) return undefined;
  if (path.length > 1 && IDENT_START.test(String.fromCodePoint(path.codePointAt(1)!))) {
    const m = VAR_NAME.exec(path.slice(1))!;
    return { root: { kind: 'variable', name: m[0] }, rest: path.slice(1 + m[0].length) };
  }
  return { root: { kind: 'input' }, rest: path.slice(1) };
}

/** Parses the steps after a root; undefined when they are not all plain names and indexes. */
export function parseSimpleSegments(rest: string): Segment[] | undefined {
  const out: Segment[] = [];
  let i = 0;
  while (i < rest.length) {
    const c = rest[i];
    if (c === '.') {
      if (rest[i + 1] === '.') return undefined; // recursive descent
      if (rest[i + 1] === '[') {
        // `$.[0].body`, `$.abc.['x']`: a dot before brackets is ignored, as AWS does.
        i++;
        continue;
      }
      let j = i + 1;
      while (j < rest.length && rest[j] !== '.' && rest[j] !== '[') j++;
      const name = rest.slice(i + 1, j);
      if (name === '' || name === '*' || /[()?@,:'"\s]/.test(name)) return undefined;
      out.push(name);
      i = j;
    } else if (c === '[') {
      const q = rest[i + 1];
      if (q === "'" || q === '"') {
        const quoted = readQuotedName(rest, i + 1);
        if (!quoted || rest[quoted.end] !== ']') return undefined;
        out.push(quoted.name);
        i = quoted.end + 1;
      } else {
        const end = rest.indexOf(']', i);
        if (end < 0) return undefined;
        const body = rest.slice(i + 1, end);
        if (!/^\d+$/.test(body)) return undefined;
        out.push(Number(body));
        i = end + 1;
      }
    } else {
      return undefined;
    }
  }
  return out;
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

/**
 * A quoted name starting at `start` (the quote): its text with escapes resolved (`\'`, `\"`,
 * `\\`, `\n`, `\uXXXX`, as Jayway unescapes bracket names) and the index after the closing
 * quote; undefined when it is not closed.
 */
export function readQuotedName(text: string, start: number): { name: string; end: number } | undefined {
  const q = text[start];
  let name = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === q) return { name, end: i + 1 };
    if (c !== '\\' || i + 1 >= text.length) {
      name += c;
      continue;
    }
    const e = text[++i]!;
    if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) {
      name += String.fromCharCode(parseInt(text.slice(i + 1, i + 5), 16));
      i += 4;
    } else {
      name += ESCAPES[e] ?? e;
    }
  }
  return undefined;
}

/** Jayway-style normalised form of steps, e.g. `$['a']['b'][0]`, used in AWS's error causes. */
export function normalisedPath(segments: readonly Segment[], upTo = segments.length): string {
  let s = '$';
  for (let k = 0; k < upTo; k++) {
    const seg = segments[k]!;
    s += typeof seg === 'number' ? `[${seg}]` : `['${seg}']`;
  }
  return s;
}
