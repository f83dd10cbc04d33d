/**
 * Runs `fn` on a later macrotask turn, after pending I/O callbacks: `setImmediate` in Node,
 * `setTimeout(fn, 0)` where it does not exist (browsers, workers, edge runtimes).
 */
export const macrotask: (fn: () => void) => void = typeof setImmediate === 'function' ? (fn) => setImmediate(fn) : (fn) => setTimeout(fn, 0);
