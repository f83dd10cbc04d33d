/**
 * A {@link ExecutionStore} in a directory: one JSON file per execution, a token index, atomic
 * writes and a per-execution lock file, safe for several processes sharing the directory.
 */
import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import type { ExecutionSnapshot } from '../runtime/snapshot.js';
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

/** Format tag of an execution file (`executions/<hash>.json`). */
const RECORD_FORMAT = 'asl-runtime/stored-execution@1';
/** Format tag of a token index entry (`tokens/<hash>.json`). */
const TOKEN_FORMAT = 'asl-runtime/task-token@1';

/** Options of {@link FileExecutionStore}. */
export interface FileExecutionStoreOptions {
  /**
   * A lock file older than this many milliseconds is taken to be left by a crashed process and
   * may be broken. Must exceed, by a wide margin, the longest time a save can hold the lock
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
 *   new file, never a partial one, and a crash leaves no half-written file.
 * - **Compare-and-swap**: `save` and `delete` take the execution's lock (a file created with
 *   `O_EXCL`, the `wx` flag), read the stored version, compare it with `expectedVersion`, write,
 *   and release. Of two processes racing to save the same version, one wins and the other gets
 *   a {@link StoreConflictError}; the winner's data is intact.
 * - **Stale locks**: a lock older than `staleLockMs` (a crashed process) is broken by renaming
 *   it away and checking it is still the file judged stale; a writer checks it still holds its
 *   lock just before its commit rename and fails with a conflict if it was broken meanwhile.
 * - **Token index**: entries for new tokens are written before the execution file, and entries
 *   of tokens no longer listed removed after it, so a crash can leave an extra entry but never
 *   lose one; `findByTaskToken` checks the snapshot still lists the token.
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
      throw new TypeError('FileExecutionStore: directory must be a non-empty string');
    }
    const staleLockMs = options.staleLockMs ?? 30_000;
    if (!(Number.isFinite(staleLockMs) && staleLockMs > 0)) {
      throw new TypeError(`FileExecutionStore: staleLockMs must be a positive number, got ${String(staleLockMs)}`);
    }
    const lockTimeoutMs = options.lockTimeoutMs ?? 2 * staleLockMs;
    if (!(Number.isFinite(lockTimeoutMs) && lockTimeoutMs >= 0)) {
      throw new TypeError(`FileExecutionStore: lockTimeoutMs must be a non-negative number, got ${String(lockTimeoutMs)}`);
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
    // A stale entry (a crash between the index and the commit, or a token already answered): not found.
    return stored?.snapshot.taskTokens.includes(taskToken) ? stored : undefined;
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

  private init(): Promise<void> {
    this.ready ??= (async () => {
      for (const sub of ['executions', 'tokens', 'locks']) await fs.mkdir(path.join(this.directory, sub), { recursive: true });
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

  // ---- Lock ----

  /** Runs `body` holding the execution's lock; `body` calls `verify` right before committing. */
  private async withLock<T>(arn: string, body: (verify: (expected: number | undefined) => Promise<void>) => Promise<T>): Promise<T> {
    const lock = this.lockPath(arn);
    const owner = JSON.stringify({ owner: randomUUID(), pid: process.pid, host: hostname(), acquiredAt: new Date().toISOString() });
    await this.acquire(arn, lock, owner);
    try {
      return await body(async (expected) => {
        if (await holds(lock, owner)) return;
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
      });
    } finally {
      if (await holds(lock, owner)) await unlinkIfPresent(lock);
    }
  }

  private async acquire(arn: string, lock: string, owner: string): Promise<void> {
    const started = Date.now();
    let delay = 2;
    for (;;) {
      if (await createExclusive(lock, owner)) return;
      if (await this.breakIfStale(lock)) continue;
      if (Date.now() - started >= this.lockTimeoutMs) throw new StoreLockTimeoutError(arn, lock, this.lockTimeoutMs);
      await sleep(delay + Math.random() * delay);
      delay = Math.min(delay * 2, 50);
    }
  }

  /**
   * Breaks the lock if it is older than `staleLockMs`. Returns true when the caller should try
   * to take it again at once (broken, or already gone).
   */
  private async breakIfStale(lock: string): Promise<boolean> {
    let seen: import('node:fs').Stats;
    try {
      seen = await fs.stat(lock);
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return true;
      throw error;
    }
    if (Date.now() - seen.mtimeMs < this.staleLockMs) return false;
    // Rename, not unlink: if another process broke it and took a new lock since our stat, we
    // must not delete that one. The renamed file tells which lock we moved.
    const moved = `${lock}.${randomUUID()}.broken`;
    try {
      await fs.rename(lock, moved);
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return true;
      throw error;
    }
    const now = await fs.stat(moved);
    if (now.ino === seen.ino && now.mtimeMs === seen.mtimeMs && now.size === seen.size) {
      await unlinkIfPresent(moved);
      return true;
    }
    // We moved a live lock: put it back (same file, so its owner still recognises it) unless a
    // new one exists already — then its owner finds it lost at its commit check and fails safely.
    try {
      await fs.link(moved, lock);
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error;
    } finally {
      await unlinkIfPresent(moved);
    }
    return false;
  }
}

// ---- Helpers ----

function digest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { code?: string }).code : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StoreCorruptError(file, `not valid JSON (${(error as Error).message})`, { cause: error });
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

async function unlinkIfPresent(file: string): Promise<void> {
  try {
    await fs.unlink(file);
  } catch (error) {
    if (codeOf(error) !== 'ENOENT') throw error;
  }
}

/** Creates `file` with `content` if it does not exist (O_EXCL); false when it exists. */
async function createExclusive(file: string, content: string): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'wx');
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(content, 'utf8');
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlinkIfPresent(file);
    throw error;
  }
  return true;
}

/** Writes a temporary file beside `file`, fsyncs it, runs `beforeRename`, renames it over `file`, fsyncs the directory. */
async function atomicWrite(file: string, content: string, beforeRename?: () => Promise<void>): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${randomUUID()}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (beforeRename) await beforeRename();
    await fs.rename(temp, file);
  } catch (error) {
    await unlinkIfPresent(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}

/** Fsyncs a directory so a rename or unlink in it is durable (not possible on every platform). */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = codeOf(error);
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF' && code !== 'EACCES') throw error;
  } finally {
    await handle?.close();
  }
}

/** Whether the lock file holds `owner` (this writer's lock). */
async function holds(lock: string, owner: string): Promise<boolean> {
  return (await readText(lock)) === owner;
}
