/**
 * Fair sharing of the event loop. States that settle at once (Pass, Choice, a Task whose handler
 * returns a value) never leave the microtask queue, so without a yield an endless loop would
 * starve timers, I/O, `stop()` and every other execution in the host process. The budget is
 * time, not a count of states: a cheap state costs one clock read, a slow one cannot hide
 * behind a count. It is process-wide, because all executions share one event loop.
 */
import { macrotask } from '../web/macrotask.js';

/** Continuous work allowed before the run loops give the macrotask queue a turn. */
const SLICE_MS = 4;

const now: () => number = typeof performance !== 'undefined' ? () => performance.now() : () => Date.now();

let inSlice = false;
let sliceStart = 0;

function endSlice(): void {
  inSlice = false;
}

/**
 * True when the current slice of work has used its budget. The first call in a macrotask opens
 * a slice and schedules its end for the next turn, so a slice always starts where the event
 * loop last let us run.
 */
export function mustYield(): boolean {
  const t = now();
  if (!inSlice) {
    inSlice = true;
    sliceStart = t;
    macrotask(endSlice);
    return false;
  }
  return t - sliceStart >= SLICE_MS;
}

let gate: Promise<void> | undefined;

/**
 * Resolves on a later macrotask turn (after pending timers and I/O callbacks have had theirs).
 * Every thread that yields in the same slice waits on one shared turn, so ten thousand Map
 * iterations cost one `setImmediate`, not ten thousand; the turn opens a fresh slice.
 */
export function yieldTurn(): Promise<void> {
  return (gate ??= new Promise<void>((resolve) =>
    macrotask(() => {
      gate = undefined;
      inSlice = false;
      resolve();
    }),
  ));
}
