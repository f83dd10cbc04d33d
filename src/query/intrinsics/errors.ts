/**
 * The two ways an intrinsic call can fail: while it is compiled (bad text) and while it runs
 * (bad argument values).
 */
import { DataFlowError, StatesErrors } from '../../errors.js';

/**
 * Malformed intrinsic text, an unknown function, a call with the wrong number of arguments or
 * nested too deeply. Raised by `compileIntrinsic`; AWS rejects such definitions at creation.
 */
export class IntrinsicSyntaxError extends Error {
  override readonly name: string = 'IntrinsicSyntaxError';
  constructor(
    /** What is wrong, without the position (the validator shows the position separately). */
    readonly reason: string,
    /** 0-based character offset in the intrinsic text where the problem starts. */
    readonly position: number,
  ) {
    super(`${reason} (at character ${position})`);
  }
}

/**
 * A function rejected its argument values at run time. Internal: the top-level evaluator turns
 * it into a {@link DataFlowError} whose cause quotes the whole expression, as AWS does.
 */
export class IntrinsicArgumentError extends Error {
  override readonly name: string = 'IntrinsicArgumentError';
}

/**
 * The error name AWS reports for every run-time intrinsic failure. The ASL specification
 * reserves `States.IntrinsicFailure`, but AWS Step Functions reports `States.Runtime` (which
 * `States.ALL` does not catch); recorded executions with an unresolvable intrinsic argument fail
 * with `States.Runtime`.
 */
export const INTRINSIC_RUNTIME_ERROR = StatesErrors.Runtime;

/**
 * Wraps a run-time failure of the intrinsic `expression` the way AWS words it:
 * "The function 'States.Format('{}', $.nope)' had the following error: …". The engine later
 * prefixes the state name and entered-event id.
 */
export function intrinsicFailure(expression: string, detail: string): DataFlowError {
  return new DataFlowError(
    INTRINSIC_RUNTIME_ERROR,
    `The function '${expression}' had the following error: ${detail}`,
  );
}
