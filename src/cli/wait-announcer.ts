/**
 * Tells when a Wait state starts waiting and until when. The engine sleeps on the execution's
 * clock right after it writes WaitStateEntered, so a clock that watches the history pairs the
 * next sleep with that Wait (a retry's backoff follows a failure event instead, never a
 * WaitStateEntered, and a Wait already due exits without sleeping).
 */
import type { Clock } from '../runtime/clock.js';
import { isStateEntered, isStateExited, type HistoryEvent } from '../runtime/history.js';

/** What {@link AnnouncingClock} reports for each Wait that sleeps. */
export type WaitListener = (state: string, until: number, ms: number) => void;

/** A {@link Clock} that delegates to `inner` and reports the sleeps of Wait states. */
export class AnnouncingClock implements Clock {
  /** Waits entered and not yet sleeping: the state and when it was entered (epoch ms). */
  private readonly waiting: { readonly state: string; readonly at: number }[] = [];

  constructor(
    private readonly inner: Clock,
    private readonly listener: WaitListener,
  ) {}

  get reproducible(): boolean | undefined {
    return this.inner.reproducible;
  }

  now(): number {
    return this.inner.now();
  }

  hold(): () => void {
    return this.inner.hold();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const wait = this.waiting.shift();
    if (wait !== undefined) {
      const until = this.inner.now() + ms;
      // The span from entering the state, not from this moment: "1 h", not "59 min 59 s".
      this.listener(wait.state, until, Math.max(ms, until - wait.at));
    }
    return this.inner.sleep(ms, signal);
  }

  /** Feed every history event here (`execution.on('event', …)`), before the engine goes on. */
  observe(event: HistoryEvent): void {
    const entered = event.type === 'WaitStateEntered' && isStateEntered(event) ? event.stateEnteredEventDetails?.name : undefined;
    if (entered !== undefined) this.waiting.push({ state: entered, at: Date.parse(event.timestamp) });
    const exited = event.type === 'WaitStateExited' && isStateExited(event) ? event.stateExitedEventDetails?.name : undefined;
    if (exited !== undefined) {
      const at = this.waiting.findIndex((w) => w.state === exited);
      if (at !== -1) this.waiting.splice(at, 1);
    }
  }
}
