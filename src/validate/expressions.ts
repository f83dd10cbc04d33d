/**
 * Checks of values inside payloads: JSONPath payload templates (`"key.$"` values: paths and
 * intrinsic functions, NO_DOLLAR warnings), JSONata `{% … %}` strings, and variable names.
 */
import type jsonataType from 'jsonata';
import { lazyRequire } from '../lazy-require.js';

const jsonata = lazyRequire<typeof jsonataType>('jsonata');
import { checkIntrinsic, isIntrinsicCall } from '../query/intrinsics/index.js';
import { dynamicValueCompileProblem, jsonataCompileProblem } from './compiled.js';
import { isObject, quote, type Collector, type Path } from './diagnostics.js';
import { intrinsicArgumentProblems } from './intrinsic-types.js';
import { checkPath, looksLikeIntrinsic, looksLikePath } from './paths.js';

/** Deepest payload nesting walked (deeper parts were already rejected as TOO_DEEPLY_NESTED). */
const MAX_WALK_DEPTH = 1100;

interface WalkFrame {
  readonly value: unknown;
  readonly key: string | number | undefined;
  readonly parent: WalkFrame | undefined;
  readonly depth: number;
  /** Built on first use: most values are visited without being reported. */
  path: Path | undefined;
}

function pathOf(frame: WalkFrame, rootPath: Path): Path {
  if (frame.path !== undefined) return frame.path;
  const parent = frame.parent;
  // a frame without a parent is the root; every other frame has a key
  frame.path = parent === undefined ? rootPath : [...pathOf(parent, rootPath), frame.key!];
  return frame.path;
}

/**
 * Visits every (value, path, key) below `root`, iteratively. `key` is the member name or index;
 * `path()` gives the value's location (built only when asked, since most values are not reported).
 */
export function walkValues(root: unknown, rootPath: Path, visit: (value: unknown, path: () => Path, key: string | number | undefined) => void): void {
  const stack: WalkFrame[] = [{ value: root, key: undefined, parent: undefined, depth: 0, path: rootPath }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const value = frame.value;
    visit(value, () => pathOf(frame, rootPath), frame.key);
    if (frame.depth > MAX_WALK_DEPTH) continue;
    const depth = frame.depth + 1;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: frame, depth, path: undefined });
    } else if (isObject(value)) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i]!; // i is within keys' bounds
        stack.push({ value: value[k], key: k, parent: frame, depth, path: undefined });
      }
    }
  }
}

/** Checks a path-or-intrinsic string of a `.$` key or an ErrorPath/CausePath; true when valid. */
export function checkDollarValue(out: Collector, value: string, at: Path, stateName: string, allowIntrinsic = true): boolean {
  if (isIntrinsicCall(value)) {
    if (!allowIntrinsic) {
      out.error('INVALID_JSONPATH', at, 'intrinsic functions are not allowed here', stateName);
      return false;
    }
    // AWS's statelint refuses ' States.Array(…)': the value must start with the function name
    if (/^\s/.test(value)) {
      out.error('INVALID_INTRINSIC', at, `${quote(value)} starts with whitespace; an intrinsic function call must start with 'States.'`, stateName);
      return false;
    }
    const [problem] = checkIntrinsic(value);
    if (problem !== undefined) {
      out.error('INVALID_INTRINSIC', at, `invalid intrinsic function at character ${problem.position + 1}: ${problem.message}`, stateName);
      return false;
    }
    const [typeProblem] = intrinsicArgumentProblems(value);
    if (typeProblem !== undefined) {
      out.error('INVALID_INTRINSIC', at, `invalid intrinsic function at character ${typeProblem.position + 1}: ${typeProblem.message}`, stateName);
      return false;
    }
    return compiles(out, value, at, stateName, 'INVALID_INTRINSIC');
  }
  const problem = checkPath(value);
  if (problem !== undefined) {
    out.error('INVALID_JSONPATH', at, `${quote(value)} is not a valid JSONPath: ${problem.message} (character ${problem.position + 1})`, stateName);
    return false;
  }
  return compiles(out, value, at, stateName, 'INVALID_JSONPATH');
}

/** The runtime's template compiler must accept what the grammar accepted; reports its message when not. */
function compiles(out: Collector, value: string, at: Path, stateName: string, code: 'INVALID_JSONPATH' | 'INVALID_INTRINSIC'): boolean {
  const problem = dynamicValueCompileProblem(value);
  if (problem === undefined) return true;
  out.error(code, at, code === 'INVALID_JSONPATH' ? `${quote(value)} is not a valid JSONPath: ${problem}` : `invalid intrinsic function ${quote(value)}: ${problem}`, stateName);
  return false;
}

/**
 * A JSONPath payload template (Parameters, ResultSelector, ItemSelector, Credentials, Assign…):
 * `.$` values must be paths or intrinsic calls; plain values that look like one get NO_DOLLAR.
 */
export function checkPayloadTemplate(out: Collector, template: unknown, at: Path, stateName: string): void {
  walkValues(template, at, (value, pathOf, key) => {
    if (isObject(value)) {
      const names = new Set<string>();
      for (const k of Object.keys(value)) {
        const name = k.endsWith('.$') ? k.slice(0, -2) : k;
        if (names.has(name)) out.error('SCHEMA_VALIDATION_FAILED', [...pathOf(), k], `'${k}' and another key both produce the field '${name}'`, stateName);
        names.add(name);
      }
    }
    if (typeof key !== 'string') return;
    if (key.endsWith('.$')) {
      if (typeof value !== 'string') {
        out.error('SCHEMA_VALIDATION_FAILED', pathOf(), `the value of '${key}' must be a string holding a path or an intrinsic function`, stateName);
        return;
      }
      checkDollarValue(out, value, pathOf(), stateName);
    } else if (typeof value === 'string' && (looksLikePath(value) || looksLikeIntrinsic(value))) {
      out.warn('NO_DOLLAR', pathOf(), `'${key}' holds ${JSON.stringify(value)}, which looks like a ${looksLikePath(value) ? 'path' : 'intrinsic function'}, but the key does not end with '.$' so it is passed as a literal string`, stateName);
    }
  });
}

/** Where a JSONata expression sits, deciding which `$states` fields it may use. */
export interface ExpressionContext {
  /** `$states.result` is available (Task/Parallel/Map Output and Assign, catchers). */
  readonly result: boolean;
  /** `$states.errorOutput` is available (inside Catch). */
  readonly errorOutput: boolean;
}

const parsedCache = new Map<string, { ast?: unknown; error?: { message: string; position: number } }>();

function parseJsonata(source: string): { ast?: unknown; error?: { message: string; position: number } } {
  let entry = parsedCache.get(source);
  if (entry === undefined) {
    try {
      entry = { ast: jsonata()(source).ast() };
    } catch (error) {
      const e = error as { message?: string; position?: number };
      entry = { error: { message: String(e.message ?? error), position: typeof e.position === 'number' ? e.position : 0 } };
    }
    if (parsedCache.size > 5000) parsedCache.clear();
    parsedCache.set(source, entry);
  }
  return entry;
}

/** `$states.<field>` names referenced by a JSONata AST (iterative walk). */
function statesFields(ast: unknown): Set<string> {
  const found = new Set<string>();
  const stack: unknown[] = [ast];
  let budget = 100000;
  while (stack.length > 0 && budget-- > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    if (!isObject(node)) continue;
    if (node.type === 'path' && Array.isArray(node.steps)) {
      const [first, second] = node.steps as { type?: string; value?: unknown }[];
      if (first?.type === 'variable' && first.value === 'states' && second?.type === 'name' && typeof second.value === 'string') found.add(second.value);
    }
    for (const key of Object.keys(node)) if (typeof node[key] === 'object' && node[key] !== null) stack.push(node[key]);
  }
  return found;
}

/** True when a string is a JSONata expression: `{%` … `%}`. */
export function isJsonataString(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('{%') && value.endsWith('%}') && value.length >= 4;
}

/**
 * Why a string that is not a `{% … %}` expression looks like a broken one, or undefined. In a
 * JSONata state only a whole-string `{% … %}` is evaluated; `{% x` or `x %}` would silently be
 * kept as literal text.
 */
function halfDelimited(value: string): string | undefined {
  const text = value.trim();
  if (text !== value && isJsonataString(text)) return `${quote(value)} has whitespace around '{% … %}'; the expression must be the whole string, or it is kept as literal text`;
  if (value.startsWith('{%')) return `${quote(value)} starts with '{%' but is not a complete '{% … %}' expression, so it is not evaluated; write the whole string as {% expression %}`;
  if (value.endsWith('%}')) return `${quote(value)} ends with '%}' but does not start with '{%', so it is not evaluated; write the whole string as {% expression %}`;
  return undefined;
}

/** Checks every `{% %}` string below `value` (JSONata states). */
export function checkJsonataValues(out: Collector, value: unknown, at: Path, stateName: string, context: ExpressionContext): void {
  walkValues(value, at, (v, pathOf) => {
    if (typeof v === 'string' && !isJsonataString(v)) {
      const half = halfDelimited(v);
      if (half !== undefined) out.error('INVALID_JSONATA', pathOf(), half, stateName);
      return;
    }
    if (!isJsonataString(v)) return;
    const source = v.slice(2, -2);
    if (source.trim() === '') {
      out.error('INVALID_JSONATA', pathOf(), 'empty JSONata expression', stateName);
      return;
    }
    const parsed = parseJsonata(source);
    if (parsed.error !== undefined) {
      out.error('INVALID_JSONATA', pathOf(), `invalid JSONata expression at character ${parsed.error.position + 2}: ${parsed.error.message}`, stateName);
      return;
    }
    // the runtime's compiler must accept what the parser accepted
    const compileProblem = jsonataCompileProblem(v);
    if (compileProblem !== undefined) {
      out.error('INVALID_JSONATA', pathOf(), `invalid JSONata expression: ${compileProblem}`, stateName);
      return;
    }
    const used = statesFields(parsed.ast);
    if (used.has('result') && !context.result) {
      out.error('INVALID_JSONATA', pathOf(), "'$states.result' is only available in the Output and Assign of Task, Parallel and Map states", stateName);
    }
    if (used.has('errorOutput') && !context.errorOutput) {
      out.error('INVALID_JSONATA', pathOf(), "'$states.errorOutput' is only available inside a Catch", stateName);
    }
  });
}

const VARIABLE_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** Checks the variable names of an Assign object (a `.$` suffix is dropped in JSONPath mode). */
export function checkAssignNames(out: Collector, assign: unknown, at: Path, stateName: string, jsonPath: boolean): void {
  if (!isObject(assign)) return;
  for (const key of Object.keys(assign)) {
    const name = jsonPath && key.endsWith('.$') ? key.slice(0, -2) : key;
    let problem: string | undefined;
    if (name === 'states') problem = "'states' is reserved";
    else if ([...name].length > 80) problem = 'variable names are at most 80 characters';
    else if (!VARIABLE_NAME.test(name)) problem = 'a variable name starts with a letter or underscore and contains only letters, digits and underscores';
    if (problem !== undefined) out.error('INVALID_VARIABLE_NAME', [...at, key], `invalid variable name '${name}': ${problem}`, stateName);
  }
}
