/**
 * Bounds on one expression evaluation, so a runaway expression fails the state with
 * `States.QueryEvaluationError` instead of exhausting or blocking the process. JSONata
 * evaluates asynchronously, so deep recursion grows the heap rather than the call stack, and
 * its awaits never yield to timers: an unbounded evaluation would hold the whole event loop.
 *
 * AWS bounds evaluation too and reports `Stack overflow error: …` and
 * `Expression evaluation timeout: …` causes; its exact limits are not published. Here:
 * - depth 500 (JSONata's reference test harness) and 2,000,000 steps (deterministic);
 * - a wall-clock budget, read every 256 steps; a long evaluation also yields to the event
 *   loop every 20 ms, so timers (timeouts, `stop()`) and other executions keep running;
 * - a size budget: no array step result over 1,000,000 items (four times what a 256 KiB
 *   payload can hold) and no string over 16 Mi characters, so memory stays bounded;
 * - `$sort` over at most 100,000 items (sort.ts replaces jsonata's quadratic `$sort`). The
 *   order-by operator `^(…)` still uses jsonata's sort, quadratic in time and memory (20,000
 *   items take 4 s and 400 MB); the time budget ends it, since its comparisons are steps.
 */
import { macrotask } from '../../web/macrotask.js';

import type jsonata from 'jsonata';

/** The limits in force; tests may lower them, nothing else should change them. */
export const evaluationLimits = {
  /** Maximum nesting of JSONata evaluation steps (the reference harness uses 500). */
  maxDepth: 500,
  /** Maximum evaluation steps of one expression (catches tail-recursive infinite loops). */
  maxSteps: 2_000_000,
  /** Wall-clock budget of one expression evaluation, in milliseconds. */
  maxMilliseconds: 5_000,
  /** Largest array any evaluation step may produce. */
  maxArrayItems: 1_000_000,
  /** Longest string any evaluation step may produce (UTF-16 code units). */
  maxStringLength: 16 * 1024 * 1024,
  /** Largest array `$sort` sorts. */
  maxSortItems: 100_000,
};

/** Maximum nesting of JSONata evaluation steps. */
export const MAX_DEPTH = evaluationLimits.maxDepth;
/** Maximum evaluation steps of one expression. */
export const MAX_STEPS = evaluationLimits.maxSteps;

/** The binding name of the per-evaluation counters; not a JSONata identifier, so expressions cannot read it. */
export const GUARD_BINDING = 'asl guard';

/** The binding name of the optional clock hold (`JsonataBindings.hold`); not readable by expressions. */
export const HOLD_BINDING = 'asl hold';

/** Per-evaluation counters, bound under {@link GUARD_BINDING}. */
export interface Guard {
  depth: number;
  steps: number;
  /** `performance.now()` after which the evaluation fails. */
  readonly deadline: number;
  /** When the evaluation last let the event loop run. */
  lastYield: number;
  /** Holds the execution's clock (so virtual time stands still while this evaluation yields). */
  readonly hold: (() => () => void) | undefined;
  /** Releases the hold taken at the first yield; called when the evaluation ends. */
  release: (() => void) | undefined;
}

/** Fresh counters for one evaluation, starting its time budget now. */
export function newGuard(hold?: () => () => void): Guard {
  const now = performance.now();
  return { depth: 0, steps: 0, deadline: now + evaluationLimits.maxMilliseconds, lastYield: now, hold, release: undefined };
}

/**
 * How long an evaluation runs before it lets timers and I/O run. jsonata's awaits resolve as
 * microtasks, so without this a long evaluation would hold every timer, `stop()` included.
 */
const YIELD_EVERY_MS = 20;

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

function entry(_expr: unknown, _input: unknown, environment: Environment): Promise<void> | undefined {
  const guard = environment.lookup(GUARD_BINDING) as Guard | undefined;
  if (!guard) return undefined;
  if (++guard.depth > evaluationLimits.maxDepth) throw new EvaluationLimitError(STACK_OVERFLOW);
  const steps = ++guard.steps;
  if (steps > evaluationLimits.maxSteps) throw new EvaluationLimitError(TIMEOUT);
  if ((steps & 255) !== 0) return undefined;
  const now = performance.now();
  if (now > guard.deadline) throw new EvaluationLimitError(TIMEOUT);
  if (now - guard.lastYield < YIELD_EVERY_MS) return undefined;
  guard.lastYield = now;
  // A VirtualClock must not skip ahead while this evaluation is still working.
  if (!guard.release && guard.hold) guard.release = guard.hold();
  // jsonata awaits this hook, so the evaluation resumes after pending timers and I/O.
  return new Promise((resolve) => macrotask(resolve));
}

function exit(_expr: unknown, _input: unknown, environment: Environment, result: unknown): void {
  const guard = environment.lookup(GUARD_BINDING) as Guard | undefined;
  if (!guard) return;
  guard.depth--;
  checkSize(result);
}

/** Throws when a step's result is over the size budget. */
export function checkSize(result: unknown): void {
  if (Array.isArray(result)) {
    if (result.length > evaluationLimits.maxArrayItems) {
      throw new EvaluationLimitError(
        `Memory limit exceeded: an array of ${result.length} items is more than the limit of ${evaluationLimits.maxArrayItems}.`,
      );
    }
  } else if (typeof result === 'string' && result.length > evaluationLimits.maxStringLength) {
    throw new EvaluationLimitError(
      `Memory limit exceeded: a string of ${result.length} characters is more than the limit of ${evaluationLimits.maxStringLength}.`,
    );
  }
}

/**
 * jsonata keeps each frame's variables in a plain object and calls its `hasOwnProperty`, so a
 * variable named `hasOwnProperty` breaks every later lookup and one named `__proto__` is lost.
 * This hook, called for every frame created under the expression, stores them in a Map.
 */
function safeFrame(_enclosing: unknown, frame: { bind: unknown; lookup: unknown }): void {
  const enclosing = _enclosing as Environment;
  const bindings = new Map<string | symbol, unknown>();
  frame.bind = (name: string | symbol, value: unknown): void => {
    bindings.set(name, value);
  };
  frame.lookup = (name: string | symbol): unknown => (bindings.has(name) ? bindings.get(name) : enclosing.lookup(name));
}

/** Installs the hooks JSONata calls around every evaluation step and on every new frame. */
export function installGuard(expression: jsonata.Expression): void {
  const assign = expression.assign as (name: string | symbol, value: unknown) => void;
  assign(Symbol.for('jsonata.__evaluate_entry'), entry);
  assign(Symbol.for('jsonata.__evaluate_exit'), exit);
  assign(Symbol.for('jsonata.__createFrame_push'), safeFrame);
}

/** The cause tail for a JavaScript stack overflow that escapes the depth bound. */
export const STACK_OVERFLOW_MESSAGE = STACK_OVERFLOW;
