/**
 * The kinds of dynamic field ({@link FieldType}) and the causes AWS writes when a value is of
 * the wrong kind. Used with `compileField` (field.ts).
 */
import { DataFlowError, StatesErrors } from '../../errors.js';
import { unexpectedTypeError } from '../../query/jsonata/index.js';
import { parseTimestamp } from '../timestamp.js';
import type { FieldType } from './field.js';

/** Task TimeoutSeconds default and the largest value an expression may give (AWS: 99999999 s). */
export const MAX_TASK_SECONDS = 99_999_999;

/** Rules for a number field. */
interface NumberRule {
  /** Accepts a value from a JSONata expression (else States.QueryEvaluationError). */
  readonly expression: (v: number) => boolean;
  /** The type named in the JSONata error, e.g. 'positive integer'. */
  readonly expected: string;
  /** Accepts a value read through the `…Path` field (else States.Runtime). */
  readonly path: (v: number) => boolean;
  /** How the `…Path` error names a valid value. */
  readonly pathWord: string;
}

function numberField(rule: NumberRule): FieldType<number> {
  return {
    literal: (v) => (typeof v === 'number' ? () => v : undefined),
    expression: (v, expr, { field }) => {
      if (typeof v !== 'number' || !rule.expression(v)) throw unexpectedTypeError(expr, field, rule.expected, v);
      return v;
    },
    path: (v, { field, path }) => {
      const n = asNumber(v);
      if (n === undefined || !rule.path(n)) {
        // AWS quotes the value's text: `refers to value "{}" which is not a valid integer`.
        const shown = typeof v === 'string' ? v : (JSON.stringify(v) ?? 'null');
        throw new DataFlowError(
          StatesErrors.Runtime,
          `The ${field}Path field refers to value "${shown}" which is not a valid ${rule.pathWord}: ${path}`,
        );
      }
      return n;
    },
  };
}

/** A number, or a string holding a JSON number (AWS reads `"1"` through a …Path as 1). */
function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/.test(v)) return Number(v);
  return undefined;
}

/** Task TimeoutSeconds and HeartbeatSeconds: positive integers (at most 99999999 from an expression). */
export const taskSeconds = numberField({
  expression: (v) => Number.isInteger(v) && v > 0 && v <= MAX_TASK_SECONDS,
  expected: 'positive integer',
  path: (v) => Number.isInteger(v) && v > 0,
  pathWord: 'positive integer',
});

const COUNT: NumberRule = {
  expression: (v) => Number.isInteger(v) && v >= 0,
  expected: 'integer',
  path: (v) => Number.isInteger(v),
  pathWord: 'integer',
};

/** Map MaxConcurrency and ToleratedFailureCount: non-negative integers. */
export const mapCount = numberField(COUNT);

/** Map ToleratedFailurePercentage: like a count, but a path may give a fraction. */
export const mapPercentage = numberField({ ...COUNT, path: (v) => Number.isFinite(v) });

/** Java's Long.MAX_VALUE as a double (the nearest one). */
const MAX_LONG = 9_223_372_036_854_775_807;
/** The latest time a JavaScript Date (and an ISO timestamp in history) can hold. */
const MAX_TIME_MS = 8.64e15;

/** Wait Seconds/SecondsPath, read as the epoch milliseconds the wait ends at. */
export const waitSeconds: FieldType<number> = {
  literal: (v) => {
    const seconds = Number(v);
    return (frame) => frame.now() + seconds * 1000;
  },
  expression: (v, expr, { field }, frame) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_TASK_SECONDS) {
      throw unexpectedTypeError(expr, field, 'integer', v);
    }
    return frame.now() + v * 1000;
  },
  mustMatch: true,
  path: (v, { path }, frame) => {
    // AWS reads the value as a Java long; beyond its range it "cannot be parsed as a long value".
    if (typeof v !== 'number' || !Number.isInteger(v) || Math.abs(v) > MAX_LONG) {
      throw new DataFlowError(StatesErrors.Runtime, `The SecondsPath parameter cannot be parsed as a long value: ${path} == ${JSON.stringify(v)}`);
    }
    if (v < 0) throw new DataFlowError(StatesErrors.Runtime, `The SecondsPath parameter references a negative value: ${path} == ${v}`);
    const until = frame.now() + v * 1000;
    if (until > MAX_TIME_MS) {
      throw new DataFlowError(
        StatesErrors.Runtime,
        `The SecondsPath parameter references a value that is out of range: ${path} == ${v} (the wait would end after the latest representable time, +275760-09-13T00:00:00Z)`,
      );
    }
    return until;
  },
};

/** Wait Timestamp/TimestampPath, read as epoch milliseconds. */
export const waitTimestamp: FieldType<number> = {
  literal: (v) => {
    // The validator rejects a malformed literal; an unvalidated one waits for nothing.
    const ms = typeof v === 'string' ? (parseTimestamp(v) ?? 0) : 0;
    return () => ms;
  },
  expression: (v, expr, { field }) => {
    const ms = typeof v === 'string' ? parseTimestamp(v) : undefined;
    if (ms === undefined) throw unexpectedTypeError(expr, field, 'timestamp', v);
    return ms;
  },
  mustMatch: true,
  path: (v, { path }) => {
    const ms = typeof v === 'string' ? parseTimestamp(v) : undefined;
    if (ms === undefined) {
      throw new DataFlowError(
        StatesErrors.Runtime,
        `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${path} == ${typeof v === 'string' ? v : JSON.stringify(v)}`,
      );
    }
    return ms;
  },
};

/**
 * Fail Error/ErrorPath and Cause/CausePath: strings. A path may be an intrinsic function. A
 * non-string is a query error in a JSONata state and a runtime error in a JSONPath one.
 */
export function failText(jsonata: boolean): FieldType<string> {
  const text = (v: unknown, field: string, error: string): string => {
    if (typeof v === 'string') return v;
    throw new DataFlowError(error, `The value of the field '${field}' must be a string, but was: ${JSON.stringify(v)}`);
  };
  return {
    literal: (v, { field }) => () => text(v, field, jsonata ? StatesErrors.QueryEvaluationError : StatesErrors.Runtime),
    expression: (v, _e, { field }) => text(v, field, StatesErrors.QueryEvaluationError),
    intrinsics: true,
    path: (v, { field }) => text(v, field, StatesErrors.Runtime),
  };
}

/** Map Items (JSONata: a template) and ItemsPath (JSONPath): an array. */
export const mapItems: FieldType<unknown[]> = {
  literal: () => undefined,
  template: true,
  expression: (v, expr, { field }) => {
    if (!Array.isArray(v)) throw unexpectedTypeError(expr, field, 'array', v);
    return v;
  },
  mustMatch: true,
  path: (v) => inputArray(v, StatesErrors.Runtime),
};

/** The Map's item list must be an array (AWS's wording when the input or ItemsPath is not). */
export function inputArray(v: unknown, error: string): unknown[] {
  if (Array.isArray(v)) return v;
  throw new DataFlowError(error, `Map state input must be an array but was: ${JSON.stringify(v)}`);
}

/** A Choice rule's JSONata Condition: a boolean. */
export const condition: FieldType<boolean> = {
  literal: (v) => (typeof v === 'boolean' ? () => v : undefined),
  template: true,
  expression: (v, expr, { field }) => {
    if (typeof v !== 'boolean') throw unexpectedTypeError(expr, field, 'boolean', v);
    return v;
  },
};
