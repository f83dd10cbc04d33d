/**
 * The `ExecutionStore` contract: where paused executions (`execution.snapshot()`) wait between
 * processes, with optimistic concurrency and a lookup by task token.
 */
import { AslUsageError } from '../errors.js';
import { SNAPSHOT_FORMAT, type ExecutionSnapshot } from '../runtime/snapshot.js';

/** A saved snapshot and the version the store holds (for optimistic concurrency). */
export interface StoredExecution {
  /** The snapshot as saved: a private copy, safe to mutate or to pass to `machine.resume()`. */
  readonly snapshot: ExecutionSnapshot;
  /**
   * The store's version of the execution: 1 after the first save, +1 on every later save.
   * Pass it as `expectedVersion` to the next `save` or `delete`. (It counts saves; the
   * snapshot's own `version` counts history writes.)
   */
  readonly version: number;
}

/** Options of {@link ExecutionStore.save} and {@link ExecutionStore.delete}. */
export interface WriteOptions {
  /**
   * The version this writer loaded. For `save`, `undefined` means the execution must not be
   * stored yet (a first save). For `delete`, `undefined` deletes whatever is stored.
   */
  readonly expectedVersion?: number;
}

/**
 * Saves paused executions so another process can resume them: the approval-flow pattern where
 * one invocation starts an execution that waits on a `.waitForTaskToken` callback, saves
 * `execution.suspend()` and exits, and a later invocation receiving
 * `sendTaskSuccess(token, output)` finds the execution by token, resumes it, sends the token
 * and saves again (or deletes it once the execution ended).
 *
 * Every write is a compare-and-swap on the stored version: a writer passes the version it
 * loaded as `expectedVersion`, and when two processes resumed the same snapshot, one save wins
 * and the other gets a {@link StoreConflictError} with nothing changed.
 *
 * Implementations: {@link MemoryExecutionStore} (one process, tests) and
 * {@link FileExecutionStore} (a directory shared by processes on one machine or a shared
 * volume).
 *
 * **Backing it with a database.** Keep a table keyed by `executionArn` with a `version` column
 * and the snapshot as JSON. A first save is an insert that fails when the key exists; a later
 * save is a conditional update — `UPDATE executions SET snapshot = :s, version = :expected + 1
 * WHERE execution_arn = :arn AND version = :expected` (0 rows updated → conflict), or in
 * DynamoDB a `PutItem` with `ConditionExpression: 'attribute_not_exists(executionArn)'` /
 * `'version = :expected'` (a `ConditionalCheckFailedException` → conflict); delete the same
 * way. For `findByTaskToken`, keep a token table (token → executionArn) written in the same
 * transaction, or a secondary index over the snapshot's `taskTokens`; either way, check that
 * the loaded snapshot still lists the token.
 */
export interface ExecutionStore {
  /**
   * Saves a snapshot. `expectedVersion`: the version this writer loaded (undefined = must not
   * exist yet). If the stored version differs, throws {@link StoreConflictError} and changes
   * nothing. Returns the new stored version.
   */
  save(snapshot: ExecutionSnapshot, options?: WriteOptions): Promise<number>;
  /** The stored execution, or `undefined` when none is stored under `executionArn`. */
  load(executionArn: string): Promise<StoredExecution | undefined>;
  /** The execution waiting on `taskToken` (from `snapshot.taskTokens`), if any. */
  findByTaskToken(taskToken: string): Promise<StoredExecution | undefined>;
  /**
   * Removes a finished execution (and its token index entries); `expectedVersion` as for
   * `save`, except that `undefined` deletes unconditionally. Deleting an execution that is not
   * stored is a no-op without `expectedVersion` and a {@link StoreConflictError} with it.
   */
  delete(executionArn: string, options?: WriteOptions): Promise<void>;
}

// ---- Shared validation (internal: not exported from the package) ----

/** Why `value` is not a snapshot a store can hold, or `undefined` when it is. */
export function snapshotProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'snapshot must be an object (an ExecutionSnapshot from execution.snapshot())';
  }
  const s = value as Record<string, unknown>;
  if (typeof s.executionArn !== 'string' || s.executionArn === '') {
    return 'snapshot.executionArn must be a non-empty string';
  }
  if (s.format !== SNAPSHOT_FORMAT) {
    return `snapshot.format must be '${SNAPSHOT_FORMAT}', got ${JSON.stringify(s.format) ?? 'undefined'}`;
  }
  if (!Array.isArray(s.taskTokens) || !s.taskTokens.every((t) => typeof t === 'string' && t !== '')) {
    return 'snapshot.taskTokens must be an array of non-empty strings';
  }
  return undefined;
}

/** Throws a TypeError naming `method` when `snapshot` is not a valid snapshot. */
export function checkSnapshot(snapshot: unknown, method: string): asserts snapshot is ExecutionSnapshot {
  const problem = snapshotProblem(snapshot);
  if (problem !== undefined) throw new AslUsageError(`ExecutionStore.${method}: ${problem}`);
}

/** The JSON text of a snapshot; a TypeError when it cannot be serialised. */
export function serializeSnapshot(snapshot: ExecutionSnapshot, method: string): string {
  try {
    return JSON.stringify(snapshot);
  } catch (error) {
    throw new AslUsageError(`ExecutionStore.${method}: snapshot is not JSON-serialisable (${(error as Error).message})`, { cause: error });
  }
}

/** Throws a TypeError unless `value` is a non-empty string. */
export function checkString(value: unknown, name: string, method: string): asserts value is string {
  if (typeof value !== 'string' || value === '') {
    throw new AslUsageError(`ExecutionStore.${method}: ${name} must be a non-empty string, got ${describe(value)}`);
  }
}

/** The `expectedVersion` of write options, checked: undefined or a positive safe integer. */
export function expectedVersionOf(options: WriteOptions | undefined, method: string): number | undefined {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== 'object') throw new AslUsageError(`ExecutionStore.${method}: options must be an object`);
  const v = options.expectedVersion;
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
    throw new AslUsageError(`ExecutionStore.${method}: expectedVersion must be a positive integer (a version from load or save), got ${describe(v)}`);
  }
  return v;
}

/** The snapshot's task tokens without duplicates, in order. */
export function uniqueTokens(snapshot: ExecutionSnapshot): string[] {
  return [...new Set(snapshot.taskTokens)];
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return typeof value;
}
