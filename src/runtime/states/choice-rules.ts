import type { ChoiceRule } from '../../definition/types.js';
import { DataFlowError, StatesErrors } from '../../errors.js';
import { compilePath } from '../../query/jsonpath/path.js';
import type { EvalScope } from '../../query/scope.js';
import { parseTimestamp } from '../timestamp.js';
import { compileWildcard } from '../../query/wildcard.js';

/** A compiled JSONPath choice rule: true when it matches the Choice state's input. */
export type Predicate = (scope: EvalScope) => boolean;

type Kind = 'String' | 'Numeric' | 'Boolean' | 'Timestamp';
type Cmp = 'Equals' | 'LessThan' | 'GreaterThan' | 'LessThanEquals' | 'GreaterThanEquals';

const COMPARISON = /^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$/;

/** Compiles a rule (and its nested And/Or/Not) once. */
export function compileRule(rule: ChoiceRule): Predicate {
  if (rule.And) {
    const parts = rule.And.map(compileRule);
    return (s) => parts.every((p) => p(s));
  }
  if (rule.Or) {
    const parts = rule.Or.map(compileRule);
    return (s) => parts.some((p) => p(s));
  }
  if (rule.Not) {
    const inner = compileRule(rule.Not);
    return (s) => !inner(s);
  }
  const variable = rule.Variable!;
  const path = compilePath(variable);
  const read = (s: EvalScope): unknown => {
    const v = path.get(s);
    if (v === undefined) {
      throw new DataFlowError(StatesErrors.Runtime, `Invalid path '${variable}': The choice state's condition path references an invalid value.`);
    }
    return v;
  };
  for (const key of Object.keys(rule)) {
    if (key === 'IsPresent') {
      const want = rule.IsPresent === true;
      return (s) => (path.get(s) !== undefined) === want;
    }
    const test = TYPE_TESTS[key];
    if (test) {
      const want = rule[key] === true;
      return (s) => test(read(s)) === want;
    }
    if (key === 'StringMatches') {
      const matches = compileWildcard(String(rule.StringMatches));
      return (s) => {
        const v = read(s);
        return typeof v === 'string' && matches(v);
      };
    }
    const m = COMPARISON.exec(key);
    if (m) {
      const kind = m[1] as Kind;
      const cmp = m[2] as Cmp;
      if (m[3]) {
        const otherText = String(rule[key]);
        const other = compilePath(otherText);
        return (s) => {
          const b = other.get(s);
          if (b === undefined) {
            throw new DataFlowError(StatesErrors.Runtime, `Invalid path '${otherText}': The choice state's condition path references an invalid value.`);
          }
          return compare(kind, cmp, read(s), b);
        };
      }
      const literal = rule[key];
      return (s) => compare(kind, cmp, read(s), literal);
    }
  }
  // The validator rejects a rule without an operator; keep the interpreter total anyway.
  return () => false;
}

const TYPE_TESTS: Record<string, (v: unknown) => boolean> = {
  IsNull: (v) => v === null,
  IsNumeric: (v) => typeof v === 'number',
  IsString: (v) => typeof v === 'string',
  IsBoolean: (v) => typeof v === 'boolean',
  IsTimestamp: (v) => typeof v === 'string' && parseTimestamp(v) !== undefined,
};

/** Compares two values of one kind; a value of another type never matches (AWS: the rule is false). */
function compare(kind: Kind, cmp: Cmp, a: unknown, b: unknown): boolean {
  let x: number | string;
  let y: number | string;
  switch (kind) {
    case 'Boolean':
      return cmp === 'Equals' && typeof a === 'boolean' && a === b;
    case 'Numeric':
      if (typeof a !== 'number' || typeof b !== 'number') return false;
      x = a;
      y = b;
      break;
    case 'String':
      if (typeof a !== 'string' || typeof b !== 'string') return false;
      x = a;
      y = b;
      break;
    case 'Timestamp': {
      const ta = typeof a === 'string' ? parseTimestamp(a) : undefined;
      const tb = typeof b === 'string' ? parseTimestamp(b) : undefined;
      if (ta === undefined || tb === undefined) return false;
      x = ta;
      y = tb;
      break;
    }
  }
  switch (cmp) {
    case 'Equals':
      return x === y;
    case 'LessThan':
      return x < y;
    case 'GreaterThan':
      return x > y;
    case 'LessThanEquals':
      return x <= y;
    case 'GreaterThanEquals':
      return x >= y;
  }
}
