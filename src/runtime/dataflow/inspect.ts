import type { Frame } from '../frame.js';
import { isPromise, type MaybePromise } from '../maybe.js';

/**
 * The intermediate values of a state's data flow, named as in AWS's TestState `InspectionData`:
 * `afterInputPath`, `afterParameters` (JSONPath) or `afterArguments` (JSONata), `result`,
 * `afterResultSelector` and `afterResultPath` (JSONPath only); and `errorOutput`, the
 * `{ Error, Cause }` a catcher received (reported only when a catcher matched).
 */
export type InspectStep = 'afterInputPath' | 'afterParameters' | 'afterArguments' | 'result' | 'afterResultSelector' | 'afterResultPath' | 'errorOutput';

/** Receives each intermediate value as the flow computes it. Must not throw or mutate `value`. */
export type Inspector = (frame: Frame, step: InspectStep, value: unknown) => void;

// Inspection is scoped to one execution by the object that execution runs on: its clock is the
// only per-run object a caller supplies that a Frame reaches (frame.env.clock) without changing
// the Frame. A WeakMap so a forgotten detach leaks nothing.
const inspectors = new WeakMap<object, Inspector>();
// Counts attached inspectors: when zero (every normal run), `note` costs one comparison.
let attached = 0;

/**
 * Calls `inspector` with the data-flow steps of every execution that runs on `clock`. Returns
 * the function that detaches it. For `asl-runtime/testing`'s `testState`; no behaviour changes.
 */
export function attachInspector(clock: object, inspector: Inspector): () => void {
  if (!inspectors.has(clock)) attached++;
  inspectors.set(clock, inspector);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (inspectors.delete(clock)) attached--;
  };
}

/** Reports `value` to the execution's inspector, if any, and returns it unchanged. */
export function note<T>(frame: Frame, step: InspectStep, value: T): T {
  if (attached === 0) return value;
  const inspector = inspectors.get(frame.env.clock);
  if (inspector) {
    try {
      inspector(frame, step, value);
    } catch {
      // An inspector's bug must not change the execution.
    }
  }
  return value;
}

/** {@link note} for a value that may still be a promise; a synchronous value stays synchronous. */
export function noteLater<T>(frame: Frame, step: InspectStep, value: MaybePromise<T>): MaybePromise<T> {
  if (attached === 0) return value;
  return isPromise(value) ? value.then((v) => note(frame, step, v)) : note(frame, step, value);
}
