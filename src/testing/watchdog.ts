// node:timers, not the globals: vi.useFakeTimers() replaces the globals, and the watchdog must
// still run on real time then.
import { clearTimeout, setTimeout } from 'node:timers';
import { AslUsageError } from '../errors.js';
import type { Execution, ExecutionResult } from '../runtime/execution.js';
import { PendingTasks, type PendingTask } from './pending-tasks.js';

/** Default of the `watchdogMs` option of `testRun` and `testState`. */
export const DEFAULT_WATCHDOG_MS = 5000;

/**
 * `testRun` or `testState` gave up: the execution made no progress (wrote no history event) for
 * `watchdogMs` of real time, typically because a handler or mock never settles. The execution
 * was stopped. Under a VirtualClock, time stands still while a handler runs, so no timeout of
 * the definition can end such a run by itself.
 */
export class TestWatchdogError extends Error {
  override readonly name = 'TestWatchdogError';
  constructor(
    message: string,
    /** The Task state whose work has not settled (the most recently entered), if any. */
    readonly stateName: string | undefined,
    /** Every Task state whose work (handler, callback, activity) is pending, the most recently entered first. */
    readonly pending: readonly PendingTask[],
    /** The real-time limit that was exceeded, in milliseconds. */
    readonly watchdogMs: number,
  ) {
    super(message);
  }
}

/** Checks the `watchdogMs` option: a positive number of milliseconds; Infinity turns it off. */
export function watchdogMs(value: unknown, caller: string): number {
  if (value === undefined) return DEFAULT_WATCHDOG_MS;
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
    throw new AslUsageError(`${caller}: watchdogMs must be a positive number of milliseconds (Infinity turns the watchdog off), got ${String(value)}`);
  }
  return value;
}

/** How the run is set up, for the advice in the error message. */
export interface WatchdogContext {
  readonly caller: 'testRun' | 'testState';
  /** The run's clock is a VirtualClock. */
  readonly virtualClock: boolean;
  /** Called once before the error is thrown (e.g. to write a report); its failure is ignored. */
  readonly onExpire?: (error: TestWatchdogError) => Promise<void> | void;
}

// Idle time is counted in quarters of the limit, so the watchdog fires between 1 and 1.25 times
// `ms` after the last event, without reading a clock on every event.
const TICKS = 4;
const MAX_TIMER_MS = 2 ** 30;

/**
 * `execution.result`, or a {@link TestWatchdogError} once the execution has written no event for
 * `ms` of real time (on a real clock, only while a Task's work is pending: a long Wait is no
 * hang there). On expiry the execution is stopped, and the error does not wait for it to
 * settle (a handler that ignores its signal would hold it).
 */
export function watchExecution(execution: Execution, ms: number, ctx: WatchdogContext): Promise<ExecutionResult> {
  if (ms === Infinity) return execution.result;
  const pending = new PendingTasks();
  let events = 0;
  const off = execution.on('event', (e) => {
    events++;
    pending.see(e);
  });
  return new Promise<ExecutionResult>((resolve, reject) => {
    const tick = Math.min(ms / TICKS, MAX_TIMER_MS);
    let seen = events;
    let idle = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const check = () => {
      if (settled) return;
      if (events !== seen) {
        seen = events;
        idle = 0;
      } else idle += tick;
      const list = idle < ms ? undefined : pending.list();
      // On the real clock, silence with no Task at work is a Wait or a backoff: it ends by itself.
      if (!list || (!ctx.virtualClock && !list.some(working))) {
        timer = setTimeout(check, tick);
        return;
      }
      settled = true;
      off();
      const busy = list.filter(working);
      const error = new TestWatchdogError(message(busy, ms, ctx), busy[0]?.stateName, busy, ms);
      execution.stop({ error: 'TestWatchdogError', cause: `${ctx.caller}'s watchdog stopped the execution after ${ms} ms of real time without progress.` });
      void Promise.resolve()
        .then(() => ctx.onExpire?.(error))
        .catch(() => {})
        .then(() => reject(error));
    };
    timer = setTimeout(check, tick);
    execution.result.then(
      (r) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        off();
        resolve(r);
      },
      (e: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        off();
        reject(e);
      },
    );
  });
}

function working(p: PendingTask): boolean {
  return p.phase !== 'idle';
}

/** `waiting`: the Task states at work, the most recent first. */
function message(waiting: readonly PendingTask[], ms: number, ctx: WatchdogContext): string {
  const head = `${ctx.caller}: the execution made no progress for ${ms} ms of real time, so the watchdog stopped it.`;
  const tail = ' Raise the watchdogMs option if the work is only slow.';
  if (waiting.length === 0) {
    const why = ctx.virtualClock
      ? ' No Task state is running: the execution waits for something outside it, such as a VirtualClock created with autoAdvance: false that nothing advances.'
      : ' No Task state is running.';
    return head + why + tail;
  }
  const names = (phase: PendingTask['phase']) => {
    const list = [...new Set(waiting.filter((p) => p.phase === phase).map((p) => `'${p.stateName}'`))];
    return list.length ? `${list.length === 1 ? 'Task state' : 'Task states'} ${list.join(', ')}` : undefined;
  };
  const parts: string[] = [];
  const handler = names('handler');
  if (handler) {
    parts.push(` ${handler}: the handler or mock has not settled (a promise that never resolves?).`);
    parts.push(
      ctx.virtualClock
        ? ' Virtual time stands still while a handler runs, so on a VirtualClock the Task\'s TimeoutSeconds and HeartbeatSeconds and the execution\'s TimeoutSeconds cannot end it:' +
            ' make the mock resolve or throw, or have a handler that waits on purpose sleep on `context.clock`, which lets virtual time move.'
        : ' Make the mock resolve or throw, or give the Task a TimeoutSeconds.',
    );
  }
  const callback = names('callback');
  if (callback) parts.push(` ${callback}: waits for its task token or .sync job; answer it with sendTaskSuccess or sendTaskFailure.`);
  const activity = names('activity');
  if (activity) parts.push(` ${activity}: waits for an activity worker (runtime.getActivityTask) or its answer.`);
  return head + parts.join('') + tail;
}
