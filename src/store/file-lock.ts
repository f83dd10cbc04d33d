/**
 * The file store's per-execution lock: a file created with `O_EXCL` holding its owner's
 * identity. A lock whose owner died on this host is taken over at once; any lock older than
 * `staleLockMs` is taken to be abandoned (a crash on another host, or an unreadable owner).
 */
import { randomUUID } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { codeOf, isObject, readText, sleep, unlinkIfPresent } from './fs-helpers.js';
import { hostTag, isDeadProcess } from './process-identity.js';

/** How a lock is waited for. */
export interface FileLockOptions {
  /** A lock older than this is abandoned and may be broken. */
  readonly staleLockMs: number;
  /** How long to wait for a live lock before `onTimeout`. */
  readonly lockTimeoutMs: number;
  /** The error to throw when the wait times out. */
  readonly onTimeout: () => Error;
  /** Called after an abandoned lock was broken (its owner may have left other debris). */
  readonly onBroken?: () => Promise<void>;
}

/** A lock this writer holds. */
export interface HeldLock {
  /** Whether the lock is still this writer's (false: it was broken as stale meanwhile). */
  stillHeld(): Promise<boolean>;
}

/**
 * Runs `body` holding the lock file `lock`: waits (with backoff) while another live writer
 * holds it, breaks it when abandoned, and removes it afterwards if it is still this writer's.
 */
export async function withFileLock<T>(lock: string, options: FileLockOptions, body: (held: HeldLock) => Promise<T>): Promise<T> {
  const owner = ownerRecord();
  const started = Date.now();
  let delay = 2;
  while (!(await createExclusive(lock, owner))) {
    const broken = await breakIfAbandoned(lock, options.staleLockMs);
    if (broken) {
      if (broken === 'broken') await options.onBroken?.();
      continue;
    }
    if (Date.now() - started >= options.lockTimeoutMs) throw options.onTimeout();
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 50);
  }
  return holding(lock, owner, body);
}

/** Like {@link withFileLock} without waiting: `undefined` (and `body` not run) when the lock is taken. */
export async function withFileLockIfFree<T>(lock: string, body: (held: HeldLock) => Promise<T>): Promise<T | undefined> {
  const owner = ownerRecord();
  if (!(await createExclusive(lock, owner))) return undefined;
  return holding(lock, owner, body);
}

/**
 * Removes `*.broken` files in `dir`: locks moved aside by a breaker that was killed before it
 * removed them. Only those untouched for `graceMs` (a breaker inspects its file at once).
 */
export async function sweepBrokenLocks(dir: string, graceMs: number): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (!name.endsWith('.broken')) continue;
    const file = path.join(dir, name);
    try {
      // The rename that made it updated ctime; mtime is the old lock's.
      const s = await fs.stat(file);
      if (now - Math.max(s.mtimeMs, s.ctimeMs) > graceMs) await unlinkIfPresent(file);
    } catch {
      // Gone meanwhile, or not ours to remove: skip.
    }
  }
}

/** A fresh owner record: unique, and naming the process so a dead owner can be recognised. */
function ownerRecord(): string {
  return JSON.stringify({ owner: randomUUID(), pid: process.pid, hostTag: hostTag(), host: hostname(), acquiredAt: new Date().toISOString() });
}

async function holding<T>(lock: string, owner: string, body: (held: HeldLock) => Promise<T>): Promise<T> {
  try {
    return await body({ stillHeld: () => holds(lock, owner) });
  } finally {
    if (await holds(lock, owner)) await unlinkIfPresent(lock);
  }
}

/** Whether the lock file holds `owner` (this writer's lock). */
async function holds(lock: string, owner: string): Promise<boolean> {
  return (await readText(lock)) === owner;
}

/** Whether a lock file's text names a process that has exited on this host. */
function ownerIsDead(text: string): boolean {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    return false; // empty (its writer was killed between create and write) or foreign: wait for it to age
  }
  return isObject(record) && isDeadProcess(record.pid, record.hostTag);
}

/**
 * Breaks the lock if it is abandoned: older than `staleLockMs`, or its owner process is gone.
 * Returns 'broken', 'gone' (already released: try again) or false (live: wait).
 */
async function breakIfAbandoned(lock: string, staleLockMs: number): Promise<'broken' | 'gone' | false> {
  let seen: Stats;
  try {
    seen = await fs.stat(lock);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return 'gone';
    throw error;
  }
  if (Date.now() - seen.mtimeMs < staleLockMs) {
    const text = await readText(lock);
    if (text === undefined) return 'gone';
    if (!ownerIsDead(text)) return false;
  }
  // Rename, not unlink: if another process broke it and took a new lock since our stat, we
  // must not delete that one. The renamed file tells which lock we moved.
  const moved = `${lock}.${randomUUID()}.broken`;
  try {
    await fs.rename(lock, moved);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return 'gone';
    throw error;
  }
  let now: Stats;
  try {
    now = await fs.stat(moved);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return 'gone'; // swept meanwhile: try again
    throw error;
  }
  if (now.ino === seen.ino && now.mtimeMs === seen.mtimeMs && now.size === seen.size) {
    await unlinkIfPresent(moved);
    return 'broken';
  }
  // We moved a live lock: put it back (same file, so its owner still recognises it) unless a
  // new one exists already — then its owner finds it lost at its commit check and fails safely.
  try {
    await fs.link(moved, lock);
  } catch (error) {
    if (codeOf(error) !== 'EEXIST' && codeOf(error) !== 'ENOENT') throw error;
  } finally {
    await unlinkIfPresent(moved);
  }
  return false;
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
