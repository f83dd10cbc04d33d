import { StatesError, StatesErrors } from '../../errors.js';
import { onAbort } from '../abort.js';
import type { Clock } from '../clock.js';
import type { Frame } from '../frame.js';
import { payloadDetails } from '../history.js';
import { toJson, toJsonData } from '../payload.js';
import { executionSources } from '../../tasks/sources.js';
import { leaseToken, type TokenLease } from '../../tasks/lease.js';
import { resolveTask } from '../../tasks/resolve.js';
import { TaskTokens } from '../../tasks/tokens.js';
import type { ResolvedTask, TaskContext } from '../../tasks/types.js';
import type { ResourceInfo } from './resource.js';
import type { Replayed } from './task-replay.js';
import type { TaskEvents } from './task-events.js';

/*
 * The work of one task attempt: a handler or service integration (request-response, .sync or
 * .waitForTaskToken), or an activity queued for a worker. The attempt protocol in task.ts
 * starts it, times it and ends it.
 */

export interface Work {
  start(run: { signal: () => AbortSignal; ended: () => boolean; heartbeat: () => void; release: () => void; attempt: number }): Promise<unknown>;
  normalise(value: unknown): unknown;
  /** Called once the attempt is over, however it ended. */
  done?(how: 'timedOut' | 'completed'): void;
}

/**
 * A service integration or handler: request-response, or `.waitForTaskToken` where the
 * handler's answer is only the submission and the result arrives through the task token.
 */
export function serviceWork(
  frame: Frame,
  stateName: string,
  resource: string,
  info: ResourceInfo,
  params: unknown,
  attempt: number,
  ev: TaskEvents,
  common: Record<string, unknown>,
  replay: Replayed | undefined,
  lease: TokenLease | undefined,
): Work {
  const env = frame.env;
  const token = lease?.token;
  const retireToken = (how: 'timedOut' | 'completed') => lease?.retire(how);
  // Resumed after the service call of a callback task: only the token is awaited.
  if (replay?.submitted && info.callback && token !== undefined) {
    return { start: ({ signal, heartbeat }) => env.runtime.tokens.wait(token, heartbeat, signal()), normalise: (v) => v, done: retireToken };
  }
  const handler = resolveTask(env.resolvers, { resource, stateName, parameters: params });
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
export function activityWork(frame: Frame, resource: string, params: unknown, heartbeatS: number | undefined, alreadyTaken: boolean): Work {
  const env = frame.env;
  const lease = leaseToken(env.runtime.tokens, env.activity.tokens, TaskTokens.create(frame.uuid));
  const token = lease.token;
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
