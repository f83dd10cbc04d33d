import { macrotask } from '../web/macrotask.js';
import { AslUsageError } from '../errors.js';
import { onAbort } from './abort.js';

/**
 * Time is injected: every wait, retry delay, timeout and heartbeat goes through a Clock, so tests
 * can run a one-year Wait instantly with the {@link VirtualClock}.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock's time; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Marks outside work in progress (a running task handler, a pending callback). A virtual clock
   * does not skip time while any hold is open. Returns the release function.
   */
  hold(): () => void;
  /**
   * True for clocks whose runs must be reproducible event for event (the VirtualClock): run
   * loops then give the event loop its turns at a fixed count of states instead of a time
   * budget, so concurrent branches interleave the same way on every run.
   */
  readonly reproducible?: boolean;
}

/**
 * The wall clock. History events written in one burst share a reading (see history-time.ts):
 * only this clock's readings are cached, as only its time moves on its own.
 */
export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      // setTimeout caps at 2^31-1 ms; chain waits so a one-year Wait still works.
      const MAX = 2_147_483_647;
      let timer: NodeJS.Timeout;
      const end = Date.now() + ms;
      const arm = () => {
        const left = end - Date.now();
        if (left <= 0) {
          off();
          return resolve();
        }
        timer = setTimeout(arm, Math.min(left, MAX));
      };
      const off = signal ? onAbort(signal, (reason) => {
        clearTimeout(timer);
        reject(reason);
      }) : noop;
      arm();
    });
  }
  hold(): () => void {
    return noop;
  }
}

const noop = () => {};


interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly fire: () => void;
  cancelled: boolean;
}

/**
 * A clock for tests. Time stands still while anything holds it (a task handler is running);
 * once every execution on it waits only for timers, it jumps to the next due timer at once.
 * `advance(ms)` moves time by hand.
 */
export class VirtualClock implements Clock {
  readonly reproducible = true;
  private current: number;
  private readonly timers: Timer[] = [];
  private holds = 0;
  private seq = 0;
  private scheduled = false;
  private autoAdvance: boolean;

  /**
   * @param startTime when virtual time begins (default: the real time now)
   * @param options.autoAdvance skip ahead automatically when only timers are pending (default true)
   */
  constructor(startTime: Date | number | string = Date.now(), options: { autoAdvance?: boolean } = {}) {
    this.current = typeof startTime === 'number' ? startTime : new Date(startTime).getTime();
    if (!Number.isFinite(this.current)) throw new AslUsageError(`VirtualClock: invalid start time ${String(startTime)}`);
    this.autoAdvance = options.autoAdvance ?? true;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer: Timer = {
        at: this.current + Math.max(0, ms),
        seq: this.seq++,
        cancelled: false,
        fire: () => {
          off();
          resolve();
        },
      };
      this.insert(timer);
      const off = signal
        ? onAbort(signal, (reason) => {
            timer.cancelled = true;
            reject(reason);
          })
        : noop;
      this.schedule();
    });
  }

  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      this.schedule();
    };
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way, in order.
   * @throws AslUsageError (as a rejection) when `ms` is negative or not a finite number: time never runs backwards.
   */
  async advance(ms: number): Promise<void> {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      throw new AslUsageError(`VirtualClock.advance: ms must be a non-negative finite number, got ${String(ms)}`);
    }
    const target = this.current + ms;
    for (;;) {
      this.prune();
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.current = Math.max(this.current, next.at);
      next.fire();
      await flush();
    }
    this.current = target;
  }

  /** Number of timers waiting (for tests and diagnostics). */
  get pendingTimers(): number {
    this.prune();
    return this.timers.length;
  }

  private insert(timer: Timer): void {
    const t = this.timers;
    let lo = 0;
    let hi = t.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = t[mid]!;
      if (m.at < timer.at || (m.at === timer.at && m.seq < timer.seq)) lo = mid + 1;
      else hi = mid;
    }
    t.splice(lo, 0, timer);
  }

  private prune(): void {
    while (this.timers.length && this.timers[0]!.cancelled) this.timers.shift();
  }

  // Skips ahead only after the microtask queue and pending I/O callbacks have run, so every
  // execution had its chance to make progress (or take a hold) at the current time.
  private schedule(): void {
    if (!this.autoAdvance || this.scheduled) return;
    this.scheduled = true;
    macrotask(() => {
      this.scheduled = false;
      if (this.holds > 0) return;
      this.prune();
      const next = this.timers.shift();
      if (!next) return;
      this.current = Math.max(this.current, next.at);
      next.fire();
      this.schedule();
    });
  }
}

function flush(): Promise<void> {
  return new Promise((resolve) => macrotask(resolve));
}
