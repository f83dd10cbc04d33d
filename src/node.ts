/**
 * `asl-runtime/node`: the parts that need Node.js (the file system). The main entry,
 * `asl-runtime`, uses only web-standard APIs and runs in browsers, workers and edge runtimes.
 *
 * - {@link FileExecutionStore}: execution snapshots in a folder, safe across processes.
 * - {@link DirectoryObjectStore}: an object store (for Distributed Map's ItemReader and
 *   ResultWriter) on a folder, a bucket per subfolder.
 * @packageDocumentation
 */
export { FileExecutionStore, type FileExecutionStoreOptions } from './store/file-store.js';
export { DirectoryObjectStore } from './objects/directory.js';
