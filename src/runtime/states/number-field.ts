import { DataFlowError, StatesErrors } from '../../errors.js';
import { compileJsonataTemplate, isJsonataExpression, unexpectedTypeError } from '../../query/jsonata/index.js';
import { compilePath } from '../../query/jsonpath/path.js';
import { bindings } from '../dataflow/jsonata.js';
import type { Frame } from '../frame.js';
import { andThen, type MaybePromise } from '../maybe.js';

/** A number field read per run: `(selected input, raw input, frame) → value or undefined when absent`. */
export type NumberField = (selected: unknown, raw: unknown, frame: Frame) => MaybePromise<number | undefined>;

/** What a field accepts, and the words its errors use. */
export interface NumberRule {
  /** Accepts a value from a JSONata expression (else States.QueryEvaluationError). */
  readonly expression: (v: number) => boolean;
  /** The type named in the JSONata error, e.g. 'positive integer'. */
  readonly expected: string;
  /** Accepts a value read through the `…Path` field (else States.Runtime). */
  readonly path: (v: number) => boolean;
  /** How the `…Path` error names a valid value, e.g. 'positive integer'. */
  readonly pathWord: string;
}

/**
 * Compiles a field given as a number, a JSONata expression (JSONata states) or a `…Path`
 * reference (JSONPath states): TimeoutSeconds, HeartbeatSeconds, MaxConcurrency, ToleratedFailure….
 */
export function compileNumberField(
  literal: number | string | undefined,
  path: string | undefined,
  field: string,
  jsonata: boolean,
  rule: NumberRule,
): NumberField {
  if (jsonata && isJsonataExpression(literal)) {
    const t = compileJsonataTemplate(literal, field);
    const text = literal.slice(2, -2).trim();
    return (_s, raw, frame) =>
      andThen(t(bindings(frame, raw)), (v) => {
        if (typeof v !== 'number' || !rule.expression(v)) throw unexpectedTypeError(text, field, rule.expected, v);
        return v;
      });
  }
  if (typeof literal === 'number') return () => literal;
  if (path !== undefined) {
    const p = compilePath(path);
    return (selected, _raw, frame) => {
      const v = p.get(frame.scope(selected));
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
    };
  }
  return () => undefined;
}

/** A number, or a string holding a JSON number (AWS reads `"1"` through a …Path as 1). */
function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/.test(v)) return Number(v);
  return undefined;
}
