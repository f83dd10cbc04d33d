import { AslUsageError } from '../errors.js';
import type { Frame } from './frame.js';
import { mustYield, yieldTurn } from './fairness.js';
import { isPromise } from './maybe.js';
import type { CompiledState } from './states/common.js';

/**
 * States a thread runs between turns of the event loop under a reproducible clock: a count, so
 * that the interleaving of branches does not depend on how fast the host happens to be.
 */
const REPRODUCIBLE_PACE = 64;

/**
 * A compiled state machine or nested machine (Parallel branch, Map ItemProcessor): its states
 * and the run loop. The loop is a loop, not recursion, so a long Choice loop cannot grow the
 * stack, and a synchronous state costs no `await`.
 */
export class CompiledMachine {
  constructor(
    readonly startAt: string,
    readonly states: ReadonlyMap<string, CompiledState>,
  ) {}

  async run(input: unknown, frame: Frame): Promise<unknown> {
    let state = this.states.get(this.startAt);
    let value = input;
    const reproducible = frame.env.clock.reproducible === true;
    for (;;) {
      if (!state) throw new AslUsageError('internal: transition to an unknown state');
      // Checked before each state, so a Map that starts many iterations at once defers them too.
      if (reproducible ? ++frame.pace >= REPRODUCIBLE_PACE : mustYield()) await pause(frame);
      if (frame.signal.aborted) throw frame.signal.reason;
      let outcome = state.run(value, frame);
      if (isPromise(outcome)) outcome = await outcome;
      if (outcome.next === undefined) return outcome.output;
      value = outcome.output;
      state = this.states.get(outcome.next);
    }
  }
}

/**
 * Gives the event loop a turn. The clock is held meanwhile: the thread is still busy, so a
 * VirtualClock must not skip ahead as if every execution were waiting on timers.
 */
async function pause(frame: Frame): Promise<void> {
  frame.pace = 0;
  const release = frame.env.clock.hold();
  try {
    await yieldTurn();
  } finally {
    release();
  }
}
