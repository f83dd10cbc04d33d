/**
 * Typed errors of the execution stores: a lost optimistic-concurrency race, an unreadable
 * stored file, and a lock that could not be taken in time.
 */

/**
 * Thrown by `save` / `delete` when the version the store holds is not the one the writer
 * expected: another writer saved (or deleted) the execution since this one loaded it, or a
 * first save found the execution already stored. Nothing was changed. Load again, resume the
 * newer snapshot and retry — or drop the work, since the other writer already went on.
 */
export class StoreConflictError extends Error {
  override readonly name = 'StoreConflictError';
  constructor(
    /** The execution the write was for. */
    readonly executionArn: string,
    /** The version the writer expected (`undefined`: it expected no stored execution). */
    readonly expectedVersion: number | undefined,
    /** The version the store holds (`undefined`: none stored), as far as it could be read. */
    readonly actualVersion: number | undefined,
    message?: string,
  ) {
    super(
      message ??
        `Execution '${executionArn}': expected ${describeVersion(expectedVersion)} but the store holds ${describeVersion(actualVersion)}; ` +
          'another writer got there first — load it again before retrying',
    );
  }
}

/**
 * Thrown when a stored file cannot be used: it is not JSON, not a stored execution or token
 * index entry of this format, or holds another execution than its name says. The file is left
 * as it is for inspection; `delete(executionArn)` without `expectedVersion` removes it.
 */
export class StoreCorruptError extends Error {
  override readonly name = 'StoreCorruptError';
  constructor(
    /** The file that could not be used. */
    readonly path: string,
    /** What is wrong with it. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Corrupt store file ${path}: ${reason}`, options);
  }
}

/**
 * Thrown by the file store when another process held an execution's lock for longer than
 * `lockTimeoutMs` without the lock becoming stale. Nothing was changed; retrying is safe.
 */
export class StoreLockTimeoutError extends Error {
  override readonly name = 'StoreLockTimeoutError';
  constructor(
    /** The execution whose lock could not be taken. */
    readonly executionArn: string,
    /** The lock file. */
    readonly lockPath: string,
    /** How long the store waited, in milliseconds. */
    readonly waitedMs: number,
  ) {
    super(`Execution '${executionArn}': could not take the lock ${lockPath} within ${waitedMs} ms`);
  }
}

function describeVersion(version: number | undefined): string {
  return version === undefined ? 'no stored execution' : `version ${version}`;
}
