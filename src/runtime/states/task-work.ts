import { StatesError, StatesErrors } from '../../errors.js';
import { onAbort } from '../abort.js';
import type { Frame } from '../frame.js';
import { copyJsonData } from '../json-copy.js';
import { toJson, toJsonData } from '../payload.js';
import { executionSources } from '../../tasks/sources.js';
import { leaseToken, type TokenLease } from '../../tasks/lease.js';
import { resolveTask } from '../../tasks/resolve.js';
import { TaskTokens } from '../../tasks/tokens.js';
import { randomUuid } from '../../web/uuid.js';
import type { ResolvedTask } from '../../tasks/types.js';
import { HandlerContext, type AttemptHooks } from './task-context.js';
import type { Replayed } from './task-replay.js';
import { emitStarted, emitSubmitted, type TaskProgram } from './task-events.js';

/*
 * The work of one task attempt: a handler or service integration (request-response, .sync or
 * .waitForTaskToken), or an activity queued for a worker. The attempt protocol in
 * task-attempt.ts starts it, times it and ends it.
 */

export interface Work {
  start(hooks: AttemptHooks, attempt: number): Promise<unknown>;
  normalise(value: unknown): unknown;
  /** Called once the attempt is over, however it ended. */
  done?(how: 'timedOut' | 'completed'): void;
}

/**
 * The handler for a Task's resource, or — when nothing is registered for it — the StartFailed
 * event and a States.Runtime failure that says how to register one.
 */
export function resolveHandler(frame: Frame, task: TaskProgram, params: unknown, lease: TokenLease | undefined): ResolvedTask {
  const { name: stateName, resource, info } = task;
  const handler = resolveTask(frame.env.resolvers, { resource, stateName, parameters: params });
  if (handler) return handler;
  const cause =
    `No handler is registered for the resource '${resource}' of the Task state '${stateName}'. ` +
    (info.family === 'Lambda' || info.resourceType === 'lambda'
      ? "Register the function's code with the `lambdas` option, keyed by function name or ARN."
      : "Register one with the `handlers` option, keyed by the exact resource or a glob such as 'arn:aws:states:::dynamodb:*', or add a resolver.");
  const details = task.events.common();
  details.error = StatesErrors.Runtime;
  details.cause = cause;
  frame.emit(task.events.names.startFailed, details);
  lease?.retire('completed');
  throw new StatesError(StatesErrors.Runtime, cause);
}

/**
 * A service integration or handler with timers, a callback or a replay to follow:
 * request-response, or `.waitForTaskToken` where the handler's answer is only the submission
 * and the result arrives through the task token.
 */
export function serviceWork(frame: Frame, task: TaskProgram, params: unknown, attempt: number, replay: Replayed | undefined, lease: TokenLease | undefined): Work {
  const env = frame.env;
  const { name: stateName, resource, info } = task;
  const token = lease?.token;
  const retireToken = (how: 'timedOut' | 'completed') => lease?.retire(how);
  // Resumed after the service call of a callback task: only the token is awaited.
  if (replay?.submitted && info.callback && token !== undefined) {
    return { start: (hooks) => env.runtime.tokens.wait(token, () => hooks.heartbeat(), hooks.end.signal), normalise: (v) => v, done: retireToken };
  }
  const h = resolveHandler(frame, task, params, lease);
  if (!replay?.started) emitStarted(frame, task.events);
  return {
    async start(hooks) {
      // Not journaled: a replayed attempt calls no handler, so it must not consume a draw. An
      // injected id source is drawn now, in attempt order; the default one only if the handler reads it.
      const ctx = new HandlerContext(frame, hooks, stateName, resource, attempt, frame.steps, env.uuid === randomUuid ? undefined : env.uuid(), token);
      executionSources.set(ctx, { random: env.random, uuid: env.uuid });
      // A running handler cannot be captured in a snapshot.
      env.activity.inFlight++;
      let value: unknown;
      try {
        value = await h.invoke(handlerInput(params, stateName), ctx);
      } finally {
        env.activity.inFlight--;
      }
      if (!info.callback || token === undefined || hooks.end.ended) return value;
      // The service call only submitted the work; the result comes with SendTaskSuccess.
      emitSubmitted(frame, task.events, toJson(value === undefined ? null : normaliseResult(value, h, resource, stateName)));
      return env.runtime.tokens.wait(token, () => hooks.heartbeat(), hooks.end.signal);
    },
    normalise: (v) => (info.callback ? v : normaliseResult(v, h, resource, stateName)),
    done: retireToken,
  };
}

/** An activity: queued for a worker, which answers through the task token. */
export function activityWork(frame: Frame, resource: string, params: unknown, heartbeatS: number | undefined, alreadyTaken: boolean): Work {
  const env = frame.env;
  const lease = leaseToken(env.runtime.tokens, env.activity.tokens, TaskTokens.create(frame.uuid));
  const token = lease.token;
  return {
    start(hooks) {
      const heartbeat = () => hooks.heartbeat();
      const signal = () => hooks.end.signal;
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
      lease.retire(how);
    },
  };
}

/** A handler's thrown value as a task error: an Error's name and message, or a StatesError as is. */
export function asTaskError(e: unknown): StatesError {
  if (e instanceof StatesError) return e;
  if (e instanceof Error) return new StatesError(e.name || 'Error', e.message);
  if (e && typeof e === 'object') {
    const o = e as { error?: unknown; cause?: unknown };
    if (typeof o.error === 'string') return new StatesError(o.error, typeof o.cause === 'string' ? o.cause : '');
  }
  return new StatesError('Error', typeof e === 'string' ? e : (JSON.stringify(e) ?? String(e)));
}

export function normaliseResult(value: unknown, handler: ResolvedTask, resource: string, stateName: string): unknown {
  if (value === undefined && handler.undefinedResult === 'lambda') return null;
  // A JSON primitive is its own copy (-0 is written as 0).
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value === 0 ? 0 : value;
  // Plain data is copied in one walk; anything else goes through its JSON text, which also names the problem.
  const plain = copyJsonData(value);
  if (plain !== undefined) return plain.value;
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
export function handlerInput(params: unknown, stateName: string): unknown {
  try {
    return structuredCloneSafe(params);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new StatesError(StatesErrors.Runtime, `The input of Task state '${stateName}' is nested too deeply to pass to its handler.`);
  }
}

/** Handlers get their own copy of the input, so they cannot change the execution's data. */
function structuredCloneSafe(v: unknown): unknown {
  return v === null || typeof v !== 'object' ? v : copyJson(v);
}

/**
 * A deep copy of engine data, which is plain JSON (objects, arrays, primitives): cheaper than
 * structuredClone. A `__proto__` key stays an own property, as JSON.parse makes it.
 */
function copyJson(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copyJson(v[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v)) {
    const item = copyJson((v as Record<string, unknown>)[key]);
    if (key === '__proto__') Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    else out[key] = item;
  }
  return out;
}
