import { StatesError } from '../../errors.js';
import type { LazyAbort } from '../abort.js';
import { mustYield, REPRODUCIBLE_PACE, turnPending, yieldTurn } from '../fairness.js';
import type { Frame } from '../frame.js';
import type { CompiledMachine } from '../machine.js';
import { isPromise, type MaybePromise } from '../maybe.js';
import { toStatesError } from './common.js';

/**
 * Runs an inline Map's iterations, item indexes in order, at most `maxConcurrency` at a time (0 =
 * no limit). An iteration that completes synchronously runs to its end before the next starts, so
 * its events are contiguous — MapIterationStarted, its states, MapIterationSucceeded — the shape
 * AWS records for MaxConcurrency 1 (state-map-inline). Only iterations that wait (a handler's
 * promise, a Wait) hold one of the `maxConcurrency` places while the next ones start. The result
 * is synchronous when every iteration was. The first failure aborts the others (one group stop
 * per Map) and fails the attempt once every started iteration has settled.
 */
export function runIterations(
  name: string,
  processor: CompiledMachine,
  inputs: readonly unknown[],
  frame: Frame,
  maxConcurrency: number,
  attempt: number,
  itemBound = -1,
): MaybePromise<unknown[]> {
  const run = new InlineRun(name, processor, inputs, frame, maxConcurrency > 0 ? maxConcurrency : inputs.length, attempt, itemBound);
  run.pump();
  return run.settled();
}

/** The `{ name, index }` of MapIteration* events, built when the history is read. */
function iterationDetails(name: string, index: number): Record<string, unknown> {
  return { name, index };
}

class InlineRun {
  private readonly results: unknown[];
  /** Stops every iteration: the Map's thread stopped, or an iteration failed. */
  private readonly group: LazyAbort;
  private readonly unlink: () => void;
  /** The thread-id prefix of every iteration: `<Map thread><name>[<attempt>][`. */
  private readonly prefix: string;
  private readonly reproducible: boolean;
  private next = 0;
  /** Iterations (and a pending turn of the event loop) not settled yet. */
  private active = 0;
  private failed = false;
  private failure: unknown;
  private done = false;
  /** The Map's thread was stopped before every iteration had started. */
  private stopped = false;
  private resolve: ((v: unknown[]) => void) | undefined;
  private reject: ((e: unknown) => void) | undefined;

  constructor(
    private readonly name: string,
    private readonly processor: CompiledMachine,
    private readonly inputs: readonly unknown[],
    private readonly frame: Frame,
    private readonly limit: number,
    attempt: number,
    /** An upper bound of every input's JSON size (-1 unknown): each iteration's first inputBound. */
    private readonly itemBound: number,
  ) {
    this.results = new Array<unknown>(inputs.length);
    ({ abort: this.group, unlink: this.unlink } = frame.childGroup());
    this.prefix = `${frame.threadId}${name}[${attempt}][`;
    this.reproducible = frame.env.clock.reproducible === true;
  }

  /** Starts iterations while there are places; synchronous ones complete here. */
  pump(): void {
    const { inputs, limit, frame } = this;
    while (!this.failed && this.next < inputs.length && this.active < limit) {
      // Iterations that complete at once never leave this loop: give the host its turn here.
      if (this.reproducible ? ++frame.pace >= REPRODUCIBLE_PACE : turnPending() || mustYield()) {
        this.pause();
        return;
      }
      // Stopped from outside (execution stop, a failed sibling): the rest never start.
      if (this.group.aborted) {
        this.stopped = true;
        break;
      }
      const index = this.next++;
      // Iteration events belong to the iteration's own thread (replayed per thread on resume).
      const child = frame.child(this.group, `${this.prefix}${index}]/`, frame.lastEventId);
      child.emitWith('MapIterationStarted', iterationDetails, this.name, index);
      // The run loop hands it on as the first state's inputBound (see states/common.ts).
      child.outputBound = this.itemBound;
      let out: MaybePromise<unknown>;
      try {
        out = this.processor.runMaybe(inputs[index], child);
      } catch (e) {
        this.iterationFailed(child, index, e);
        continue;
      }
      if (!isPromise(out)) {
        this.iterationSucceeded(child, index, out);
        continue;
      }
      this.active++;
      out.then(
        (value) => {
          this.active--;
          this.iterationSucceeded(child, index, value);
          this.pump();
        },
        (e: unknown) => {
          this.active--;
          this.iterationFailed(child, index, e);
          this.pump();
        },
      );
    }
    if (this.active === 0 && (this.failed || this.stopped || this.next >= inputs.length)) this.finish();
  }

  /** The results now, if everything is done, or when it is. */
  settled(): MaybePromise<unknown[]> {
    if (this.done) return this.outcome();
    return new Promise<unknown[]>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.unlink();
    if (this.resolve === undefined) return;
    try {
      this.resolve(this.outcome());
    } catch (e) {
      this.reject!(e);
    }
  }

  private outcome(): unknown[] {
    const f = this.failure;
    if (this.failed) throw f instanceof StatesError ? f : toStatesError(f, this.frame);
    if (this.stopped) throw this.group.signal.reason;
    return this.results;
  }

  private iterationSucceeded(child: Frame, index: number, value: unknown): void {
    this.results[index] = value;
    // Recorded AWS histories: the next iteration follows the last state event, not this one.
    const last = child.lastEventId;
    child.emitWith('MapIterationSucceeded', iterationDetails, this.name, index);
    this.frame.lastEventId = last;
  }

  private iterationFailed(child: Frame, index: number, e: unknown): void {
    if (!this.failed) {
      this.failed = true;
      this.failure = e;
      child.emitWith('MapIterationFailed', iterationDetails, this.name, index);
      this.group.abort(e);
    } else {
      child.emitWith('MapIterationAborted', iterationDetails, this.name, index);
    }
    this.frame.lastEventId = child.lastEventId;
  }

  /** Gives the event loop a turn, the clock held (the Map is still busy), then goes on. */
  private pause(): void {
    this.frame.pace = 0;
    this.active++;
    const release = this.frame.env.clock.hold();
    void yieldTurn().then(() => {
      release();
      this.active--;
      this.pump();
    });
  }
}
