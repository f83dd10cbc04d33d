/**
 * `asl-runtime/node`: the parts that need Node.js (the file system). The main entry,
 * `asl-runtime`, uses only web-standard APIs and runs in browsers, workers and edge runtimes.
 *
 * - {@link FileExecutionStore}: execution snapshots in a folder, safe across processes.
 * @packageDocumentation
 */
export { FileExecutionStore, type FileExecutionStoreOptions } from './store/file-store.js';
