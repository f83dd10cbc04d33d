/**
 * Atomic file replacement (temporary file, fsync, rename, fsync the directory) and the sweep
 * that removes temporary files a killed process left behind.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { syncDirectory, unlinkIfPresent } from './fs-helpers.js';
import { hostTag, isDeadProcess } from './process-identity.js';

/** `.<target>.<pid>-<hostTag>.<uuid>.tmp`: the writer's PID and host tag tell the sweep whether it is gone. */
const TEMPORARY = /^\..+\.(\d+)-([0-9a-f]{12})\.[0-9a-f-]{36}\.tmp$/;
/** Temporary files of earlier versions (`.<target>.<uuid>.tmp`): swept by age only. */
const LEGACY_TEMPORARY = /^\..+\.[0-9a-f-]{36}\.tmp$/;

/** The temporary file name this process uses beside `file` (`pid` for tests: another writer's). */
export function temporaryPath(file: string, pid: number = process.pid): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${pid}-${hostTag()}.${randomUUID()}.tmp`);
}

/**
 * Writes a temporary file beside `file`, fsyncs it, runs `beforeRename`, renames it over
 * `file` and fsyncs the directory: a reader sees the old or the new content, never a part.
 */
export async function atomicWrite(file: string, content: string, beforeRename?: () => Promise<void>): Promise<void> {
  const temp = temporaryPath(file);
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
  await syncDirectory(path.dirname(file));
}

/**
 * Removes temporary files in `dir` left by writers that were killed mid-write: those whose
 * writer process is gone from this host, and any older than `graceMs` (a writer stalled that
 * long has lost its lock anyway). Best effort: files that vanish or cannot be removed are skipped.
 * Returns how many were removed.
 */
export async function sweepTemporaryFiles(dir: string, graceMs: number): Promise<number> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith('.') || !name.endsWith('.tmp')) continue;
    const match = TEMPORARY.exec(name);
    if (!match && !LEGACY_TEMPORARY.test(name)) continue;
    const file = path.join(dir, name);
    let orphaned = match !== null && isDeadProcess(Number(match[1]), match[2]);
    if (!orphaned) {
      try {
        orphaned = now - (await fs.stat(file)).mtimeMs > graceMs;
      } catch {
        continue; // gone meanwhile (another sweep, or its writer renamed it)
      }
    }
    if (orphaned && (await unlinkIfPresent(file).then(() => true, () => false))) removed++;
  }
  return removed;
}
