/**
 * Execution stores: save `execution.snapshot()` / `suspend()` between processes, load it for
 * `machine.resume()`, and find the execution waiting on a task token.
 */
export type { ExecutionStore, StoredExecution, WriteOptions } from './execution-store.js';
export { StoreConflictError, StoreCorruptError, StoreLockTimeoutError } from './errors.js';
export { MemoryExecutionStore } from './memory-store.js';
export { FileExecutionStore, type FileExecutionStoreOptions } from './file-store.js';
