/**
 * Code that only a Distributed Map run needs is imported on its first run, not with the library:
 * a process that runs plain machines never parses it (cold start). The clock is held while the
 * module loads, so a VirtualClock cannot skip ahead during that I/O.
 */
import type { Clock } from '../clock.js';

/** A module imported on first use; `value` is set once it has loaded. */
export interface LazyModule<T> {
  value: T | undefined;
  load(clock: Clock): Promise<T>;
}

/** Wraps an `import()` so it runs once; a failed import is retried on the next use. */
export function lazyModule<T>(importer: () => Promise<T>): LazyModule<T> {
  let pending: Promise<T> | undefined;
  const lazy: LazyModule<T> = {
    value: undefined,
    load(clock) {
      pending ??= importer().then(
        (m) => (lazy.value = m),
        (e: unknown) => {
          pending = undefined;
          throw e;
        },
      );
      return pending.finally(clock.hold());
    },
  };
  return lazy;
}
