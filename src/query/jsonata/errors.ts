/**
 * The errors of the JSONata layer: one definition-time error ({@link JsonataSyntaxError}) and
 * the run-time `States.QueryEvaluationError` causes, worded as AWS records them.
 */
import { DataFlowError, StatesErrors } from '../../errors.js';
import { expressionBody } from './detect.js';

/**
 * A JSONata expression in the definition that does not parse. Thrown by
 * `compileJsonataTemplate`; the validator reports the same problem through `checkJsonata`.
 */
export class JsonataSyntaxError extends Error {
  override readonly name: string = 'JsonataSyntaxError';
  constructor(
    /** The expression text between the `{%` `%}` markers, trimmed. */
    readonly expression: string,
    /** The field the expression sits in, e.g. `Output/result`. */
    readonly field: string,
    /** Character offset into {@link expression} where parsing failed. */
    readonly position: number,
    /** The parser's own description of the problem. */
    readonly detail: string,
    /** JSONata's error code (e.g. `S0202`), when it has one. */
    readonly code?: string,
  ) {
    super(
      `The JSONata expression '${expression}' specified for the field '${field}' is invalid: ${detail} (at position ${position})`,
    );
  }
}

/** The sentence every evaluation cause starts with. */
function opening(expression: string, field: string): string {
  return `The JSONata expression '${expression}' specified for the field '${field}'`;
}

/** `States.QueryEvaluationError` for an expression that evaluated to nothing (AWS's wording). */
export function undefinedResultError(expression: string, field: string): DataFlowError {
  return new DataFlowError(
    StatesErrors.QueryEvaluationError,
    `${opening(expression, field)} returned nothing (undefined).`,
  );
}

/**
 * `States.QueryEvaluationError` for an error raised while evaluating. AWS follows its sentence
 * with `. CODE: message` when JSONata's error carries a code and with `: message` otherwise.
 */
export function evaluationError(
  expression: string,
  field: string,
  message: string,
  code?: string,
): DataFlowError {
  const tail = code ? `. ${code}: ${message}` : `: ${message}`;
  return new DataFlowError(
    StatesErrors.QueryEvaluationError,
    `${opening(expression, field)} threw an error during evaluation${tail}`,
  );
}

/**
 * `States.QueryEvaluationError` for a result JSON cannot hold (a function, NaN, Infinity).
 * AWS's exact wording for this case is not known; this names the expression, field and value.
 */
export function invalidResultError(expression: string, field: string, what: string): DataFlowError {
  return new DataFlowError(
    StatesErrors.QueryEvaluationError,
    `${opening(expression, field)} returned a value that is not valid JSON: ${what}`,
  );
}

/**
 * The JSON type name AWS uses in "unexpected result type" causes: `string`, `number`,
 * `boolean`, `null`, `array` or `object`.
 */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * `States.QueryEvaluationError` for an expression whose result has the wrong type for a typed
 * field, in AWS's wording: `The JSONata expression '<expr>' specified for the field '<field>'
 * returned an unexpected result type. Expected '<expected>', but was '<actual>' for value:
 * <json>`. `expression` may be given with or without its `{%` `%}` markers.
 */
export function unexpectedTypeError(
  expression: string,
  field: string,
  expected: string,
  value: unknown,
): DataFlowError {
  const body = expressionBody(expression);
  return new DataFlowError(
    StatesErrors.QueryEvaluationError,
    `${opening(body, field)} returned an unexpected result type. Expected '${expected}', but was '${jsonTypeName(value)}' for value: ${JSON.stringify(value)}`,
  );
}

