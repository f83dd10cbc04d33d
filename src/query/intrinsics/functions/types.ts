/** What every intrinsic function module provides to the registry. */
import type { CallNode } from '../ast.js';
import type { EvalScope } from '../../scope.js';

/** Runs a function on its already-evaluated argument values. */
export type Implementation = (args: readonly unknown[], scope: EvalScope) => unknown;

/** One intrinsic function: its name, how many arguments it takes and what it does. */
export interface IntrinsicDefinition {
  /** Full name, e.g. `States.Format`. */
  readonly name: string;
  readonly minArgs: number;
  /** `Infinity` for variadic functions. */
  readonly maxArgs: number;
  readonly invoke: Implementation;
  /**
   * Optional compile-time specialisation from the call's syntax (States.Format pre-parses a
   * literal template). Returns the implementation to use, or throws IntrinsicSyntaxError.
   */
  readonly specialise?: (call: CallNode) => Implementation;
  /**
   * Optional fast path for a call with exactly two arguments and no specialisation: the same
   * results and errors as `invoke([a, b], scope)`, without building the argument array.
   */
  readonly binary?: (a: unknown, b: unknown, scope: EvalScope) => unknown;
}
