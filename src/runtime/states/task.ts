import type { TaskState } from '../../definition/types.js';
import { leaseToken, type TokenLease } from '../../tasks/lease.js';
import { TaskTokens } from '../../tasks/tokens.js';
import { compileField } from '../dataflow/field.js';
import { taskSeconds } from '../dataflow/field-types.js';
import type { StateFlow } from '../dataflow/flow.js';
import type { Frame } from '../frame.js';
import { isPromise, type MaybePromise } from '../maybe.js';
import { retrying } from '../retry.js';
import { enter, exit, guarded, nextOf, stateFailed, type CompiledState, type Outcome, type Transition, type Transitions } from './common.js';
import { isParallelBranch } from './parallel.js';
import { describeResource } from './resource.js';
import { DEFAULT_TIMEOUT_S, invoke } from './task-attempt.js';
import { TaskEventShape, type TaskProgram } from './task-events.js';

/**
 * Task: resolves its resource to a handler, invokes it with the effective input, and applies
 * Retry (same state, new attempt) and Catch (next state) to failures. A handler that returns a
 * value completes the state synchronously (see task-attempt.ts).
 */
export function compileTask(name: string, def: TaskState, flow: StateFlow, jsonata: boolean, transitions: Transitions): CompiledState {
  const info = describeResource(def.Resource);
  const timeout = compileField({ field: 'TimeoutSeconds', literal: def.TimeoutSeconds, path: def.TimeoutSecondsPath, jsonata }, taskSeconds);
  const heartbeat = compileField({ field: 'HeartbeatSeconds', literal: def.HeartbeatSeconds, path: def.HeartbeatSecondsPath, jsonata }, taskSeconds);
  const task: CompiledTask = {
    name,
    resource: def.Resource,
    info,
    events: new TaskEventShape(info, def.Resource),
    flow,
    next: transitions.to(nextOf(def)),
    retry: def.Retry,
  };
  // Known at compile time: whether the attempts may take the direct path (task-attempt.ts).
  const directable = timeout === undefined && heartbeat === undefined && !info.callback && info.family !== 'Activity';
  return {
    name,
    type: 'Task',
    run(raw, frame) {
      enter(frame, 'Task', name, raw, true);
      // Inside a Parallel branch the visit keeps its awaits, so the branches interleave as they always have.
      if (directable && !isParallelBranch(frame) && !frame.env.history.replaying(frame.threadId)) {
        // As guarded(), without a closure per visit.
        try {
          const r = attempts(task, raw, flow.select(raw, frame), frame);
          return isPromise(r) ? r.catch((e: unknown) => stateFailed(e, frame, 'Task', name, raw, flow, def.Catch)) : r;
        } catch (e) {
          return stateFailed(e, frame, 'Task', name, raw, flow, def.Catch);
        }
      }
      return guarded(
        frame,
        'Task',
        name,
        raw,
        async () => {
          const selected = flow.select(raw, frame);
          const timeoutS = timeout ? await timeout(selected, raw, frame) : DEFAULT_TIMEOUT_S;
          const heartbeatS = heartbeat ? await heartbeat(selected, raw, frame) : undefined;
          return retrying(frame, def.Retry, async (attempt) => {
            const lease = callbackLease(task, frame);
            // Parameters are evaluated per attempt, so $$.State.RetryCount is current.
            const params = await flow.parameters(selected, raw, frame);
            const result = await invoke(task, params, frame, attempt, timeoutS, heartbeatS, lease, false);
            const output = await flow.finish(raw, selected, result, frame);
            return exit(frame, 'Task', name, output, task.next);
          });
        },
        flow,
        def.Catch,
      );
    },
  };
}

/** A compiled Task: what its attempts share and where it leads. */
interface CompiledTask extends TaskProgram {
  readonly flow: StateFlow;
  readonly next: Transition | undefined;
  readonly retry: TaskState['Retry'];
}

/** A callback task's token, which must exist before Parameters reads $$.Task.Token. */
function callbackLease(task: CompiledTask, frame: Frame): TokenLease | undefined {
  const lease = task.info.callback ? leaseToken(frame.env.runtime.tokens, frame.env.activity.tokens, TaskTokens.create(frame.uuid)) : undefined;
  frame.visit.taskToken = lease?.token;
  return lease;
}

/**
 * The state's attempts under its Retry policy, then its output, with no `await` while
 * everything is synchronous (default timeouts, no callback: see task-attempt.ts).
 */
function attempts(task: CompiledTask, raw: unknown, selected: unknown, frame: Frame): MaybePromise<Outcome> {
  if (task.retry !== undefined) return retrying(frame, task.retry, (n) => attempt(task, raw, selected, frame, n));
  // No Retry: what retrying() does for one attempt, without a closure per visit.
  if (frame.abort.aborted) throw frame.signal.reason;
  let r: MaybePromise<Outcome>;
  try {
    r = attempt(task, raw, selected, frame, 0);
  } catch (e) {
    throw lastFailure(e, frame);
  }
  // Thrown, not a rejected promise returned: the same microtask steps as retrying().
  return isPromise(r) ? r.then(undefined, (e: unknown) => rethrow(lastFailure(e, frame))) : r;
}

/** An attempt's failure when no retry follows: a stopped thread ends with its stop reason (as retrying() does). */
function lastFailure(e: unknown, frame: Frame): unknown {
  return frame.abort.aborted ? (frame.signal.reason ?? e) : e;
}

function rethrow(e: unknown): never {
  throw e;
}

/** One attempt: Parameters, the handler, then the state's output. */
function attempt(task: CompiledTask, raw: unknown, selected: unknown, frame: Frame, n: number): MaybePromise<Outcome> {
  frame.visit.taskToken = undefined;
  // Parameters are evaluated per attempt, so $$.State.RetryCount is current.
  const params = task.flow.parameters(selected, raw, frame);
  const result = isPromise(params)
    ? params.then((p) => invoke(task, p, frame, n, DEFAULT_TIMEOUT_S, undefined, undefined, true))
    : invoke(task, params, frame, n, DEFAULT_TIMEOUT_S, undefined, undefined, true);
  return isPromise(result) ? result.then((r) => finish(task, raw, selected, frame, r)) : finish(task, raw, selected, frame, result);
}

/** ResultSelector, ResultPath, OutputPath (or Output), then the Exited event. */
function finish(task: CompiledTask, raw: unknown, selected: unknown, frame: Frame, result: unknown): MaybePromise<Outcome> {
  const output = task.flow.finish(raw, selected, result, frame);
  return isPromise(output) ? output.then((o) => exit(frame, 'Task', task.name, o, task.next)) : exit(frame, 'Task', task.name, output, task.next);
}
