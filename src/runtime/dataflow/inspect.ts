import type { Frame, InspectStep } from '../frame.js';
import { isPromise, type MaybePromise } from '../maybe.js';

export type { InspectStep, Inspector } from '../frame.js';

/**
 * Reports `value` to the execution's inspector (`ExecutionEnv.inspect`), if any, and returns it
 * unchanged. Without an inspector (every normal run) this costs one property check.
 */
export function note<T>(frame: Frame, step: InspectStep, value: T): T {
  const inspect = frame.env.inspect;
  if (inspect === undefined) return value;
  try {
    inspect(frame, step, value);
  } catch {
    // An inspector's bug must not change the execution.
  }
  return value;
}

/** {@link note} for a value that may still be a promise; a synchronous value stays synchronous. */
export function noteLater<T>(frame: Frame, step: InspectStep, value: MaybePromise<T>): MaybePromise<T> {
  if (frame.env.inspect === undefined) return value;
  return isPromise(value) ? value.then((v) => note(frame, step, v)) : note(frame, step, value);
}
