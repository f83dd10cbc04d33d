/**
 * Syntax checks for JSONPath values: full paths (InputPath, `.$` values), and reference paths
 * (ResultPath and the other fields that must identify a single node).
 */

/** What a path may start with and which constructs it may use. */
export interface PathRules {
  /** Reference path: only `.name`, `['name']` and `[n]`. */
  readonly reference?: boolean;
  /** `$$` context-object paths are allowed (default true). */
  readonly context?: boolean;
  /** `$name` variable paths are allowed (default true). */
  readonly variables?: boolean;
}

/** A syntax problem at a 0-based character position. */
export interface PathProblem {
  readonly message: string;
  readonly position: number;
}

const NAME_CHAR = /[^.[\]()\s'"]/;
const VARIABLE_START = /[\p{L}_]/u;
const VARIABLE_CHAR = /[\p{L}\p{N}_]/u;

/**
 * Checks a JSONPath string; returns the first problem or undefined when the path is valid.
 * Trailing whitespace is accepted and means nothing, as AWS accepts `"$$.Execution.Name "`.
 */
export function checkPath(text: string, rules: PathRules = {}): PathProblem | undefined {
  const path = text.trimEnd();
  const reference = rules.reference === true;
  if (!path.startsWith('$')) return { message: "a path must start with '$'", position: 0 };
  let i = 1;
  if (path[1] === '$') {
    if (rules.context === false) return { message: "context paths ('$$') are not allowed here", position: 0 };
    i = 2;
  } else if (path[1] !== undefined && VARIABLE_START.test(path[1])) {
    if (rules.variables === false) return { message: 'variables are not allowed here', position: 0 };
    while (i < path.length && VARIABLE_CHAR.test(path.charAt(i))) i++;
  }
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      if (path[i + 1] === '.') {
        if (reference) return { message: "deep scan '..' is not allowed in a reference path", position: i };
        i += 2;
        if (path[i] === '[') continue;
        if (path[i] === '*') { i++; continue; }
        const end = readName(path, i);
        if (end === i) return { message: "expected a field name after '..'", position: i };
        i = end;
        continue;
      }
      i++;
      // `$.abc.['def ghi']`: a dot before brackets, as in AWS's own examples
      if (path[i] === '[') continue;
      if (path[i] === '*') {
        if (reference) return { message: "wildcard '*' is not allowed in a reference path", position: i };
        i++;
        continue;
      }
      const end = readName(path, i);
      if (end === i) return { message: "expected a field name after '.'", position: i };
      if (path[end] === '(') {
        if (reference) return { message: 'functions are not allowed in a reference path', position: i };
        if (path[end + 1] !== ')') return { message: "expected ')'", position: end + 1 };
        i = end + 2;
        continue;
      }
      i = end;
      continue;
    }
    if (c === '[') {
      const problem = readBracket(path, i, reference);
      if (typeof problem !== 'number') return problem;
      i = problem;
      continue;
    }
    return { message: `unexpected character '${c}'`, position: i };
  }
  return undefined;
}

function readName(path: string, i: number): number {
  while (i < path.length && NAME_CHAR.test(path.charAt(i))) i++;
  return i;
}

function readQuoted(path: string, i: number): number | PathProblem {
  const quote = path[i];
  let j = i + 1;
  while (j < path.length && path[j] !== quote) j += path[j] === '\\' ? 2 : 1;
  if (j >= path.length) return { message: 'unterminated quoted name', position: i };
  return j + 1;
}

/** Reads `[...]` starting at `i`; returns the index after `]` or a problem. */
function readBracket(path: string, start: number, reference: boolean): number | PathProblem {
  let i = start + 1;
  const skipSpace = (): void => { while (path[i] === ' ') i++; };
  skipSpace();
  const c = path[i];
  if (c === '(') {
    // Jayway JsonPath, which AWS uses, has filters `[?(…)]` but no script expressions `[(…)]`
    return { message: "script expressions '[(…)]' are not supported; use a filter '[?(…)]'", position: i };
  }
  if (c === '?') {
    if (reference) return { message: 'filter expressions are not allowed in a reference path', position: i };
    i++;
    if (path[i] !== '(') return { message: "expected '(' after '?'", position: i };
    // balanced parentheses, skipping quoted strings
    let depth = 0;
    for (; i < path.length; i++) {
      const ch = path[i];
      if (ch === "'" || ch === '"') {
        const end = readQuoted(path, i);
        if (typeof end !== 'number') return end;
        i = end - 1;
      } else if (ch === '(') depth++;
      else if (ch === ')') {
        depth--;
        if (depth === 0) break;
      }
    }
    if (depth !== 0) return { message: "unbalanced '(' in expression", position: start };
    i++;
    skipSpace();
    if (path[i] !== ']') return { message: "expected ']'", position: i };
    return i + 1;
  }
  if (c === '*') {
    if (reference) return { message: "wildcard '*' is not allowed in a reference path", position: i };
    i++;
    skipSpace();
    if (path[i] !== ']') return { message: "expected ']'", position: i };
    return i + 1;
  }
  // list of quoted names, or list of integers / a slice
  let items = 0;
  let slice = false;
  for (;;) {
    skipSpace();
    const ch = path[i];
    if (ch === "'" || ch === '"') {
      const end = readQuoted(path, i);
      if (typeof end !== 'number') return end;
      i = end;
    } else if (ch !== undefined && /[-0-9]/.test(ch)) {
      const m = /^-?[0-9]+/.exec(path.slice(i));
      if (m === null) return { message: 'expected an index', position: i };
      if (reference && m[0].startsWith('-')) return { message: 'negative indexes are not allowed in a reference path', position: i };
      i += m[0].length;
    } else if (ch !== ':') {
      return { message: ch === undefined ? "unterminated '['" : `unexpected character '${ch}' in brackets`, position: i };
    }
    items++;
    skipSpace();
    if (path[i] === ']') break;
    if (path[i] === ',' || path[i] === ':') {
      if (path[i] === ':') slice = true;
      if (reference) return { message: `'${path[i]}' is not allowed in a reference path`, position: i };
      i++;
      // slices may omit bounds: [:2], [1:]
      skipSpace();
      if (slice && (path[i] === ']' || path[i] === ':')) {
        if (path[i] === ']') break;
        continue;
      }
      continue;
    }
    return { message: path[i] === undefined ? "unterminated '['" : `unexpected character '${path[i]}' in brackets`, position: i };
  }
  if (items === 0 && !slice) return { message: "empty '[]'", position: start };
  return i + 1;
}

/** True when a plain string looks like a JSONPath (used for NO_DOLLAR / NO_PATH warnings). */
export function looksLikePath(value: string): boolean {
  return /^\$\$?(?:$|\.|\[)/.test(value);
}

/** True when a plain string looks like an intrinsic function call. */
export function looksLikeIntrinsic(value: string): boolean {
  return /^States\.[A-Za-z0-9]+\s*\(/.test(value);
}
