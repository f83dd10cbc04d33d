import { AslUsageError } from '../errors.js';
import type { CompiledState, Frame, Outcome } from './frame.js';
import { mustYield, REPRODUCIBLE_PACE, yieldTurn } from './fairness.js';
import { isPromise, type MaybePromise } from './maybe.js';

/**
 * Where a thread left the synchronous loop: waiting on a state's promise (`pending`), or, with
 * no promise, for a turn of the event loop before it runs `state` on `value`. Made only when the
 * thread goes asynchronous, which costs a promise anyway.
 */
class Suspended {
  constructor(
    readonly pending: Promise<Outcome> | undefined,
    readonly state: CompiledState,
    readonly value: unknown,
  ) {}
}

/**
 * A compiled state machine or nested machine (Parallel branch, Map ItemProcessor): its states
 * and the run loop. States run in a synchronous loop until one returns a promise; the thread
 * then continues in one async loop (never a chain of promises, so a long run holds no more
 * memory than a short one). Transitions follow linked successors (see states/common.ts).
 */
export class CompiledMachine {
  private readonly first: CompiledState | undefined;

  constructor(
    readonly startAt: string,
    readonly states: ReadonlyMap<string, CompiledState>,
  ) {
    this.first = states.get(startAt);
  }

  /** Runs the machine on `input` in `frame`'s thread; always a promise (see {@link runMaybe}). */
  run(input: unknown, frame: Frame): Promise<unknown> {
    try {
      const r = this.runMaybe(input, frame);
      return isPromise(r) ? r : Promise.resolve(r);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /**
   * Runs the machine on `input`: the output at once when every state was synchronous (and no
   * turn of the event loop was due), else a promise of it. Throws, or rejects, with the failure.
   */
  runMaybe(input: unknown, frame: Frame): MaybePromise<unknown> {
    const r = this.steps(this.state(this.first), input, frame, false);
    return r instanceof Suspended ? this.runAsync(r, frame) : r;
  }

  /**
   * The synchronous loop: runs states from `state` until the thread ends (its output), a state
   * returns a promise or a turn of the event loop is due (a Suspended). `resumed`: the thread
   * has just had its turn, so `state` runs without another check, as it always has.
   */
  private steps(state: CompiledState, value: unknown, frame: Frame, resumed: boolean): unknown {
    const reproducible = frame.env.clock.reproducible === true;
    const abort = frame.abort;
    for (;;) {
      // Checked before each state, so a Map that starts many iterations at once defers them too.
      if (resumed) resumed = false;
      else if (reproducible ? ++frame.pace >= REPRODUCIBLE_PACE : mustYield()) return new Suspended(undefined, state, value);
      if (abort.aborted) throw frame.signal.reason;
      // The previous state's output is this one's input.
      frame.inputBound = frame.outputBound;
      const o = state.run(value, frame);
      if (isPromise(o)) return new Suspended(o, state, value);
      value = o.output;
      const next = this.successor(o);
      if (next === undefined) return value;
      state = next;
    }
  }

  /** The thread after it left the synchronous loop: waits, then loops again, until it ends. */
  private async runAsync(s: Suspended, frame: Frame): Promise<unknown> {
    for (;;) {
      let state: CompiledState;
      let value: unknown;
      let resumed = false;
      if (s.pending !== undefined) {
        const o = await s.pending;
        value = o.output;
        const next = this.successor(o);
        if (next === undefined) return value;
        state = next;
      } else {
        await pause(frame);
        state = s.state;
        value = s.value;
        resumed = true;
      }
      const r = this.steps(state, value, frame, resumed);
      if (!(r instanceof Suspended)) return r;
      s = r;
    }
  }

  /** The state an Outcome leads to; undefined when the thread ends. */
  private successor(o: Outcome): CompiledState | undefined {
    const target = o.target;
    if (target !== undefined) return target;
    return o.next === undefined ? undefined : this.state(this.states.get(o.next));
  }

  private state(state: CompiledState | undefined): CompiledState {
    if (state === undefined) throw new AslUsageError('internal: transition to an unknown state');
    return state;
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
