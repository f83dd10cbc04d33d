import type { Catcher, Retrier } from '../definition/types.js';
import { StatesError, StatesErrors } from '../errors.js';
import type { Frame } from './frame.js';
import { isPromise, type MaybePromise } from './maybe.js';

/**
 * Retry/Catch matching. `States.ALL` matches every error but States.Runtime (AWS: a runtime
 * error always fails the execution) and States.DataLimitExceeded only when named... see
 * isMatch. `States.TaskFailed` matches every error except States.Timeout
 * (concepts-error-handling: "acts as a wildcard that matches any known error name except for
 * States.Timeout").
 */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  if (!isCatchable(error)) return false;
  for (const name of errorEquals) {
    if (name === error) return true;
    if (name === StatesErrors.ALL) return true;
    if (name === StatesErrors.TaskFailed && !isStatesTimeout(error) && !error.startsWith('States.')) return true;
    if (name === StatesErrors.Timeout && error === StatesErrors.HeartbeatTimeout) return true;
  }
  return false;
}

/** States.Runtime is terminal: recorded AWS behaviour shows even an explicit catcher does not catch it. */
export function isCatchable(error: string): boolean {
  return error !== StatesErrors.Runtime;
}

function isStatesTimeout(error: string): boolean {
  return error === StatesErrors.Timeout || error === StatesErrors.HeartbeatTimeout;
}

/** Index of the first retrier that matches, or -1. */
export function findRetrier(retriers: readonly Retrier[] | undefined, error: string): number {
  if (!retriers) return -1;
  for (let i = 0; i < retriers.length; i++) if (errorMatches(retriers[i]!.ErrorEquals, error)) return i;
  return -1;
}

export function findCatcher(catchers: readonly Catcher[] | undefined, error: string): Catcher | undefined {
  return catchers?.find((c) => errorMatches(c.ErrorEquals, error));
}

/**
 * Delay before retry number `attempt` (1-based) in milliseconds: IntervalSeconds ×
 * BackoffRate^(attempt-1), capped by MaxDelaySeconds, then FULL jitter draws uniformly below it.
 */
export function retryDelayMs(r: Retrier, attempt: number, random: () => number): number {
  const interval = r.IntervalSeconds ?? 1;
  const rate = r.BackoffRate ?? 2;
  let seconds = interval * Math.pow(rate, attempt - 1);
  if (r.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, r.MaxDelaySeconds);
  if (r.JitterStrategy === 'FULL') seconds = random() * seconds;
  return Math.round(seconds * 1000);
}

/** The `{ Error, Cause }` object a caught error becomes. */
export function errorOutput(e: StatesError): { Error: string; Cause: string } {
  return { Error: e.error, Cause: e.cause };
}

/**
 * Applies Retry to a failed attempt: counts it against the first matching retrier and returns
 * the delay (ms) before the next attempt, or undefined when the error is not retried (no
 * retrier matches, or it has used its MaxAttempts). `counts` holds one counter per retrier.
 */
export function nextRetryDelay(retriers: readonly Retrier[] | undefined, counts: number[], error: string, random: () => number): number | undefined {
  const i = findRetrier(retriers, error);
  if (i < 0) return undefined;
  const r = retriers![i]!;
  if ((counts[i] ?? 0) >= (r.MaxAttempts ?? 3)) return undefined;
  counts[i] = (counts[i] ?? 0) + 1;
  return retryDelayMs(r, counts[i]!, random);
}

/**
 * The one retry loop of Task, Parallel and Map: runs attempt 0, 1, … until one succeeds, the
 * error is not retried (then `giveUp` decides what is thrown), or the thread is cancelled. A
 * cancelled thread starts no attempt and retries nothing. `$$.State.RetryCount` follows the
 * attempt number; backoff waits on the thread's clock. An attempt that succeeds or fails for good
 * synchronously settles the loop synchronously; a retry always waits on the clock (even 0 ms,
 * as the attempt before it did on AWS's scheduler), so it continues asynchronously.
 */
export function retrying<T>(
  frame: Frame,
  retriers: readonly Retrier[] | undefined,
  attempt: (n: number) => MaybePromise<T>,
  giveUp: (error: StatesError) => never = rethrow,
  n = 0,
  counts?: number[],
): MaybePromise<T> {
  // The flag, not `frame.signal`: reading the signal would make the thread's AbortSignal.
  if (frame.abort.aborted) throw frame.signal.reason;
  let r: MaybePromise<T>;
  try {
    r = attempt(n);
  } catch (e) {
    return retryAfter(e, frame, retriers, attempt, giveUp, n, counts);
  }
  if (!isPromise(r)) return r;
  return r.then(undefined, (e: unknown) => retryAfter(e, frame, retriers, attempt, giveUp, n, counts));
}

/** After attempt `n` failed with `e`: the backoff, then attempt n + 1, or the failure. */
function retryAfter<T>(
  e: unknown,
  frame: Frame,
  retriers: readonly Retrier[] | undefined,
  attempt: (n: number) => MaybePromise<T>,
  giveUp: (error: StatesError) => never,
  n: number,
  counts: number[] = [],
): Promise<T> {
  if (frame.abort.aborted) throw frame.signal.reason ?? e;
  if (!(e instanceof StatesError)) throw e;
  const delay = nextRetryDelay(retriers, counts, e.error, frame.random);
  if (delay === undefined) giveUp(e);
  frame.visit.retryCount = n + 1;
  return frame.sleepUntil(frame.now() + delay!).then(() => retrying(frame, retriers, attempt, giveUp, n + 1, counts));
}

function rethrow(e: StatesError): never {
  throw e;
}
