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
 * A controller that aborts when `parent` does (with its reason), for a group of child threads
 * that can also be stopped on their own (a failed Parallel branch or Map item). Call `unlink`
 * when the group is done.
 */
export function linkedController(parent: AbortSignal): { controller: AbortController; unlink: () => void } {
  const controller = new AbortController();
  const unlink = onAbort(parent, (reason) => controller.abort(reason));
  return { controller, unlink };
}
