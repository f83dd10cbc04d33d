import type * as JsonPathPlus from 'jsonpath-plus';
import { DataFlowError, StatesErrors } from '../../errors.js';
import { lazyRequire } from '../../lazy-require.js';
import type { EvalScope } from '../scope.js';
import { checkFilters, JaywayFilterScript } from './filter.js';
import { compileGetter, rootValue, step } from './getter.js';
import { normalisedPath, parsePathRoot, parseSimpleSegments, type Root, type Segment } from './segments.js';

// Only paths with filters, wildcards, slices or `..` need jsonpath-plus (simple ones are generated
// getters), so it loads with the first such path rather than at import.
const jsonPathPlus = lazyRequire<typeof JsonPathPlus>('jsonpath-plus');

/**
 * A compiled JSONPath: `$…` over the input, `$$…` over the context object, `$name…` over a
 * workflow variable. Compiled once per definition; `get` does no parsing.
 */
export interface CompiledPath {
  readonly text: string;
  /** True when the path selects at most one value (no wildcard, filter, slice…). */
  readonly definite: boolean;
  /** The selected value; `undefined` when a definite path matches nothing. Indefinite paths give an array. */
  get(scope: EvalScope): unknown;
  /** Why a definite path matched nothing, in the words AWS uses (Jayway's). */
  missReason(scope: EvalScope): string;
}

/**
 * Compiles a path. Throws {@link PathSyntaxError} for text that is not a path the runtime can
 * evaluate (the validator reports the same paths through this function). Trailing whitespace
 * is ignored, as AWS's path engine does (`"$$.Execution.Name "`).
 */
export function compilePath(text: string): CompiledPath {
  const parsed = parsePathRoot(text.trimEnd());
  if (!parsed) throw new PathSyntaxError(`'${text}' is not a JSONPath: it must start with '$'`);
  const { root, rest } = parsed;
  const segments = parseSimpleSegments(rest);
  if (segments) return simplePath(text, root, segments);
  return expressionPath(text, root, rest);
}

/** A path the runtime cannot compile; its message says why in plain words. */
export class PathSyntaxError extends Error {
  override readonly name = 'PathSyntaxError';
}

function simplePath(text: string, root: Root, segments: readonly Segment[]): CompiledPath {
  const n = segments.length;
  return {
    text,
    definite: true,
    get: compileGetter(root, segments),
    missReason(scope) {
      let v = rootValue(root, scope);
      if (v === undefined) return `No results for path: ${text}`;
      for (let k = 0; k < n; k++) {
        const next = step(v, segments[k]!);
        if (next === undefined) {
          return k === n - 1
            ? `No results for path: ${normalisedPath(segments)}`
            : `Missing property in path ${normalisedPath(segments, k + 1)}`;
        }
        v = next;
      }
      return `No results for path: ${normalisedPath(segments)}`;
    },
  };
}

function expressionPath(text: string, root: Root, rest: string): CompiledPath {
  const expr = '$' + dropDotsBeforeBrackets(rest);
  const { JSONPath } = jsonPathPlus();
  // Validate once at compile time so a malformed expression fails early, not per run.
  try {
    checkFilters(rest);
    JSONPath({ path: expr, json: {}, wrap: true, eval: JaywayFilterScript });
  } catch (e) {
    throw new PathSyntaxError(`Invalid JSONPath '${text}': ${e instanceof Error ? e.message : String(e)}`);
  }
  return {
    text,
    definite: false,
    get(scope) {
      const json = rootValue(root, scope);
      if (json === undefined || json === null || typeof json !== 'object') return [];
      let found: unknown[] | undefined;
      try {
        found = JSONPath({ path: expr, json: json as object, wrap: true, eval: JaywayFilterScript }) as unknown[] | undefined;
      } catch {
        // jsonpath-plus's own messages name its internals; say what failed instead.
        throw new DataFlowError(StatesErrors.Runtime, `Invalid path '${text}': the path could not be evaluated against the input`);
      }
      return found ?? [];
    },
    missReason() {
      return `No results for path: ${text}`;
    },
  };
}

/** `$.[0]` and `$.a.['b']` mean `$[0]` and `$.a['b']` (outside quoted names and filters). */
function dropDotsBeforeBrackets(rest: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if ((c === "'" || c === '"') && depth > 0) {
      let j = i + 1;
      while (j < rest.length && rest[j] !== c) j += rest[j] === '\\' ? 2 : 1;
      out += rest.slice(i, j + 1);
      i = j;
      continue;
    }
    if (c === '[') depth++;
    else if (c === ']') depth--;
    if (c === '.' && depth === 0 && rest[i + 1] === '[') continue;
    out += c;
  }
  return out;
}
