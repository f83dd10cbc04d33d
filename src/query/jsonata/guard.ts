/**
 * Bounds on one expression evaluation, so a runaway expression fails the state with
 * `States.QueryEvaluationError` instead of exhausting the process (JSONata evaluates
 * asynchronously, so deep recursion grows the heap rather than the call stack).
 *
 * AWS bounds evaluation too and reports `Stack overflow error: …` and
 * `Expression evaluation timeout: …` causes; its exact limits are not published. The limits
 * here are those of JSONata's reference test harness (depth 500) and a step budget that is
 * deterministic, unlike a wall-clock timeout.
 */
import type jsonata from 'jsonata';

/** Maximum nesting of JSONata evaluation steps (the reference harness uses 500). */
export const MAX_DEPTH = 500;
/** Maximum evaluation steps of one expression (catches tail-recursive infinite loops). */
export const MAX_STEPS = 2_000_000;

/** The binding name of the per-evaluation counters; not a JSONata identifier, so expressions cannot read it. */
export const GUARD_BINDING = 'asl guard';

/** Per-evaluation counters, bound under {@link GUARD_BINDING}. */
export interface Guard {
  depth: number;
  steps: number;
}

/** Thrown through JSONata when a bound is exceeded; carries the cause tail AWS uses. */
export class EvaluationLimitError extends Error {
  override readonly name = 'EvaluationLimitError';
}

const STACK_OVERFLOW =
  'Stack overflow error: Check for non-terminating recursive function. Consider rewriting as tail-recursive.';
const TIMEOUT = 'Expression evaluation timeout: Check for infinite loop';

interface Environment {
  lookup(name: string | symbol): unknown;
}

function entry(_expr: unknown, _input: unknown, environment: Environment): void {
  const guard = environment.lookup(GUARD_BINDING) as Guard | undefined;
  if (!guard) return;
  if (++guard.depth > MAX_DEPTH) throw new EvaluationLimitError(STACK_OVERFLOW);
  if (++guard.steps > MAX_STEPS) throw new EvaluationLimitError(TIMEOUT);
}

function exit(_expr: unknown, _input: unknown, environment: Environment): void {
  const guard = environment.lookup(GUARD_BINDING) as Guard | undefined;
  if (guard) guard.depth--;
}

/** Installs the entry/exit hooks JSONata calls around every evaluation step. */
export function installGuard(expression: jsonata.Expression): void {
  const assign = expression.assign as (name: string | symbol, value: unknown) => void;
  assign(Symbol.for('jsonata.__evaluate_entry'), entry);
  assign(Symbol.for('jsonata.__evaluate_exit'), exit);
}

/** The cause tail for a JavaScript stack overflow that escapes the depth bound. */
export const STACK_OVERFLOW_MESSAGE = STACK_OVERFLOW;
