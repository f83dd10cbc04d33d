import { AslUsageError } from '../errors.js';
import type { Frame } from './frame.js';
import { isPromise } from './maybe.js';
import type { CompiledState } from './states/common.js';

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
    let syncSteps = 0;
    for (;;) {
      if (!state) throw new AslUsageError('internal: transition to an unknown state');
      if (frame.signal.aborted) throw frame.signal.reason;
      let outcome = state.run(value, frame);
      if (isPromise(outcome)) {
        outcome = await outcome;
        syncSteps = 0;
      } else if (++syncSteps >= 1000) {
        // Yield now and then so a long synchronous loop lets timers, stop() and other executions run.
        syncSteps = 0;
        await new Promise<void>((r) => setImmediate(r));
      }
      if (outcome.next === undefined) return outcome.output;
      value = outcome.output;
      state = this.states.get(outcome.next);
    }
  }
}
