/**
 * Evaluates parsed filters with Jayway's semantics: a path that does not resolve is
 * "undefined", which equals nothing (so `!=` holds) and orders against nothing; numbers and
 * numeric strings compare as numbers; `<`-style comparisons need two numbers or two strings;
 * `=~` must match the whole value. Regexes run on the linear-time engine.
 */
import { compileSafeRegex, UnsupportedRegexError, type SafeRegex } from '../regex.js';
import { FilterSyntaxError, type FilterNode, type Operand, type PathStep, type RelOp } from './filter-parse.js';

/** A compiled filter: true when `item` (with `root` as `$`) passes. */
export type FilterPredicate = (item: unknown, root: unknown) => boolean;

const MISSING: unique symbol = Symbol('missing');
type Value = unknown | typeof MISSING;

const hasOwn = Object.prototype.hasOwnProperty;

function regex(pattern: string, flags: string, whole: boolean): SafeRegex {
  try {
    return compileSafeRegex(whole ? `^(?:${pattern})$` : pattern, flags);
  } catch (err) {
    throw new FilterSyntaxError(err instanceof UnsupportedRegexError ? err.message.replace(`^(?:${pattern})$`, pattern) : String(err));
  }
}

/** Compiles a parsed filter. Throws {@link FilterSyntaxError} for a regex RE2 cannot run. */
export function compileFilter(node: FilterNode): FilterPredicate {
  switch (node.kind) {
    case 'and': {
      const l = compileFilter(node.left);
      const r = compileFilter(node.right);
      return (item, root) => l(item, root) && r(item, root);
    }
    case 'or': {
      const l = compileFilter(node.left);
      const r = compileFilter(node.right);
      return (item, root) => l(item, root) || r(item, root);
    }
    case 'not': {
      const inner = compileFilter(node.operand);
      return (item, root) => !inner(item, root);
    }
    case 'exists': {
      const read = compileOperand(node.path);
      return (item, root) => read(item, root) !== MISSING;
    }
    case 'compare':
      return compileCompare(node.op, node.left, node.right);
  }
}

function compileCompare(op: RelOp, left: Operand, right: Operand): FilterPredicate {
  const l = compileOperand(left);
  if (op === '=~') {
    if (right.kind !== 'regex') throw new FilterSyntaxError(`'=~' must be followed by a /regex/`);
    const re = regex(right.pattern, right.flags, true);
    return (item, root) => {
      const v = l(item, root);
      const text = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
      return text !== undefined && re.test(text);
    };
  }
  const r = compileOperand(right);
  const test = RELATIONS[op];
  return (item, root) => test(l(item, root), r(item, root));
}

const RELATIONS: Record<Exclude<RelOp, '=~'>, (a: Value, b: Value) => boolean> = {
  '==': (a, b) => equals(a, b),
  '!=': (a, b) => !equals(a, b),
  '<': (a, b) => order(a, b, (x) => x < 0),
  '<=': (a, b) => order(a, b, (x) => x <= 0),
  '>': (a, b) => order(a, b, (x) => x > 0),
  '>=': (a, b) => order(a, b, (x) => x >= 0),
  in: (a, b) => Array.isArray(b) && b.some((x) => equals(a, x)),
  nin: (a, b) => !(Array.isArray(b) && b.some((x) => equals(a, x))),
  subsetof: (a, b) => Array.isArray(a) && Array.isArray(b) && a.every((x) => b.some((y) => equals(x, y))),
  anyof: (a, b) => Array.isArray(a) && Array.isArray(b) && a.some((x) => b.some((y) => equals(x, y))),
  noneof: (a, b) => Array.isArray(a) && Array.isArray(b) && !a.some((x) => b.some((y) => equals(x, y))),
  size: (a, b) => (Array.isArray(a) || typeof a === 'string') && typeof b === 'number' && a.length === b,
  empty: (a, b) => (Array.isArray(a) || typeof a === 'string') && typeof b === 'boolean' && (a.length === 0) === b,
  contains: (a, b) => (typeof a === 'string' ? typeof b === 'string' && a.includes(b) : Array.isArray(a) && a.some((x) => equals(x, b))),
};

/** A number, or a string holding one, as a number (Jayway converts between the two). */
function asNumber(v: Value): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function equals(a: Value, b: Value): boolean {
  if (a === MISSING || b === MISSING) return false;
  if (typeof a === 'number' || typeof b === 'number') {
    const x = asNumber(a);
    const y = asNumber(b);
    return x !== undefined && y !== undefined && x === y;
  }
  return deepEquals(a, b);
}

function deepEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEquals(x, bb[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => hasOwn.call(b, k) && deepEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function order(a: Value, b: Value, accept: (cmp: number) => boolean): boolean {
  if (typeof a === 'number' && typeof b === 'number') return accept(a - b);
  if (typeof a === 'string' && typeof b === 'string') return accept(a < b ? -1 : a > b ? 1 : 0);
  return false;
}

function compileOperand(op: Operand): (item: unknown, root: unknown) => Value {
  switch (op.kind) {
    case 'literal': {
      const v = op.value;
      return () => v;
    }
    case 'regex':
      throw new FilterSyntaxError(`a /regex/ may only follow '=~' or match(`);
    case 'path': {
      const steps = op.steps.map(compileStep);
      const fromRoot = op.root === '$';
      return (item, root) => {
        let v: Value = fromRoot ? root : item;
        for (const step of steps) {
          v = step(v);
          if (v === MISSING) return MISSING;
        }
        return v;
      };
    }
  }
}

function compileStep(step: PathStep): (v: Value) => Value {
  switch (step.kind) {
    case 'name': {
      const name = step.name;
      return (v) => {
        if (v === null || typeof v !== 'object') {
          // jsonpath-plus (JavaScript) semantics kept for `.length` of a string.
          return name === 'length' && typeof v === 'string' ? v.length : MISSING;
        }
        if (hasOwn.call(v, name)) return (v as Record<string, unknown>)[name];
        return name === 'length' && Array.isArray(v) ? v.length : MISSING;
      };
    }
    case 'index': {
      const index = step.index;
      return (v) => (Array.isArray(v) && index < v.length ? v[index] : MISSING);
    }
    case 'match': {
      const re = regex(step.pattern, step.flags, false);
      return (v) => typeof v === 'string' && re.test(v);
    }
    case 'function':
      return FUNCTIONS[step.name] ?? (() => MISSING);
  }
}

const numbers = (v: Value): number[] | undefined =>
  Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number') ? (v as number[]) : undefined;

/** Jayway's path functions; a value they do not apply to gives "undefined". */
const FUNCTIONS: Record<string, (v: Value) => Value> = {
  length: (v) => (Array.isArray(v) || typeof v === 'string' ? v.length : v !== null && typeof v === 'object' ? Object.keys(v).length : MISSING),
  min: (v) => (numbers(v) ? numbers(v)!.reduce((m, x) => (x < m ? x : m)) : MISSING),
  max: (v) => (numbers(v) ? numbers(v)!.reduce((m, x) => (x > m ? x : m)) : MISSING),
  sum: (v) => (numbers(v) ? numbers(v)!.reduce((s, x) => s + x, 0) : MISSING),
  avg: (v) => (numbers(v) ? numbers(v)!.reduce((s, x) => s + x, 0) / numbers(v)!.length : MISSING),
  first: (v) => (Array.isArray(v) && v.length > 0 ? v[0] : MISSING),
  last: (v) => (Array.isArray(v) && v.length > 0 ? v[v.length - 1] : MISSING),
};
