import { onAbort } from '../abort.js';
import type { Clock } from '../clock.js';
import type { ContextObject } from '../context.js';
import type { Frame } from '../frame.js';
import type { Runtime } from '../../tasks/hub.js';
import type { TaskContext } from '../../tasks/types.js';
import { randomUuid } from '../../web/uuid.js';

/** How an attempt ended (first reason wins), with an AbortSignal made on demand. */
export class AttemptEnd {
  ended = false;
  reason: unknown;
  onEnd: ((reason: unknown) => void) | undefined;
  private controller: AbortController | undefined;
  private unlink: (() => void) | undefined;

  /** Ends the attempt when `signal` aborts (at once if it has); undone by {@link close}. */
  listen(signal: AbortSignal): void {
    this.unlink ??= onAbort(signal, (reason) => this.end(reason));
  }

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

  /** The attempt is over: stops listening and ends with `reason` unless it ended already. */
  close(reason: unknown): void {
    this.unlink?.();
    this.end(reason);
  }
}

/** The reason an attempt's own signal aborts when the attempt is over: shared, so no error (and stack) is built per task. */
export const DONE = Object.freeze({ done: true });

/** What a handler context needs from its attempt. */
export interface AttemptHooks {
  readonly end: AttemptEnd;
  /** Restarts the HeartbeatSeconds timer. */
  heartbeat(): void;
  /** Lets a VirtualClock move on while the handler sleeps on `ctx.clock`. */
  release(): void;
  /** TaskSubmitted for `.sync` jobs (ignored once the attempt is over). */
  submitted(output: unknown): void;
}

/**
 * The TaskContext a handler gets. Cheap to make: the context object, the signal, the clock and
 * (with the default id source) the request id are built only if the handler reads them.
 * `context` is `$$` as it was when the attempt started. (Getters live on the prototype:
 * `{ ...ctx }` copies only the plain fields.)
 */
export class HandlerContext implements TaskContext {
  private ctx: ContextObject | undefined;
  private clockView: Clock | undefined;
  declare readonly taskToken?: string;

  constructor(
    private readonly frame: Frame,
    private readonly hooks: AttemptHooks,
    readonly stateName: string,
    readonly resource: string,
    readonly attempt: number,
    /** The thread's visit number when the attempt started (part of invocationId). */
    private readonly steps: number,
    /**
     * Drawn by the caller from an injected id source (so the draws keep their order); undefined
     * with the default random source, which is then drawn only if the handler reads it.
     */
    private rid: string | undefined,
    taskToken: string | undefined,
  ) {
    // Captured now: the handler may read `$$` after the thread has moved on.
    if (frame.env.inspect !== undefined || taskToken !== undefined) this.ctx = frame.contextObject();
    if (taskToken !== undefined) (this as { taskToken?: string }).taskToken = taskToken;
  }

  get context(): ContextObject {
    return (this.ctx ??= this.frame.contextObject());
  }

  get requestId(): string {
    return (this.rid ??= randomUuid());
  }

  get signal(): AbortSignal {
    return this.hooks.end.signal;
  }

  get clock(): Clock {
    return (this.clockView ??= releasingClock(this.frame.env.clock, this.hooks));
  }

  get invocationId(): string {
    return `${this.frame.threadId}${this.steps}:${this.stateName}#${this.attempt}`;
  }

  get runtime(): Runtime {
    return this.frame.env.runtime;
  }

  heartbeat(): void {
    this.hooks.heartbeat();
  }

  submitted(output: unknown): void {
    this.hooks.submitted(output);
  }
}

/** The clock a handler sees: sleeping on it lets virtual time move while the handler waits. */
function releasingClock(clock: Clock, hooks: AttemptHooks): Clock {
  let released = false;
  return {
    now: () => clock.now(),
    hold: () => clock.hold(),
    async sleep(ms, signal) {
      if (!released) {
        released = true;
        hooks.release();
      }
      await clock.sleep(ms, signal);
    },
  };
}
