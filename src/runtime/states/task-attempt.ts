import { StatesErrors, type StatesError } from '../../errors.js';
import { onAbort } from '../abort.js';
import { executionSources, type ExecutionSources } from '../../tasks/sources.js';
import { randomUuid } from '../../web/uuid.js';
import type { TokenLease } from '../../tasks/lease.js';
import type { ResolvedTask } from '../../tasks/types.js';
import { MAX_TASK_SECONDS } from '../dataflow/field-types.js';
import type { ExecutionEnv, Frame } from '../frame.js';
import { jsonSize } from '../json-size.js';
import { isPromise, type MaybePromise } from '../maybe.js';
import { dataLimitExceeded, MAX_PAYLOAD_BYTES } from '../payload.js';
import { AttemptEnd, DONE, HandlerContext, type AttemptHooks } from './task-context.js';
import { emitStarted, emitSubmitted, scheduledDetails, submittedJson, succeededBareDetails, succeededDetails, TimedOut, type TaskEventShape, type TaskProgram } from './task-events.js';
import { finishRecorded, replayed } from './task-replay.js';
import { activityWork, asTaskError, handlerInput, normaliseResult, resolveHandler, serviceWork } from './task-work.js';

/** Task TimeoutSeconds default (AWS: 99999999 s when not set). */
export const DEFAULT_TIMEOUT_S = MAX_TASK_SECONDS;

/**
 * One attempt: the Scheduled/Started/Succeeded|Failed|TimedOut events and the work. Two entry
 * points share the events and rules. With `direct`, a handler with no timer to run (default
 * TimeoutSeconds, no HeartbeatSeconds, no callback, not an activity, not replaying) is called directly and, when it
 * returns a value, the attempt completes synchronously; if it returns a promise, the attempt
 * waits on it listening for the thread's abort. Everything else goes through {@link timedAttempt}.
 * Either way an abort before the handler starts means no handler runs.
 */
export function invoke(
  task: TaskProgram,
  params: unknown,
  frame: Frame,
  attempt: number,
  timeoutS: number,
  heartbeatS: number | undefined,
  lease: TokenLease | undefined,
  direct: boolean,
): MaybePromise<unknown> {
  const env = frame.env;
  if (frame.abort.aborted) throw frame.signal.reason;
  const { info, events } = task;
  const ev = events.names;
  // Built when the history is read (the parameters are never mutated: handlers get a copy).
  frame.emitWith(ev.scheduled, scheduledDetails, events.scheduled(env.identity.region, timeoutS === DEFAULT_TIMEOUT_S ? undefined : timeoutS, heartbeatS), params);

  // Resuming a snapshot: what the recording says happened is taken from it, not done again.
  const replay = replayed(frame, ev);
  if (replay?.outcome) {
    // The callback's token was answered before the snapshot: it is retired again here, so it is
    // neither listed in later snapshots nor accepted a second time.
    lease?.retire(replay.outcome.type === ev.timedOut ? 'timedOut' : 'completed');
    return finishRecorded(frame, replay.outcome, ev);
  }
  if (direct && replay === undefined && info.family !== 'Activity' && !info.callback && timeoutS === DEFAULT_TIMEOUT_S && heartbeatS === undefined) {
    return directAttempt(task, params, frame, attempt);
  }
  return timedAttempt(task, params, frame, attempt, timeoutS, heartbeatS, lease, replay);
}

/** The direct entry point: the handler is called here, in the caller's turn. */
function directAttempt(task: TaskProgram, params: unknown, frame: Frame, attempt: number): MaybePromise<unknown> {
  const env = frame.env;
  const handler = resolveHandler(frame, task, params, undefined);
  emitStarted(frame, task.events);
  // An event listener may have stopped the execution: the handler must not start.
  if (frame.abort.aborted) throw frame.signal.reason;
  const hooks = new DirectHooks(frame, task.events, attempt);
  // Outside work in progress holds a VirtualClock still (DESIGN: time is injected).
  hooks.hold = env.clock.hold();
  const sources = sourcesOf(env);
  // Not journaled: a replayed attempt calls no handler, so it must not consume a draw. An
  // injected id source is drawn now, in attempt order; the default one only if the handler reads it.
  const ctx = new HandlerContext(frame, hooks, task.name, task.resource, attempt, frame.steps, env.uuid === randomUuid ? undefined : env.uuid(), undefined);
  if (sources !== undefined) executionSources.set(ctx, sources);
  // A running handler cannot be captured in a snapshot.
  env.activity.inFlight++;
  let value: unknown;
  try {
    value = handler.invoke(handlerInput(params, task.name), ctx);
  } catch (e) {
    env.activity.inFlight--;
    hooks.finish();
    return failed(task, frame, e);
  }
  if (isPromise(value)) return waitForHandler(task, frame, handler, hooks, value);
  env.activity.inFlight--;
  hooks.finish();
  if (frame.abort.aborted) throw frame.signal.reason;
  return succeeded(task, frame, handler, value);
}

/** A directly called handler returned a promise: the attempt settles with it or on the thread's abort, whichever comes first. */
async function waitForHandler(task: TaskProgram, frame: Frame, handler: ResolvedTask, hooks: DirectHooks, pending: Promise<unknown>): Promise<unknown> {
  const end = hooks.end;
  const activity = frame.env.activity;
  // From here an abort settles the attempt at once, whatever the handler does; its late result
  // is ignored (AWS abandons the call the same way).
  end.listen(frame.signal);
  let outcome: unknown;
  try {
    outcome = await new Promise<unknown>((resolve, reject) => {
      // The handler counts as running until its promise settles, even after the attempt ended.
      pending.then(
        (v) => {
          activity.inFlight--;
          resolve(v);
        },
        (e: unknown) => {
          activity.inFlight--;
          reject(e);
        },
      );
      if (end.ended) return reject(end.reason);
      end.onEnd = reject;
    });
  } catch (e) {
    return failed(task, frame, e);
  } finally {
    hooks.finish();
  }
  return succeeded(task, frame, handler, outcome);
}

/** The handler's value as the task result, and the Succeeded event; a result that is not JSON or too big fails the attempt. */
function succeeded(task: TaskProgram, frame: Frame, handler: ResolvedTask, value: unknown): unknown {
  let result: unknown;
  try {
    result = normaliseResult(value, handler, task.resource, task.name);
    if (overQuota(result)) throw dataLimitExceeded(task.info.family === 'Lambda' ? task.resource : task.name);
  } catch (e) {
    return failed(task, frame, e);
  }
  emitSucceeded(frame, task.events, result);
  return result;
}

/** Whether a task result is over the payload quota. A number, boolean or null never is (and sizing a number builds its text). */
function overQuota(result: unknown): boolean {
  return ((typeof result === 'object' && result !== null) || typeof result === 'string') && jsonSize(result) > MAX_PAYLOAD_BYTES;
}

/** The Failed (or TimedOut) event and the task error; an aborted thread ends with its reason instead. */
function failed(task: TaskProgram, frame: Frame, e: unknown): never {
  if (frame.abort.aborted) throw frame.signal.reason ?? e;
  const err = asTaskError(e);
  const details = task.events.common();
  details.error = err.error;
  if (err.cause) details.cause = err.cause;
  frame.emit(e instanceof TimedOut ? task.events.names.timedOut : task.events.names.failed, details);
  throw err;
}

function emitSucceeded(frame: Frame, events: TaskEventShape, result: unknown): void {
  if (frame.env.includeData) frame.emitWith(events.names.succeeded, succeededDetails, events, result);
  else frame.emitWith(events.names.succeeded, succeededBareDetails, events, undefined);
}

/**
 * The attempt side of a directly called handler's context. Its AttemptEnd is made only when
 * something needs it (the handler reads ctx.signal, or returns a promise): a handler that
 * returns a value needs none.
 */
class DirectHooks implements AttemptHooks {
  hold: (() => void) | undefined;
  private state: AttemptEnd | undefined;
  private finished = false;

  constructor(
    private readonly frame: Frame,
    private readonly events: TaskEventShape,
    private readonly attempt: number,
  ) {}

  get end(): AttemptEnd {
    let e = this.state;
    if (e === undefined) {
      e = this.state = new AttemptEnd();
      if (this.finished) e.close(DONE);
    }
    return e;
  }

  /** No HeartbeatSeconds here: a heartbeat is only journaled (a resumed execution keeps the deadline). */
  heartbeat(): void {
    const frame = this.frame;
    frame.env.journal.set(`${frame.threadId}#beat${frame.steps}.${this.attempt}`, frame.now());
  }

  release(): void {
    this.hold?.();
  }

  submitted(output: unknown): void {
    if (this.finished || this.state?.ended === true) return;
    emitSubmitted(this.frame, this.events, submittedJson(output));
  }

  finish(): void {
    this.release();
    this.finished = true;
    this.state?.close(DONE);
  }
}

/**
 * The general entry point: timers (TimeoutSeconds, HeartbeatSeconds), callbacks, activities and
 * replay. The attempt listens for its thread's abort from the moment it is set up.
 */
async function timedAttempt(
  task: TaskProgram,
  params: unknown,
  frame: Frame,
  attempt: number,
  timeoutS: number,
  heartbeatS: number | undefined,
  lease: TokenLease | undefined,
  replay: ReturnType<typeof replayed>,
): Promise<unknown> {
  const env = frame.env;
  const { info } = task;
  const work =
    info.family === 'Activity'
      ? activityWork(frame, task.resource, params, heartbeatS, replay?.activityStarted === true)
      : serviceWork(frame, task, params, attempt, replay, lease);
  const startedAt = frame.now();

  // The attempt ends on its own timeout or when its thread stops (execution stop, a failed
  // sibling). Its AbortSignal is made only when someone needs one (a timer, a handler reading
  // ctx.signal, a callback). It listens from here on: an abort that came earlier (from an event
  // listener, say) ends it at once.
  const end = new AttemptEnd();
  end.listen(frame.signal);
  // Outside work in progress holds a VirtualClock still (DESIGN: time is injected).
  const release = env.clock.hold();
  let heartbeatTimer: AbortController | undefined;
  try {
    const outcome = await new Promise<unknown>((resolve, reject) => {
      // Ended before it began: no timer, no handler. A handler never sees an aborted signal at its start.
      if (end.ended) return reject(end.reason);
      // From here an abort settles the attempt at once, whatever the handler does; its late
      // result is ignored (AWS abandons the call the same way).
      end.onEnd = reject;
      const fail = (err: StatesError) => end.end(err);
      // No timer for the default timeout (99999999 s): it cannot fire before the execution's own limit matters.
      if (timeoutS !== DEFAULT_TIMEOUT_S) {
        frame.sleepUntil(startedAt + timeoutS * 1000, end.signal).then(
          () => fail(new TimedOut(StatesErrors.Timeout, '')),
          () => {},
        );
      }
      const armHeartbeat = (from = frame.now()) => {
        if (heartbeatS === undefined || end.ended) return;
        heartbeatTimer?.abort(DONE);
        const t = new AbortController();
        heartbeatTimer = t;
        onAbort(end.signal, (reason) => t.abort(reason));
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
      const hooks: AttemptHooks = {
        end,
        heartbeat: beat,
        release,
        submitted: (output) => {
          // A late report from an abandoned call never reaches history.
          if (!end.ended) emitSubmitted(frame, task.events, submittedJson(output));
        },
      };
      work.start(hooks, attempt).then(resolve, reject);
    });
    end.close(DONE);
    const result = work.normalise(outcome);
    if (overQuota(result)) throw dataLimitExceeded(info.family === 'Lambda' ? task.resource : task.name);
    emitSucceeded(frame, task.events, result);
    return result;
  } catch (e) {
    end.close(DONE);
    return failed(task, frame, e);
  } finally {
    release();
    end.close(DONE);
    heartbeatTimer?.abort(DONE);
    work.done?.(end.reason instanceof TimedOut ? 'timedOut' : 'completed');
  }
}

/**
 * The execution's random and id sources, one object per execution for every handler context;
 * undefined for the default ones, which a nested execution gets without being told (so the
 * context needs no WeakMap entry).
 */
function sourcesOf(env: ExecutionEnv): ExecutionSources | undefined {
  if (env.random === Math.random && env.uuid === randomUuid) return undefined;
  let s = sources.get(env);
  if (s === undefined) sources.set(env, (s = { random: env.random, uuid: env.uuid }));
  return s;
}
const sources = new WeakMap<ExecutionEnv, ExecutionSources>();
