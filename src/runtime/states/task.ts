import type { TaskState } from '../../definition/types.js';
import { StatesError, StatesErrors } from '../../errors.js';
import { leaseToken, type TokenLease } from '../../tasks/lease.js';
import { TaskTokens } from '../../tasks/tokens.js';
import { compileField } from '../dataflow/field.js';
import { MAX_TASK_SECONDS, taskSeconds } from '../dataflow/field-types.js';
import type { StateFlow } from '../dataflow/flow.js';
import { onAbort } from '../abort.js';
import type { Frame } from '../frame.js';
import { LazyJson } from '../history.js';
import { jsonSize } from '../json-size.js';
import { dataLimitExceeded, MAX_PAYLOAD_BYTES } from '../payload.js';
import { retrying } from '../retry.js';
import { enter, exit, guarded, nextOf, type CompiledState } from './common.js';
import { describeResource, type ResourceInfo } from './resource.js';
import { taskEvents, TimedOut } from './task-events.js';
import { finishRecorded, replayed } from './task-replay.js';
import { activityWork, asTaskError, serviceWork } from './task-work.js';

/** Task TimeoutSeconds default (AWS: 99999999 s when not set). */
const DEFAULT_TIMEOUT_S = MAX_TASK_SECONDS;


/**
 * Task: resolves its resource to a handler, invokes it with the effective input, and applies
 * Retry (same state, new attempt) and Catch (next state) to failures.
 */
export function compileTask(name: string, def: TaskState, flow: StateFlow, jsonata: boolean): CompiledState {
  const next = nextOf(def);
  const info = describeResource(def.Resource);
  const timeout = compileField({ field: 'TimeoutSeconds', literal: def.TimeoutSeconds, path: def.TimeoutSecondsPath, jsonata }, taskSeconds);
  const heartbeat = compileField({ field: 'HeartbeatSeconds', literal: def.HeartbeatSeconds, path: def.HeartbeatSecondsPath, jsonata }, taskSeconds);
  return {
    name,
    type: 'Task',
    run(raw, frame) {
      enter(frame, 'Task', name, raw, true);
      return guarded(frame, 'Task', name, raw, async () => {
        const selected = flow.select(raw, frame);
        const timeoutS = timeout ? await timeout(selected, raw, frame) : DEFAULT_TIMEOUT_S;
        const heartbeatS = heartbeat ? await heartbeat(selected, raw, frame) : undefined;
        return retrying(frame, def.Retry, async (attempt) => {
          // A callback task's token must exist before Parameters reads $$.Task.Token.
          const lease = info.callback ? leaseToken(frame.env.runtime.tokens, frame.env.activity.tokens, TaskTokens.create(frame.uuid)) : undefined;
          frame.visit.taskToken = lease?.token;
          // Parameters are evaluated per attempt, so $$.State.RetryCount is current.
          const params = await flow.parameters(selected, raw, frame);
          const result = await invoke(name, def.Resource, info, params, frame, attempt, timeoutS, heartbeatS, lease);
          const output = await flow.finish(raw, selected, result, frame);
          return exit(frame, 'Task', name, output, next);
        });
      }, flow, def.Catch);
    },
  };
}

/** One attempt: the Scheduled/Started/Succeeded|Failed|TimedOut events and the work. */
async function invoke(
  stateName: string,
  resource: string,
  info: ResourceInfo,
  params: unknown,
  frame: Frame,
  attempt: number,
  timeoutS: number,
  heartbeatS: number | undefined,
  lease: TokenLease | undefined,
): Promise<unknown> {
  const env = frame.env;
  if (frame.signal.aborted) throw frame.signal.reason;
  // Serialised only if the history is read (the parameters are never mutated: handlers get a copy).
  const paramsJson = new LazyJson(params);
  const ev = taskEvents(info);
  const common = info.family === 'Task' ? { resourceType: info.resourceType, resource: info.resource } : {};
  const scheduled: Record<string, unknown> =
    info.family === 'Task'
      ? { ...common, region: env.identity.region, parameters: paramsJson }
      : { resource, input: paramsJson, inputDetails: { truncated: jsonSize(params) > MAX_PAYLOAD_BYTES } };
  if (timeoutS !== DEFAULT_TIMEOUT_S) scheduled.timeoutInSeconds = timeoutS;
  if (heartbeatS !== undefined) scheduled.heartbeatInSeconds = heartbeatS;
  frame.emit(ev.scheduled, scheduled);

  // Resuming a snapshot: what the recording says happened is taken from it, not done again.
  const replay = replayed(frame, ev);
  if (replay?.outcome) {
    // The callback's token was answered before the snapshot: it is retired again here, so it is
    // neither listed in later snapshots nor accepted a second time.
    lease?.retire(replay.outcome.type === ev.timedOut ? 'timedOut' : 'completed');
    return finishRecorded(frame, replay.outcome, ev);
  }

  const work =
    info.family === 'Activity'
      ? activityWork(frame, resource, params, heartbeatS, replay?.activityStarted === true)
      : serviceWork(frame, stateName, resource, info, params, attempt, ev, common, replay, lease);
  const startedAt = frame.now();

  // The attempt ends on its own timeout or when its thread stops (execution stop, a failed
  // sibling). Its AbortSignal is made only when someone needs one (a timer, a handler reading
  // ctx.signal, a callback), so a plain Map item allocates none. It listens from here on: an
  // abort that came earlier (from an event listener, say) ends it at once.
  const attemptEnd = new AttemptEnd();
  const unlink = onAbort(frame.signal, (reason) => attemptEnd.end(reason));
  // Outside work in progress holds a VirtualClock still (DESIGN: time is injected).
  const release = env.clock.hold();
  let heartbeatTimer: AbortController | undefined;
  try {
    const outcome = await new Promise<unknown>((resolve, reject) => {
      // Ended before it began: no timer, no handler. A handler never sees an aborted signal at its start.
      if (attemptEnd.ended) return reject(attemptEnd.reason);
      // From here an abort settles the attempt at once, whatever the handler does; its late
      // result is ignored (AWS abandons the call the same way).
      attemptEnd.onEnd = reject;
      const fail = (err: StatesError) => attemptEnd.end(err);
      // No timer for the default timeout (99999999 s): it cannot fire before the execution's own limit matters.
      if (timeoutS !== DEFAULT_TIMEOUT_S) {
        frame.sleepUntil(startedAt + timeoutS * 1000, attemptEnd.signal).then(
          () => fail(new TimedOut(StatesErrors.Timeout, '')),
          () => {},
        );
      }
      const armHeartbeat = (from = frame.now()) => {
        if (heartbeatS === undefined || attemptEnd.ended) return;
        heartbeatTimer?.abort(DONE);
        const t = new AbortController();
        heartbeatTimer = t;
        onAbort(attemptEnd.signal, (reason) => t.abort(reason));
        frame.sleepUntil(from + heartbeatS * 1000, t.signal).then(
          () => fail(new TimedOut(StatesErrors.HeartbeatTimeout, '')),
          () => {},
        );
      };
      // An activity's heartbeat clock starts when a worker takes it (ActivityStarted).
      // The last heartbeat is journaled, so a resumed execution keeps the same heartbeat deadline.
      const beatKey = `${frame.threadId}#beat${frame.steps}.${attempt}`;
      const lastBeat = env.journal.get(beatKey);
      const beat = () => {
        const now = frame.now();
        env.journal.set(beatKey, now);
        armHeartbeat(now);
      };
      if (info.family !== 'Activity' || replay?.activityStarted) armHeartbeat(typeof lastBeat === 'number' ? Math.max(startedAt, lastBeat) : startedAt);
      work.start({ signal: () => attemptEnd.signal, ended: () => attemptEnd.ended, heartbeat: beat, release, attempt }).then(resolve, reject);
    });
    unlink();
    attemptEnd.end(DONE);
    const result = work.normalise(outcome);
    const size = jsonSize(result);
    if (size > MAX_PAYLOAD_BYTES) throw dataLimitExceeded(info.family === 'Lambda' ? resource : stateName);
    frame.emit(ev.succeeded, env.includeData ? { ...common, output: new LazyJson(result), outputDetails: { truncated: false } } : common);
    return result;
  } catch (e) {
    unlink();
    attemptEnd.end(DONE);
    if (frame.signal.aborted) throw frame.signal.reason ?? e;
    const err = asTaskError(e);
    const timedOut = e instanceof TimedOut;
    const details: Record<string, unknown> = { ...common, error: err.error };
    if (err.cause) details.cause = err.cause;
    frame.emit(timedOut ? ev.timedOut : ev.failed, details);
    throw err;
  } finally {
    release();
    unlink();
    heartbeatTimer?.abort(DONE);
    work.done?.(attemptEnd.reason instanceof TimedOut ? 'timedOut' : 'completed');
  }
}

/** How an attempt ended (first reason wins), with an AbortSignal made on demand. */
class AttemptEnd {
  ended = false;
  reason: unknown;
  onEnd: ((reason: unknown) => void) | undefined;
  private controller: AbortController | undefined;

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.ended) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  end(reason: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.reason = reason;
    this.controller?.abort(reason);
    this.onEnd?.(reason);
  }
}

/** The reason a task's own controller aborts when the attempt is over: shared, so no error (and stack) is built per task. */
const DONE = Object.freeze({ done: true });
