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
 * An abort whose AbortSignal is made only when something asks for it (a task handler, a timer,
 * the controller of a Parallel or Map): creating an AbortController is a large part of a short
 * execution's cost, and most never need one. Its own flag is what the run loop reads.
 */
export class LazyAbort implements AbortFlag {
  aborted = false;
  reason: unknown = undefined;
  private controller: AbortController | undefined;

  /** The signal, made now if needed (already aborted, with the reason, if the abort came first). */
  get signal(): AbortSignal {
    let c = this.controller;
    if (c === undefined) {
      c = this.controller = new AbortController();
      if (this.aborted) c.abort(this.reason);
    }
    return c.signal;
  }

  /** Aborts once; later calls change nothing, as with AbortController. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.controller?.abort(reason);
  }
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
