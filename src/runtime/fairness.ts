/**
 * Fair sharing of the event loop. States that settle at once (Pass, Choice, a Task whose handler
 * returns a value) never leave the microtask queue, so without a yield an endless loop would
 * starve timers, I/O, `stop()` and every other execution in the host process. The budget is
 * time, not a count of states: a cheap state costs one clock read, a slow one cannot hide
 * behind a count. It is process-wide, because all executions share one event loop.
 */
import { macrotask } from '../web/macrotask.js';

/**
 * States (or inline Map iterations) a thread runs between turns of the event loop under a
 * reproducible clock: a count, so the interleaving of threads does not depend on how fast the
 * host happens to be.
 */
export const REPRODUCIBLE_PACE = 64;

/** Continuous work allowed before the run loops give the macrotask queue a turn. */
const SLICE_MS = 4;

// Chosen at the first read, not at import: reading the `performance` global makes Node load
// perf_hooks, milliseconds that a process which only validates should not pay.
let now = (): number => (now = typeof performance !== 'undefined' ? () => performance.now() : () => Date.now())();

let inSlice = false;
let sliceStart = 0;
let calls = 0;

function endSlice(): void {
  inSlice = false;
}

/**
 * True when the current slice of work has used its budget. The first call in a macrotask opens
 * a slice and schedules its end for the next turn, so a slice always starts where the event
 * loop last let us run.
 */
export function mustYield(): boolean {
  if (!inSlice) {
    inSlice = true;
    sliceStart = now();
    calls = 0;
    macrotask(endSlice);
    return false;
  }
  // The clock is read every 8th state: cheap states stay cheap, and 8 slow ones still fit well
  // inside a turn (a long JSONata evaluation yields by itself).
  if ((++calls & 7) !== 0) return false;
  return now() - sliceStart >= SLICE_MS;
}

let gate: Promise<void> | undefined;

/**
 * Whether some thread already yields for the next turn: the slice is over. A loop that starts
 * threads (an inline Map) checks it too, since mustYield() answers true only once in 8 calls and
 * that call may always land in one of the threads it starts.
 */
export function turnPending(): boolean {
  return gate !== undefined;
}

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
