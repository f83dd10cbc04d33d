/**
 * What an expression may read while it is evaluated: the JSONPath `$` (input), `$$` (the
 * context object), workflow variables (`$name`), and the injected sources of randomness.
 */
export interface EvalScope {
  /** `$`: the value a path or template is applied to. */
  readonly input: unknown;
  /** `$$`: the context object. */
  readonly context: unknown;
  /**
   * Workflow variables in scope. A prototype chain of plain objects (inner scopes inherit the
   * outer ones), so `name in variables` tells whether a variable is defined.
   */
  readonly variables: Readonly<Record<string, unknown>>;
  /** Uniform random number in [0, 1): the execution's injected source. */
  readonly random: () => number;
  /** A fresh v4 UUID string: the execution's injected source. */
  readonly uuid: () => string;
  /** The execution's clock, epoch milliseconds; the wall clock when absent. */
  readonly now?: () => number;
}

/** A pre-compiled expression: evaluated many times, compiled once. */
export type Evaluator = (scope: EvalScope) => unknown;
