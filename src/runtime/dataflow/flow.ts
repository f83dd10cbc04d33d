import type { Catcher } from '../../definition/types.js';
import type { Frame } from '../frame.js';
import type { MaybePromise } from '../maybe.js';

/**
 * A state's data flow in its query language, compiled once. The interpreter calls these in
 * AWS's order; JSONPath and JSONata implement them differently.
 */
export interface StateFlow {
  /** JSONPath: InputPath. JSONata: the raw input. The value Choice rules and Wait paths read. */
  select(raw: unknown, frame: Frame): unknown;
  /** JSONPath: Parameters over the selected input. JSONata: Arguments. The work's input. */
  parameters(selected: unknown, raw: unknown, frame: Frame): MaybePromise<unknown>;
  /**
   * The state's output from its result: JSONPath ResultSelector → Assign → ResultPath →
   * OutputPath; JSONata Assign and Output together. Applies variable assignments to the frame.
   * `result` is undefined for states that have no result (Choice, Wait, Succeed). Always sets
   * `frame.outputBound` to a sound bound of the output's JSON size, or -1 (the state's exit reads it).
   */
  finish(raw: unknown, selected: unknown, result: unknown, frame: Frame): MaybePromise<unknown>;
  /** Output (and assignments) after `catcher` caught an error; sets `frame.outputBound` as `finish` does. */
  caught(catcher: Catcher, raw: unknown, errorOutput: unknown, frame: Frame): MaybePromise<unknown>;
  /**
   * A state without work of its own (Pass): `select` → `parameters` (or the constant `Result`)
   * → `finish` in one synchronous call, for runs without an inspector (it reports no
   * intermediate values). Sets `frame.outputBound` as `finish` does. Absent when a step may be
   * asynchronous; the state then calls the three steps.
   */
  readonly passOutput?: (raw: unknown, frame: Frame) => unknown;
}

/** Variables assigned by a state, as JSON text per name (history's `assignedVariables`). */
export type AssignedVariables = Record<string, string>;
