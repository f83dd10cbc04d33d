import type { Catcher, StateType } from '../../definition/types.js';
import { DataFlowError, StatesError, StatesErrors } from '../../errors.js';
import type { StateFlow } from '../dataflow/flow.js';
import { note } from '../dataflow/inspect.js';
import type { CompiledState, Frame, Outcome } from '../frame.js';
import { LazyJson, NO_PAYLOAD, type HistoryEventType } from '../history.js';
import { isPromise, andThen, type MaybePromise } from '../maybe.js';
import { dataLimitExceeded, MAX_PAYLOAD_BYTES } from '../payload.js';
import { jsonSize } from '../json-size.js';
import { errorOutput, findCatcher } from '../retry.js';

export type { CompiledState, Outcome } from '../frame.js';

/*
 * The protocol between a state and the run loop (machine.ts):
 *
 * - `run(input, frame)` returns the state's Outcome, or a promise of it. A state that does no
 *   I/O returns synchronously: the loop goes on to the next state with no `await`.
 * - The Outcome is the thread's own `frame.outcome`, filled by `exit()`, so a transition
 *   allocates nothing. The loop reads it as soon as the state returns, before anything else runs
 *   on that thread. (A state may still return a fresh `{ output, next }`: the loop accepts both.)
 * - Pass `exit()` a Transition (`transitions.to(name)` at compile time, linked to the compiled
 *   state once the machine is compiled) and the loop follows `outcome.target` directly; with a
 *   state name (string) it looks the name up in the machine's states, one Map lookup.
 * - Payload quota: the loop sets `frame.inputBound` (an upper bound of the input's JSON size, -1
 *   unknown) before each state. The data flow's `finish` and `caught` always set
 *   `frame.outputBound` (a bound of their output, or -1); `exit()` counts the output exactly only
 *   when no bound within the quota was reported, then leaves the size (exact or bound) in
 *   `frame.outputBound` for the next state.
 * - Closure-free states (Pass, Choice, Succeed) catch with try/catch and `stateFailed()` on the
 *   synchronous path; `guarded()` remains for states whose body is a closure anyway.
 * - Whether the thread was stopped: `frame.abort.aborted` (a plain field). `frame.signal` is for
 *   listening; the top-level thread's AbortSignal is made on first use (see abort.ts LazyAbort).
 * - `CompiledMachine.runMaybe()` runs a nested machine synchronously as far as it can (a value,
 *   or a promise); `run()` always gives a promise.
 */

/** A transition to a state of the same machine: `target` is set once every state is compiled. */
export class Transition {
  target: CompiledState | undefined = undefined;
  constructor(readonly name: string) {}
}

/** Collects a machine's transitions while its states compile, then points each at its state. */
export class Transitions {
  private readonly all: Transition[] = [];

  /** A transition to `name`; undefined for none (End). */
  to(name: string | undefined): Transition | undefined {
    if (name === undefined) return undefined;
    const t = new Transition(name);
    this.all.push(t);
    return t;
  }

  /** Resolves every transition; an unknown name stays unresolved and fails when taken. */
  link(states: ReadonlyMap<string, CompiledState>): void {
    for (const t of this.all) t.target = states.get(t.name);
  }
}

const TYPES: readonly StateType[] = ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'];
// Built once: no string is assembled per event.
const ENTERED = Object.fromEntries(TYPES.map((t) => [t, `${t}StateEntered`])) as Record<StateType, HistoryEventType>;
const EXITED = Object.fromEntries(TYPES.map((t) => [t, `${t}StateExited`])) as Record<StateType, HistoryEventType>;

/** Emits `<Type>StateEntered` and resets the per-state parts of the frame. */
export function enter(frame: Frame, type: StateType, name: string, input: unknown, retryable: boolean): void {
  const env = frame.env;
  const visit = frame.visit;
  visit.begin(name, retryable);
  frame.steps++;
  visit.enteredEventId = frame.emitState(ENTERED[type], name, env.includeData ? input : NO_PAYLOAD);
}

/**
 * Checks the output's size and emits `<Type>StateExited`; returns the thread's Outcome leading
 * to `next` (a linked Transition, a state name, or undefined when the thread ends here).
 */
export function exit(frame: Frame, type: StateType, name: string, output: unknown, next: Transition | string | undefined): Outcome {
  // A bound the data flow reported within the quota spares the exact count (it is never below it).
  let size = frame.outputBound;
  if (size < 0 || size > MAX_PAYLOAD_BYTES) {
    size = jsonSize(output);
    if (size > MAX_PAYLOAD_BYTES) throw dataLimitExceeded(name);
  }
  frame.outputBound = size;
  if (!frame.visit.assigned) {
    frame.emitState(EXITED[type], name, frame.env.includeData ? output : NO_PAYLOAD);
  } else {
    const details: Record<string, unknown> = { name };
    if (frame.env.includeData) lazyPayload(details, 'output', output, size);
    details.assignedVariables = frame.visit.assigned;
    details.assignedVariablesDetails = { truncated: false };
    frame.emit(EXITED[type], details);
  }
  const o = frame.outcome;
  o.output = output;
  if (typeof next === 'object') {
    o.next = next.name;
    o.target = next.target;
  } else {
    o.next = next;
    o.target = undefined;
  }
  if (frame.env.inspect) {
    // After the Exited event, so an inspector that stops the run leaves a complete history.
    note(frame, 'output', output);
    note(frame, 'nextState', o.next);
  }
  return o;
}

/**
 * Any thrown value as a StatesError. Data-flow errors get AWS's prefix naming the state and its
 * entered event; a JSONata evaluation failure also gets an EvaluationFailed event, as on AWS.
 */
export function toStatesError(e: unknown, frame: Frame): StatesError {
  if (e instanceof DataFlowError) {
    const cause = `An error occurred while executing the state '${frame.visit.name}' (entered at the event id #${frame.visit.enteredEventId}). ${e.cause}`;
    if (e.error === StatesErrors.QueryEvaluationError) {
      frame.emit('EvaluationFailed', {
        error: e.error,
        cause,
        state: frame.visit.name,
      });
    }
    return new StatesError(e.error, cause);
  }
  if (e instanceof StatesError) return e;
  // Only a bug of ours can land here; report it as a runtime failure, never crash the host.
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new StatesError(StatesErrors.Runtime, `An error occurred while executing the state '${frame.visit.name}'. ${message}`);
}

/**
 * Runs a state's body; on failure applies the first matching catcher (its output, then the
 * Exited event), or emits the state's own failure event and rethrows.
 */
export function guarded(
  frame: Frame,
  type: StateType,
  name: string,
  raw: unknown,
  body: () => MaybePromise<Outcome>,
  flow: StateFlow | undefined,
  catchers: readonly Catcher[] | undefined,
  failedEvent?: 'ParallelStateFailed' | 'MapStateFailed',
): MaybePromise<Outcome> {
  // The error path is a module function: the common, successful path allocates no closure.
  try {
    const r = body();
    if (!isPromise(r)) return r;
    return r.catch((e: unknown) => stateFailed(e, frame, type, name, raw, flow, catchers, failedEvent));
  } catch (e) {
    return stateFailed(e, frame, type, name, raw, flow, catchers, failedEvent);
  }
}

/**
 * A state's failure: writes the state's own failure event if it has one, then applies the
 * first matching catcher (its output, then the Exited event), or rethrows as a StatesError.
 * An aborted thread rethrows as it is.
 */
export function stateFailed(
  e: unknown,
  frame: Frame,
  type: StateType,
  name: string,
  raw: unknown,
  flow: StateFlow | undefined,
  catchers: readonly Catcher[] | undefined,
  failedEvent?: 'ParallelStateFailed' | 'MapStateFailed',
): MaybePromise<Outcome> {
  if (frame.abort.aborted) throw e;
  const err = toStatesError(e, frame);
  // Recorded AWS histories: a States.Runtime failure ends the execution with no state-failed event.
  if (failedEvent && !(e instanceof AlreadyReported) && err.error !== StatesErrors.Runtime) {
    frame.emit(failedEvent, { error: err.error, cause: err.cause });
  }
  const catcher = flow && findCatcher(catchers, err.error);
  if (!catcher || !flow) throw err;
  frame.visit.assigned = undefined;
  return andThen(flow.caught(catcher, raw, errorOutput(err), frame), (output) => exit(frame, type, name, output, catcher.Next));
}

/** Marks an error whose failure event the state already wrote. */
export class AlreadyReported extends StatesError {}

/** The state's next transition: its Next, or undefined for End. */
export function nextOf(def: { Next?: string; End?: boolean }): string | undefined {
  return def.End ? undefined : def.Next;
}

/** A payload field of a history event: its JSON text is made when the history is read (see HistoryLog). */
function lazyPayload(details: Record<string, unknown>, field: 'input' | 'output', value: unknown, size = jsonSize(value)): void {
  details[field] = new LazyJson(value);
  details[`${field}Details`] = size > MAX_PAYLOAD_BYTES ? TRUNCATED : NOT_TRUNCATED;
}

const TRUNCATED = Object.freeze({ truncated: true });
const NOT_TRUNCATED = Object.freeze({ truncated: false });
