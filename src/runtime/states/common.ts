import type { Catcher, StateType } from '../../definition/types.js';
import { DataFlowError, StatesError, StatesErrors } from '../../errors.js';
import type { StateFlow } from '../dataflow/flow.js';
import { note } from '../dataflow/inspect.js';
import type { Frame } from '../frame.js';
import { LazyJson, NO_PAYLOAD, type HistoryEventType } from '../history.js';
import { isPromise, andThen, type MaybePromise } from '../maybe.js';
import { dataLimitExceeded, MAX_PAYLOAD_BYTES, toJson } from '../payload.js';
import { jsonSize } from '../json-size.js';
import { errorOutput, findCatcher } from '../retry.js';

/** Where a state leads: the next state's name, or undefined when its thread ends here. */
export interface Outcome {
  readonly output: unknown;
  readonly next: string | undefined;
}

/** A state after compilation: everything that does not depend on data is already done. */
export interface CompiledState {
  readonly name: string;
  readonly type: StateType;
  run(input: unknown, frame: Frame): MaybePromise<Outcome>;
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
  const id = frame.emitState(ENTERED[type], name, env.includeData ? input : NO_PAYLOAD);
  visit.enteredEventId = id;
  visit.enteredTime = env.history.timestamp(id);
}

/** Checks the output's size and emits `<Type>StateExited`. */
export function exit(frame: Frame, type: StateType, name: string, output: unknown, next: string | undefined): Outcome {
  const size = jsonSize(output);
  if (size > MAX_PAYLOAD_BYTES) throw dataLimitExceeded(name);
  if (!frame.visit.assigned) {
    frame.emitState(EXITED[type], name, frame.env.includeData ? output : NO_PAYLOAD);
  } else {
    const details: Record<string, unknown> = { name };
    if (frame.env.includeData) lazyPayload(details, 'output', output, size);
    details.assignedVariables = frame.visit.assigned;
    details.assignedVariablesDetails = { truncated: false };
    frame.emit(EXITED[type], details);
  }
  if (frame.env.inspect) {
    // After the Exited event, so an inspector that stops the run leaves a complete history.
    note(frame, 'output', output);
    note(frame, 'nextState', next);
  }
  return { output, next };
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
    return r.catch((e: unknown) => onStateError(e, frame, type, name, raw, flow, catchers, failedEvent));
  } catch (e) {
    return onStateError(e, frame, type, name, raw, flow, catchers, failedEvent);
  }
}

function onStateError(
  e: unknown,
  frame: Frame,
  type: StateType,
  name: string,
  raw: unknown,
  flow: StateFlow | undefined,
  catchers: readonly Catcher[] | undefined,
  failedEvent: 'ParallelStateFailed' | 'MapStateFailed' | undefined,
): MaybePromise<Outcome> {
  if (frame.signal.aborted) throw e;
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
