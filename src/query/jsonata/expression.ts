/**
 * One compiled JSONata expression: parsed once, evaluated many times, its failures turned into
 * AWS's `States.QueryEvaluationError` causes and its result into plain JSON.
 */
import type jsonataType from 'jsonata';
import { lazyRequire } from '../../lazy-require.js';

const jsonata = lazyRequire<typeof jsonataType>('jsonata');
import { DataFlowError } from '../../errors.js';
import { evaluationError, invalidResultError, JsonataSyntaxError, undefinedResultError } from './errors.js';
import { GUARD_BINDING, HOLD_BINDING, installGuard, newGuard, STACK_OVERFLOW_MESSAGE, type Guard } from './guard.js';
import { installSafeRegexes } from './regex.js';
import { NotJsonError, toPlainJson } from './normalize.js';

/** JSONata's error shape: a plain object (not always an `Error`) with a code and position. */
interface JsonataErrorLike {
  code?: unknown;
  position?: unknown;
  message?: unknown;
}

/** A parsed expression and where it sits in the definition. */
export interface CompiledExpression {
  /** The text between the markers, trimmed: what error causes quote. */
  readonly body: string;
  /** The field path, e.g. `Output/result` or `Items[1]`. */
  readonly field: string;
  /** Evaluates against prepared bindings; resolves to plain JSON or throws `DataFlowError`. */
  readonly evaluate: (bindings: Record<string, unknown>) => Promise<unknown>;
}

/** Parse problems of `body`, or `undefined` when it parses. */
export function parseProblem(body: string): { message: string; position: number; code?: string } | undefined {
  try {
    jsonata()(body);
    return undefined;
  } catch (err) {
    return describeParseError(err);
  }
}

function describeParseError(err: unknown): { message: string; position: number; code?: string } {
  const e = (err ?? {}) as JsonataErrorLike;
  const message = typeof e.message === 'string' && e.message ? e.message : String(err);
  const position = typeof e.position === 'number' ? e.position : 0;
  return typeof e.code === 'string' ? { message, position, code: e.code } : { message, position };
}

/** Parses `body` once. Throws {@link JsonataSyntaxError} when it does not parse. */
export function compileExpression(body: string, field: string): CompiledExpression {
  let parsed: jsonataType.Expression;
  try {
    parsed = jsonata()(body);
  } catch (err) {
    const problem = describeParseError(err);
    throw new JsonataSyntaxError(body, field, problem.position, problem.message, problem.code);
  }
  installGuard(parsed);
  installSafeRegexes(parsed);
  const evaluate = async (bindings: Record<string, unknown>): Promise<unknown> => {
    let raw: unknown;
    const guard = newGuard(bindings[HOLD_BINDING] as (() => () => void) | undefined);
    try {
      raw = await parsed.evaluate(undefined, withGuard(bindings, guard));
    } catch (err) {
      throw toEvaluationError(body, field, err);
    } finally {
      guard.release?.();
    }
    if (raw === undefined) throw undefinedResultError(body, field);
    try {
      return toPlainJson(raw);
    } catch (err) {
      if (err instanceof NotJsonError) throw invalidResultError(body, field, err.message);
      throw err;
    }
  };
  return { body, field, evaluate };
}

function toEvaluationError(body: string, field: string, err: unknown): DataFlowError {
  if (err instanceof DataFlowError) return err;
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return evaluationError(body, field, STACK_OVERFLOW_MESSAGE);
  }
  if (err instanceof RangeError) {
    // V8's own limits (string or array length) are size limits, not JavaScript bugs to show.
    return evaluationError(body, field, 'Memory limit exceeded: a value grew past what can be represented.');
  }
  const e = (err ?? {}) as JsonataErrorLike;
  const message = typeof e.message === 'string' ? e.message : String(err);
  const code = typeof e.code === 'string' && /^[A-Z]\d{4}$/.test(e.code) ? e.code : undefined;
  return evaluationError(body, field, message, code);
}

/** The template's shared bindings plus fresh counters for this one evaluation. */
function withGuard(bindings: Record<string, unknown>, guard: Guard): Record<string, unknown> {
  const own = Object.create(bindings) as Record<string, unknown>;
  Object.defineProperty(own, GUARD_BINDING, { value: guard, enumerable: true });
  return own;
}
