/**
 * Abort callbacks without one EventTarget listener each: Node checks every new listener against
 * the ones already there, so thousands of Map items waiting on one shared signal would cost
 * quadratic time. Here each signal gets a single listener that calls a Set of callbacks.
 */
const fanouts = new WeakMap<AbortSignal, Set<(reason: unknown) => void>>();

/** Calls `fn` once when `signal` aborts (at once if it already has). Returns the unsubscribe function. */
export function onAbort(signal: AbortSignal, fn: (reason: unknown) => void): () => void {
  if (signal.aborted) {
    fn(signal.reason);
    return noop;
  }
  let set = fanouts.get(signal);
  if (!set) {
    const callbacks = new Set<(reason: unknown) => void>();
    set = callbacks;
    fanouts.set(signal, callbacks);
    signal.addEventListener(
      'abort',
      () => {
        fanouts.delete(signal);
        for (const cb of callbacks) cb(signal.reason);
      },
      { once: true },
    );
  }
  const callbacks = set;
  callbacks.add(fn);
  return () => callbacks.delete(fn);
}

function noop(): void {}

/**
 * The reason of an abort that needs none (an execution releasing what still listens once it has
 * ended): one shared error, shaped as the DOMException `AbortController.abort()` makes, instead
 * of a new one with a captured stack per execution. Nothing compares reasons by identity.
 */
export const ABORT_ERROR: unknown =
  typeof DOMException === 'function' ? new DOMException('This operation was aborted', 'AbortError') : Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });

/** Whether a signal has aborted, as a plain field: the run loop reads it before every state. */
export interface AbortFlag {
  readonly aborted: boolean;
}

const flags = new WeakMap<AbortSignal, { aborted: boolean }>();

/**
 * The flag of `signal`: one per signal, however many threads share it. A signal of a
 * {@link FlaggedController} has its flag set by `abort()` itself; any other gets one callback on
 * the signal's shared fan-out.
 */
export function abortFlag(signal: AbortSignal): AbortFlag {
  const known = flags.get(signal);
  if (known !== undefined) return known;
  const flag = { aborted: signal.aborted };
  flags.set(signal, flag);
  if (!flag.aborted) onAbort(signal, () => (flag.aborted = true));
  return flag;
}

/** An AbortController whose {@link abortFlag} is set by `abort()`, with no listener on its signal. */
export class FlaggedController extends AbortController {
  private readonly flag = { aborted: false };

  constructor() {
    super();
    flags.set(this.signal, this.flag);
  }

  override abort(reason?: unknown): void {
    this.flag.aborted = true;
    super.abort(reason);
  }
}

/**
 * An abort whose AbortSignal is made only when something asks for it (a task handler, a timer):
 * creating an AbortController is a large part of a short execution's cost, and most never need
 * one. Its own flag is what the run loop reads. Callbacks given to {@link LazyAbort.onAbort} and
 * to {@link onAbort} on its signal share one list, so they run in the order they subscribed, as
 * they would on one signal.
 */
export class LazyAbort implements AbortFlag {
  aborted = false;
  reason: unknown = undefined;
  private controller: AbortController | undefined;
  private callbacks: Set<(reason: unknown) => void> | undefined;

  /** The signal, made now if needed (already aborted, with the reason, if the abort came first). */
  get signal(): AbortSignal {
    let c = this.controller;
    if (c === undefined) {
      c = this.controller = new AbortController();
      if (this.aborted) c.abort(this.reason);
      // onAbort(signal) joins this list; abort() calls it, so the signal needs no listener.
      else fanouts.set(c.signal, (this.callbacks ??= new Set()));
    }
    return c.signal;
  }

  /** Calls `fn` once when this aborts (at once if it has), without making the signal. Returns the unsubscribe function. */
  onAbort(fn: (reason: unknown) => void): () => void {
    if (this.aborted) {
      fn(this.reason);
      return noop;
    }
    const callbacks = (this.callbacks ??= new Set());
    callbacks.add(fn);
    return () => callbacks.delete(fn);
  }

  /** Aborts once; later calls change nothing, as with AbortController. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const c = this.controller;
    if (c !== undefined) {
      fanouts.delete(c.signal);
      c.abort(reason);
    }
    const callbacks = this.callbacks;
    this.callbacks = undefined;
    // The signal's reason: AbortController turns an undefined reason into an AbortError.
    if (callbacks !== undefined) for (const cb of callbacks) cb(c !== undefined ? c.signal.reason : reason);
  }
}

/**
 * A group of child threads (a Parallel's branches, an inline Map's iterations) that stops when
 * `parent` does, with its reason, and can be stopped on its own (a failed branch or item). No
 * AbortController is made unless a thread of the group asks for its signal. Call `unlink` when
 * the group is done.
 */
export function linkedAbort(parent: AbortSignal | LazyAbort): { abort: LazyAbort; unlink: () => void } {
  const abort = new LazyAbort();
  const relay = (reason: unknown) => abort.abort(reason);
  const unlink = parent instanceof LazyAbort ? parent.onAbort(relay) : onAbort(parent, relay);
  return { abort, unlink };
}

/**
 * A controller that aborts when `parent` does (with its reason), for a group of child threads
 * that can also be stopped on their own (a failed Parallel branch or Map item). Call `unlink`
 * when the group is done.
 */
export function linkedController(parent: AbortSignal): { controller: AbortController; unlink: () => void } {
  const controller = new FlaggedController();
  const unlink = onAbort(parent, (reason) => controller.abort(reason));
  return { controller, unlink };
}
