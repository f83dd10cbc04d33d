/**
 * A {@link ExecutionStore} in a directory: one JSON file per execution, a token index, atomic
 * writes and a per-execution lock file, safe for several processes sharing the directory.
 */
import { AslUsageError } from '../errors.js';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ExecutionSnapshot } from '../runtime/snapshot.js';
import { atomicWrite, sweepTemporaryFiles } from './atomic-write.js';
import { StoreConflictError, StoreCorruptError, StoreLockTimeoutError } from './errors.js';
import {
  checkSnapshot,
  checkString,
  expectedVersionOf,
  serializeSnapshot,
  snapshotProblem,
  uniqueTokens,
  type ExecutionStore,
  type StoredExecution,
  type WriteOptions,
} from './execution-store.js';
import { sweepBrokenLocks, withFileLock, withFileLockIfFree, type HeldLock } from './file-lock.js';
import { exists, isObject, readText, syncDirectory, unlinkIfPresent } from './fs-helpers.js';

/** Format tag of an execution file (`executions/<hash>.json`). */
const RECORD_FORMAT = 'asl-runtime/stored-execution@1';
/** Format tag of a token index entry (`tokens/<hash>.json`). */
const TOKEN_FORMAT = 'asl-runtime/task-token@1';

/** Options of {@link FileExecutionStore}. */
export interface FileExecutionStoreOptions {
  /**
   * A lock file older than this many milliseconds is taken to be left by a crashed process and
   * may be broken. (A lock whose owner process is known to be gone — same host, PID no longer
   * running — is broken at once.) Temporary files older than this are removed as debris. Must exceed, by a wide margin, the longest time a save can hold the lock
   * (milliseconds normally): a writer checks it still holds its lock right before its commit
   * rename, but a process stalled longer than this exactly between that check and the rename
   * could still overwrite a newer save. Default 30 000.
   */
  readonly staleLockMs?: number;
  /**
   * How long a write waits for a lock another process holds before throwing
   * {@link StoreLockTimeoutError}. Default: `2 × staleLockMs`, so a stale lock is always broken
   * before the wait ends.
   */
  readonly lockTimeoutMs?: number;
}

/**
 * An {@link ExecutionStore} in a directory, for processes on one machine or on a shared volume
 * (a cron job, a queue worker and a web handler taking turns with the same execution).
 *
 * Layout, created on first use:
 * ```
 * <directory>/executions/<sha256(executionArn)>.json   { format, version, snapshot }
 * <directory>/tokens/<sha256(taskToken)>.json          { format, taskToken, executionArn }
 * <directory>/locks/<sha256(executionArn)>.lock        while a save or delete runs
 * ```
 * File names are SHA-256 hex digests: ARNs and tokens contain `:` and `/`, may be too long for
 * a file name, and lowercase hex is also safe on case-insensitive file systems.
 *
 * - **Atomic writes**: each file is written to a temporary file in the same directory, fsynced,
 *   then renamed over the target (and the directory fsynced), so a reader sees the old or the
 *   new file, never a partial one, and a crash leaves no half-written file. Temporary files
 *   of a killed writer are removed on first use: at once when their writer's PID (in the
 *   name) is gone from this host, otherwise once older than `staleLockMs`.
 * - **Compare-and-swap**: `save` and `delete` take the execution's lock (a file created with
 *   `O_EXCL`, the `wx` flag), read the stored version, compare it with `expectedVersion`, write,
 *   and release. Of two processes racing to save the same version, one wins and the other gets
 *   a {@link StoreConflictError}; the winner's data is intact.
 * - **Abandoned locks**: a lock whose owner process (PID and host, recorded in the lock) has
 *   exited on this host is taken over at once; any other lock older than `staleLockMs` (a
 *   crash on another host) too. It is broken by renaming it away and checking it is still the
 *   file judged abandoned; a writer checks it still holds its lock just before its commit
 *   rename and fails with a conflict if it was broken meanwhile.
 * - **Token index**: entries for new tokens are written before the execution file, and entries
 *   of tokens no longer listed removed after it, so a crash can leave an extra entry but never
 *   lose one; `findByTaskToken` checks the snapshot still lists the token, and removes an
 *   entry it finds stale (when the execution's lock is free), so answered tokens find nothing.
 * - **Bad files** (not JSON, another format, another execution) throw {@link StoreCorruptError}
 *   with the path; reads need no lock.
 */
export class FileExecutionStore implements ExecutionStore {
  /** The directory holding the store (as given to the constructor, resolved). */
  readonly directory: string;
  private readonly staleLockMs: number;
  private readonly lockTimeoutMs: number;
  private ready: Promise<void> | undefined;

  /**
   * @param directory Where to keep the files; created (recursively) on first use.
   * @param options Lock timeouts, see {@link FileExecutionStoreOptions}.
   */
  constructor(directory: string, options: FileExecutionStoreOptions = {}) {
    if (typeof directory !== 'string' || directory === '') {
      throw new AslUsageError('FileExecutionStore: directory must be a non-empty string');
    }
    const staleLockMs = options.staleLockMs ?? 30_000;
    if (!(Number.isFinite(staleLockMs) && staleLockMs > 0)) {
      throw new AslUsageError(`FileExecutionStore: staleLockMs must be a positive number, got ${String(staleLockMs)}`);
    }
    const lockTimeoutMs = options.lockTimeoutMs ?? 2 * staleLockMs;
    if (!(Number.isFinite(lockTimeoutMs) && lockTimeoutMs >= 0)) {
      throw new AslUsageError(`FileExecutionStore: lockTimeoutMs must be a non-negative number, got ${String(lockTimeoutMs)}`);
    }
    this.directory = path.resolve(directory);
    this.staleLockMs = staleLockMs;
    this.lockTimeoutMs = lockTimeoutMs;
  }

  /** The path of the file that holds (or would hold) `executionArn`. */
  executionPath(executionArn: string): string {
    return path.join(this.directory, 'executions', `${digest(executionArn)}.json`);
  }

  /** The path of the token index entry for `taskToken`. */
  tokenPath(taskToken: string): string {
    return path.join(this.directory, 'tokens', `${digest(taskToken)}.json`);
  }

  /** The path of the lock file of `executionArn`, present while a save or delete runs. */
  lockPath(executionArn: string): string {
    return path.join(this.directory, 'locks', `${digest(executionArn)}.lock`);
  }

  /** {@inheritDoc ExecutionStore.save} */
  async save(snapshot: ExecutionSnapshot, options?: WriteOptions): Promise<number> {
    checkSnapshot(snapshot, 'save');
    const expected = expectedVersionOf(options, 'save');
    const json = serializeSnapshot(snapshot, 'save');
    const arn = snapshot.executionArn;
    const taskTokens = uniqueTokens(snapshot);
    await this.init();
    return this.withLock(arn, async (verify) => {
      const current = await this.read(arn);
      if (current?.version !== expected) throw new StoreConflictError(arn, expected, current?.version);
      const version = (current?.version ?? 0) + 1;
      const previous = new Set(current?.snapshot.taskTokens ?? []);
      // 1. Index the new tokens first: a crash after this leaves an extra entry (tolerated), never a missing one.
      for (const token of taskTokens) {
        if (!previous.has(token) || !(await exists(this.tokenPath(token)))) await this.writeToken(token, arn);
      }
      // 2. Commit: the rename of the execution file, if this writer still holds the lock.
      const record = `{"format":${JSON.stringify(RECORD_FORMAT)},"version":${version},"snapshot":${json}}\n`;
      await atomicWrite(this.executionPath(arn), record, () => verify(expected));
      // 3. Drop entries of tokens the execution no longer waits on.
      const next = new Set(taskTokens);
      for (const token of previous) if (!next.has(token)) await this.removeToken(token, arn);
      return version;
    });
  }

  /** {@inheritDoc ExecutionStore.load} */
  async load(executionArn: string): Promise<StoredExecution | undefined> {
    checkString(executionArn, 'executionArn', 'load');
    return this.read(executionArn);
  }

  /** {@inheritDoc ExecutionStore.findByTaskToken} */
  async findByTaskToken(taskToken: string): Promise<StoredExecution | undefined> {
    checkString(taskToken, 'taskToken', 'findByTaskToken');
    const file = this.tokenPath(taskToken);
    const text = await readText(file);
    if (text === undefined) return undefined;
    const entry = parseJson(file, text);
    if (!isObject(entry) || entry.format !== TOKEN_FORMAT || typeof entry.executionArn !== 'string' || entry.executionArn === '') {
      throw new StoreCorruptError(file, `not a task token index entry (format '${TOKEN_FORMAT}')`);
    }
    if (entry.taskToken !== taskToken) throw new StoreCorruptError(file, 'the entry is for another task token');
    const stored = await this.read(entry.executionArn);
    if (stored?.snapshot.taskTokens.includes(taskToken)) return stored;
    // A stale entry (a crash between the index and the commit, or a crash before step 3 of a save): not found.
    await this.dropStaleToken(taskToken, entry.executionArn);
    return undefined;
  }

  /**
   * {@inheritDoc ExecutionStore.delete}
   *
   * Without `expectedVersion`, a corrupt execution file is removed too (its token entries,
   * unknown, are left and ignored as stale).
   */
  async delete(executionArn: string, options?: WriteOptions): Promise<void> {
    checkString(executionArn, 'executionArn', 'delete');
    const expected = expectedVersionOf(options, 'delete');
    await this.init();
    await this.withLock(executionArn, async (verify) => {
      let current: StoredExecution | undefined;
      try {
        current = await this.read(executionArn);
      } catch (error) {
        if (!(error instanceof StoreCorruptError) || expected !== undefined) throw error;
        await verify(expected);
        await unlinkIfPresent(error.path);
        await syncDirectory(path.dirname(error.path));
        return;
      }
      if (expected !== undefined && current?.version !== expected) {
        throw new StoreConflictError(executionArn, expected, current?.version);
      }
      if (!current) return;
      await verify(expected);
      const file = this.executionPath(executionArn);
      await fs.unlink(file);
      await syncDirectory(path.dirname(file));
      for (const token of new Set(current.snapshot.taskTokens)) await this.removeToken(token, executionArn);
    });
  }

  // ---- Files ----

  /** Creates the directories and clears debris of killed processes, once per instance. */
  private init(): Promise<void> {
    this.ready ??= (async () => {
      for (const sub of ['executions', 'tokens', 'locks']) await fs.mkdir(path.join(this.directory, sub), { recursive: true });
      await this.sweep();
    })().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  /** The stored execution, checked; `undefined` when there is no file. */
  private async read(arn: string): Promise<StoredExecution | undefined> {
    const file = this.executionPath(arn);
    const text = await readText(file);
    if (text === undefined) return undefined;
    const record = parseJson(file, text);
    if (!isObject(record) || record.format !== RECORD_FORMAT) {
      throw new StoreCorruptError(file, `not a stored execution (format '${RECORD_FORMAT}')`);
    }
    const { version, snapshot } = record;
    if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
      throw new StoreCorruptError(file, 'version is not a positive integer');
    }
    const problem = snapshotProblem(snapshot);
    if (problem !== undefined) throw new StoreCorruptError(file, problem);
    const s = snapshot as ExecutionSnapshot;
    if (s.executionArn !== arn) throw new StoreCorruptError(file, `holds execution '${s.executionArn}', not '${arn}'`);
    return { snapshot: s, version };
  }

  private async writeToken(token: string, arn: string): Promise<void> {
    const entry = JSON.stringify({ format: TOKEN_FORMAT, taskToken: token, executionArn: arn });
    await atomicWrite(this.tokenPath(token), `${entry}\n`);
  }

  /** Removes a token's entry if it points at `arn` (or cannot be read: it is this execution's token). */
  private async removeToken(token: string, arn: string): Promise<void> {
    const file = this.tokenPath(token);
    const text = await readText(file);
    if (text === undefined) return;
    let owner: unknown;
    try {
      owner = (JSON.parse(text) as { executionArn?: unknown }).executionArn;
    } catch {
      owner = arn;
    }
    if (owner !== arn) return;
    await unlinkIfPresent(file);
  }

  /** Removes temporary files and moved-aside locks that killed processes left (best effort). */
  private async sweep(): Promise<void> {
    for (const sub of ['executions', 'tokens']) await sweepTemporaryFiles(path.join(this.directory, sub), this.staleLockMs);
    await sweepBrokenLocks(path.join(this.directory, 'locks'), this.staleLockMs);
  }

  /**
   * Removes the index entry of `token` if, under the execution's lock, the stored execution
   * still does not list it. Skipped when a writer holds the lock: it may be about to commit
   * a snapshot that lists the token (step 1 of `save`).
   */
  private async dropStaleToken(token: string, arn: string): Promise<void> {
    try {
      await this.init();
      await withFileLockIfFree(this.lockPath(arn), async (held) => {
        const stored = await this.read(arn);
        if (stored?.snapshot.taskTokens.includes(token) || !(await held.stillHeld())) return;
        await this.removeToken(token, arn);
      });
    } catch {
      // Best effort: a read needs no cleanup to be right (the entry is ignored as stale).
    }
  }

  // ---- Lock ----

  /** Runs `body` holding the execution's lock; `body` calls `verify` right before committing. */
  private withLock<T>(arn: string, body: (verify: (expected: number | undefined) => Promise<void>) => Promise<T>): Promise<T> {
    const lock = this.lockPath(arn);
    const options = {
      staleLockMs: this.staleLockMs,
      lockTimeoutMs: this.lockTimeoutMs,
      onTimeout: () => new StoreLockTimeoutError(arn, lock, this.lockTimeoutMs),
      // The dead owner may also have left a temporary file.
      onBroken: () => this.sweep().catch(() => undefined),
    };
    return withFileLock(lock, options, (held) => body((expected) => this.verifyHeld(held, arn, expected)));
  }

  /** Throws a {@link StoreConflictError} unless this writer still holds its lock. */
  private async verifyHeld(held: HeldLock, arn: string, expected: number | undefined): Promise<void> {
    if (await held.stillHeld()) return;
    let actual: number | undefined;
    try {
      actual = (await this.read(arn))?.version;
    } catch {
      actual = undefined;
    }
    throw new StoreConflictError(
      arn,
      expected,
      actual,
      `Execution '${arn}': this writer's lock was broken as stale (held longer than ${this.staleLockMs} ms); nothing was written — load it again before retrying`,
    );
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StoreCorruptError(file, `not valid JSON (${(error as Error).message})`, { cause: error });
  }
}
