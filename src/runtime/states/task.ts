import type { TaskState } from '../../definition/types.js';
import { StatesError, StatesErrors } from '../../errors.js';
import { TaskTokens } from '../../tasks/tokens.js';
import type { ResolvedTask, TaskContext } from '../../tasks/types.js';
import { executionSources } from '../../tasks/sources.js';
import type { Clock } from '../clock.js';
import type { StateFlow } from '../dataflow/flow.js';
import { onAbort } from '../abort.js';
import type { Frame } from '../frame.js';
import { LazyJson, payloadDetails, type HistoryEvent, type HistoryEventType } from '../history.js';
import { jsonSize } from '../json-size.js';
import { dataLimitExceeded, MAX_PAYLOAD_BYTES, toJson, toJsonData } from '../payload.js';
import { retrying } from '../retry.js';
import { enter, exit, guarded, nextOf, type CompiledState } from './common.js';
import { compileNumberField, type NumberRule } from './number-field.js';
import { describeResource, type ResourceInfo } from './resource.js';

/** Task TimeoutSeconds default (AWS: 99999999 s when not set). */
const DEFAULT_TIMEOUT_S = 99_999_999;


/**
 * Task: resolves its resource to a handler, invokes it with the effective input, and applies
 * Retry (same state, new attempt) and Catch (next state) to failures.
 */
export function compileTask(name: string, def: TaskState, flow: StateFlow, jsonata: boolean): CompiledState {
  const next = nextOf(def);
  const info = describeResource(def.Resource);
  const timeout = compileNumberField(def.TimeoutSeconds, def.TimeoutSecondsPath, 'TimeoutSeconds', jsonata, SECONDS);
  const heartbeat = compileNumberField(def.HeartbeatSeconds, def.HeartbeatSecondsPath, 'HeartbeatSeconds', jsonata, SECONDS);
  return {
    name,
    type: 'Task',
    run(raw, frame) {
      enter(frame, 'Task', name, raw, true);
      return guarded(frame, 'Task', name, raw, async () => {
        const selected = flow.select(raw, frame);
        const timeoutS = (await timeout(selected, raw, frame)) ?? DEFAULT_TIMEOUT_S;
        const heartbeatS = await heartbeat(selected, raw, frame);
        return retrying(frame, def.Retry, async (attempt) => {
          // A callback task's token must exist before Parameters reads $$.Task.Token.
          if (info.callback) {
            frame.taskToken = TaskTokens.create(frame.uuid);
            frame.env.runtime.tokens.issue(frame.taskToken);
            frame.env.activity.tokens.add(frame.taskToken);
          }
          // Parameters are evaluated per attempt, so $$.State.RetryCount is current.
          const params = await flow.parameters(selected, raw, frame);
          const result = await invoke(name, def.Resource, info, params, frame, attempt, timeoutS, heartbeatS);
          const output = await flow.finish(raw, selected, result, frame);
          return exit(frame, 'Task', name, output, next);
        });
      }, flow, def.Catch);
    },
  };
}

/** TimeoutSeconds and HeartbeatSeconds: positive integers (at most 99999999 from an expression). */
const SECONDS: NumberRule = {
  expression: (v) => Number.isInteger(v) && v > 0 && v <= DEFAULT_TIMEOUT_S,
  expected: 'positive integer',
  path: (v) => Number.isInteger(v) && v > 0,
  pathWord: 'positive integer',
};

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
): Promise<unknown> {
  const env = frame.env;
  if (frame.signal.aborted) throw frame.signal.reason;
  // Serialised only if the history is read (the parameters are never mutated: handlers get a copy).
  const paramsJson = new LazyJson(params);
  const ev = events(info);
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
    if (info.callback && frame.taskToken !== undefined) {
      env.runtime.tokens.retire(frame.taskToken, replay.outcome.type === ev.timedOut ? 'timedOut' : 'completed');
      env.activity.tokens.delete(frame.taskToken);
    }
    return finishRecorded(frame, replay.outcome, ev);
  }

  const work =
    info.family === 'Activity'
      ? activityWork(frame, resource, params, heartbeatS, replay?.activityStarted === true)
      : serviceWork(frame, stateName, resource, info, params, attempt, ev, common, replay);
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

/** What a replaying thread's recording says about this attempt after its Scheduled event. */
interface Replayed {
  /** The recorded end of the attempt (Succeeded, Failed, TimedOut, StartFailed), if there is one. */
  readonly outcome?: HistoryEvent;
  /** The Started event was recorded. */
  readonly started: boolean;
  /** The service call was made (TaskSubmitted recorded): only the callback is awaited. */
  readonly submitted: boolean;
  /** An activity worker had taken the task. */
  readonly activityStarted: boolean;
}

function replayed(frame: Frame, ev: Events): Replayed | undefined {
  const history = frame.env.history;
  if (!history.replaying(frame.threadId)) return undefined;
  let started = false;
  let submitted = false;
  let activityStarted = false;
  for (let next = history.peek(frame.threadId); next; next = history.peek(frame.threadId)) {
    if (next.type === ev.started) {
      frame.emit(ev.started);
      started = true;
    } else if (next.type === 'TaskSubmitted') {
      frame.emit('TaskSubmitted');
      submitted = true;
    } else if (next.type === 'ActivityStarted') {
      frame.emit('ActivityStarted');
      activityStarted = true;
    } else if ([ev.succeeded, ev.failed, ev.timedOut, ev.startFailed].includes(next.type)) {
      return { outcome: next, started, submitted, activityStarted };
    } else break;
  }
  return { started, submitted, activityStarted };
}

/** Replays a recorded end of an attempt: its result, or its error. */
function finishRecorded(frame: Frame, event: HistoryEvent, ev: Events): unknown {
  frame.emit(event.type);
  const details = Object.entries(event).find(([k]) => k.endsWith('EventDetails'))?.[1] as { output?: string; error?: string; cause?: string } | undefined;
  if (event.type === ev.succeeded) {
    if (details?.output === undefined) {
      throw new StatesError(StatesErrors.Runtime, 'The snapshot has no task output to replay (it was taken with includeExecutionData: false).');
    }
    return JSON.parse(details.output) as unknown;
  }
  const err = event.type === ev.timedOut ? TimedOut : StatesError;
  throw new err(details?.error ?? '', details?.cause ?? '');
}

interface Work {
  start(run: { signal: () => AbortSignal; ended: () => boolean; heartbeat: () => void; release: () => void; attempt: number }): Promise<unknown>;
  normalise(value: unknown): unknown;
  /** Called once the attempt is over, however it ended. */
  done?(how: 'timedOut' | 'completed'): void;
}

type Events = ReturnType<typeof events>;

/**
 * A service integration or handler: request-response, or `.waitForTaskToken` where the
 * handler's answer is only the submission and the result arrives through the task token.
 */
function serviceWork(
  frame: Frame,
  stateName: string,
  resource: string,
  info: ResourceInfo,
  params: unknown,
  attempt: number,
  ev: Events,
  common: Record<string, unknown>,
  replay: Replayed | undefined,
): Work {
  const env = frame.env;
  const token = frame.taskToken;
  const retireToken = (how: 'timedOut' | 'completed') => {
    if (token === undefined) return;
    env.runtime.tokens.retire(token, how);
    env.activity.tokens.delete(token);
  };
  // Resumed after the service call of a callback task: only the token is awaited.
  if (replay?.submitted && info.callback && token !== undefined) {
    return { start: ({ signal, heartbeat }) => env.runtime.tokens.wait(token, heartbeat, signal()), normalise: (v) => v, done: retireToken };
  }
  let handler: ResolvedTask | undefined;
  for (const r of env.resolvers) {
    handler = r.resolve({ resource, stateName, parameters: params });
    if (handler) break;
  }
  if (!handler) {
    const cause =
      `No handler is registered for the resource '${resource}' of the Task state '${stateName}'. ` +
      (info.family === 'Lambda' || info.resourceType === 'lambda'
        ? "Register the function's code with the `lambdas` option, keyed by function name or ARN."
        : "Register one with the `handlers` option, keyed by the exact resource or a glob such as 'arn:aws:states:::dynamodb:*', or add a resolver.");
    frame.emit(ev.startFailed, { ...common, error: StatesErrors.Runtime, cause });
    retireToken('completed');
    throw new StatesError(StatesErrors.Runtime, cause);
  }
  if (!replay?.started) frame.emit(ev.started, info.family === 'Task' ? common : undefined);
  const h = handler;
  /** TaskSubmitted: the job or message was handed over; its response is the event's output. */
  const emitSubmitted = (json: string) =>
    frame.emit('TaskSubmitted', env.includeData ? { ...common, output: json, outputDetails: payloadDetails(json) } : common);
  return {
    async start({ signal, ended, heartbeat, release }) {
      const ctx: TaskContext = {
        stateName,
        resource,
        attempt,
        context: frame.contextObject(),
        get signal() {
          return signal();
        },
        clock: releasingClock(env.clock, release),
        invocationId: `${frame.threadId}${frame.steps}:${stateName}#${attempt}`,
        // Not journaled: a replayed attempt calls no handler, so it must not consume a draw.
        requestId: env.uuid(),
        heartbeat,
        runtime: env.runtime,
        submitted: (output) => {
          // A late report from an abandoned call never reaches history.
          if (ended()) return;
          const data = toJsonData(output);
          emitSubmitted(data.ok ? data.json : 'null');
        },
        ...(token !== undefined ? { taskToken: token } : {}),
      };
      executionSources.set(ctx, { random: env.random, uuid: env.uuid });
      // A running handler cannot be captured in a snapshot.
      env.activity.inFlight++;
      let value: unknown;
      try {
        value = await h.invoke(handlerInput(params, stateName), ctx);
      } finally {
        env.activity.inFlight--;
      }
      if (!info.callback || token === undefined || ended()) return value;
      // The service call only submitted the work; the result comes with SendTaskSuccess.
      emitSubmitted(toJson(value === undefined ? null : normaliseResult(value, h, resource, stateName)));
      return env.runtime.tokens.wait(token, heartbeat, signal());
    },
    normalise: (v) => (info.callback ? v : normaliseResult(v, h, resource, stateName)),
    done: retireToken,
  };
}

/** An activity: queued for a worker, which answers through the task token. */
function activityWork(frame: Frame, resource: string, params: unknown, heartbeatS: number | undefined, alreadyTaken: boolean): Work {
  const env = frame.env;
  const token = TaskTokens.create(frame.uuid);
  env.runtime.tokens.issue(token);
  env.activity.tokens.add(token);
  return {
    start({ signal, heartbeat }) {
      // Resumed after a worker took the task: that worker answers with the same token.
      if (!alreadyTaken) {
        const withdraw = env.runtime.activities.enqueue(resource, { taskToken: token, input: structuredCloneSafe(params) }, (workerName) => {
          frame.emit('ActivityStarted', workerName ? { workerName } : {});
          // The heartbeat clock starts when a worker takes the task.
          if (heartbeatS !== undefined) heartbeat();
        });
        onAbort(signal(), withdraw);
      }
      return env.runtime.tokens.wait(token, heartbeat, signal());
    },
    normalise: (v) => v,
    done: (how) => {
      env.runtime.tokens.retire(token, how);
      env.activity.tokens.delete(token);
    },
  };
}

class TimedOut extends StatesError {}

/** The reason a task's own controller aborts when the attempt is over: shared, so no error (and stack) is built per task. */
const DONE = Object.freeze({ done: true });

/** The event names of a resource's family: Task*, LambdaFunction* or Activity*. */
function events(info: ResourceInfo): Record<'scheduled' | 'startFailed' | 'started' | 'succeeded' | 'failed' | 'timedOut', HistoryEventType> {
  const f = info.family === 'Lambda' ? 'LambdaFunction' : info.family;
  return {
    scheduled: `${f}Scheduled` as HistoryEventType,
    startFailed: `${f}StartFailed` as HistoryEventType,
    started: `${f}Started` as HistoryEventType,
    succeeded: `${f}Succeeded` as HistoryEventType,
    failed: `${f}Failed` as HistoryEventType,
    timedOut: `${f}TimedOut` as HistoryEventType,
  };
}

/** A handler's thrown value as a task error: an Error's name and message, or a StatesError as is. */
function asTaskError(e: unknown): StatesError {
  if (e instanceof StatesError) return e;
  if (e instanceof Error) return new StatesError(e.name || 'Error', e.message);
  if (e && typeof e === 'object') {
    const o = e as { error?: unknown; cause?: unknown };
    if (typeof o.error === 'string') return new StatesError(o.error, typeof o.cause === 'string' ? o.cause : '');
  }
  return new StatesError('Error', typeof e === 'string' ? e : (JSON.stringify(e) ?? String(e)));
}

function normaliseResult(value: unknown, handler: ResolvedTask, resource: string, stateName: string): unknown {
  if (value === undefined && handler.undefinedResult === 'lambda') return null;
  const data = toJsonData(value);
  if (!data.ok) {
    throw new StatesError(
      StatesErrors.Runtime,
      `The handler for resource '${resource}' in Task state '${stateName}' returned a value that is not JSON: ${data.problem}. Return a JSON value (null for nothing).`,
    );
  }
  return data.value;
}

/** The handler's copy of a Task's input; input too deep to copy fails the state in plain words. */
function handlerInput(params: unknown, stateName: string): unknown {
  try {
    return structuredCloneSafe(params);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new StatesError(StatesErrors.Runtime, `The input of Task state '${stateName}' is nested too deeply to pass to its handler.`);
  }
}

/** Handlers get their own copy of the input, so they cannot change the execution's data. */
function structuredCloneSafe(v: unknown): unknown {
  return v === null || typeof v !== 'object' ? v : structuredClone(v);
}

/** The clock a handler sees: sleeping on it lets virtual time move while the handler waits. */
function releasingClock(clock: Clock, release: () => void): Clock {
  let released = false;
  return {
    now: () => clock.now(),
    hold: () => clock.hold(),
    async sleep(ms, signal) {
      if (!released) {
        released = true;
        release();
      }
      await clock.sleep(ms, signal);
    },
  };
}
