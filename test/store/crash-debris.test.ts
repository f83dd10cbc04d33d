// FileExecutionStore after a process was killed mid-write (findings D14): the lock and the
// temporary files it left are cleared without waiting for `staleLockMs`.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryPath } from '../../src/store/atomic-write.js';
import { hostTag } from '../../src/store/process-identity.js';
import { FileExecutionStore, StoreLockTimeoutError } from '../../src/store/index.js';
import { ARN, later, snapshot } from './snapshots.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'asl-store-debris-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The PID of a process that has exited (a child that ran `node -e 0`). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  expect(child.status).toBe(0);
  return child.pid!;
}

/** A lock as a writer records it; `tag` names its host and PID namespace. */
function lockText(pid: number, tag = hostTag()): string {
  return JSON.stringify({ owner: 'killed-writer', pid, hostTag: tag, host: hostname(), acquiredAt: new Date().toISOString() });
}

async function age(file: string, ms: number): Promise<void> {
  const when = new Date(Date.now() - ms);
  await utimes(file, when, when);
}

/** A store that never waits for a lock: a save that needs to wait throws StoreLockTimeoutError. */
async function storeWithLock(content: string): Promise<FileExecutionStore> {
  const store = new FileExecutionStore(dir, { lockTimeoutMs: 0 });
  await store.save(snapshot());
  await writeFile(store.lockPath(ARN), content); // fresh: far from the 30 s staleLockMs
  return store;
}

describe('FileExecutionStore: a lock left by a killed process', () => {
  it('is taken over at once when its owner PID is gone from this host', async () => {
    const store = await storeWithLock(lockText(deadPid()));
    expect(await store.save(later(), { expectedVersion: 1 })).toBe(2);
    expect(await readdir(path.join(dir, 'locks'))).toEqual([]);
    expect((await store.findByTaskToken('token-2'))?.version).toBe(2);
  });

  it('is taken over at once by delete too', async () => {
    const store = await storeWithLock(lockText(deadPid()));
    await store.delete(ARN, { expectedVersion: 1 });
    expect(await store.load(ARN)).toBeUndefined();
  });

  it('is waited for while its owner process is alive', async () => {
    // process.ppid: a live process other than this one.
    const store = await storeWithLock(lockText(process.ppid));
    await expect(store.save(later(), { expectedVersion: 1 })).rejects.toBeInstanceOf(StoreLockTimeoutError);
    expect(await store.load(ARN)).toMatchObject({ version: 1 });
  });

  it('is waited for when it names another host or PID namespace (its PIDs mean nothing here)', async () => {
    const store = await storeWithLock(lockText(deadPid(), '0123456789ab'));
    await expect(store.save(later(), { expectedVersion: 1 })).rejects.toBeInstanceOf(StoreLockTimeoutError);
  });

  it('is waited for when its owner cannot be read (killed between creating and writing it)', async () => {
    const store = await storeWithLock('');
    await expect(store.save(later(), { expectedVersion: 1 })).rejects.toBeInstanceOf(StoreLockTimeoutError);
  });
});

describe('FileExecutionStore: temporary files left by a killed writer', () => {
  it('removes those of dead writers and old ones on first use, and keeps a live writer’s', async () => {
    await new FileExecutionStore(dir).save(snapshot()); // creates the directories
    const probe = new FileExecutionStore(dir);
    const target = probe.executionPath(ARN);
    const dead = temporaryPath(target, deadPid());
    const live = temporaryPath(target, process.ppid);
    const liveButOld = temporaryPath(probe.tokenPath('token-1'), process.ppid);
    const legacyOld = path.join(path.dirname(target), `.${path.basename(target)}.9b2f6a7e-1c3d-4e5f-8a9b-0c1d2e3f4a5b.tmp`);
    const unrelated = path.join(path.dirname(target), '.keep.tmp');
    for (const file of [dead, live, liveButOld, legacyOld, unrelated]) await writeFile(file, '{"partial":');
    await age(liveButOld, 60_000);
    await age(legacyOld, 60_000);
    const brokenLock = path.join(dir, 'locks', 'abc.lock.9b2f6a7e-1c3d-4e5f-8a9b-0c1d2e3f4a5b.broken');
    await writeFile(brokenLock, lockText(deadPid()));

    // A fresh instance (a new process) sweeps on its first write; the stored data is untouched.
    const store = new FileExecutionStore(dir, { staleLockMs: 30_000 });
    expect(await store.save(later(), { expectedVersion: 1 })).toBe(2);
    const names = async (sub: string) => (await readdir(path.join(dir, sub))).sort();
    expect(await names('executions')).toEqual([path.basename(live), '.keep.tmp', path.basename(target)].sort());
    expect(await names('tokens')).toEqual([path.basename(store.tokenPath('token-2'))]);
    // The .broken file was just created (ctime now): kept until it ages.
    expect(await names('locks')).toEqual([path.basename(brokenLock)]);
    expect(await store.load(ARN)).toEqual({ snapshot: later(), version: 2 });
  });

  it('names its own temporary files after this process', () => {
    const name = path.basename(temporaryPath('/x/executions/abc.json'));
    expect(name).toMatch(new RegExp(`^\\.abc\\.json\\.${process.pid}-${hostTag()}\\.[0-9a-f-]{36}\\.tmp$`));
  });
});

describe('FileExecutionStore: the token index stays bounded', () => {
  it('holds only the tokens the newest snapshot lists, across many save cycles', async () => {
    const store = new FileExecutionStore(dir);
    let version = await store.save(snapshot({ taskTokens: ['cycle-0'] }));
    let current = snapshot({ taskTokens: ['cycle-0'] });
    for (let i = 1; i <= 60; i++) {
      current = later(current, [`cycle-${i}`]);
      version = await store.save(current, { expectedVersion: version });
    }
    expect(await readdir(path.join(dir, 'tokens'))).toEqual([path.basename(store.tokenPath('cycle-60'))]);
    for (let i = 0; i < 60; i++) expect(await store.findByTaskToken(`cycle-${i}`)).toBeUndefined();
    expect((await store.findByTaskToken('cycle-60'))?.version).toBe(61);
  });

  it('removes a stale entry it finds (a crash between indexing and committing)', async () => {
    const store = new FileExecutionStore(dir);
    await store.save(snapshot());
    const orphan = store.tokenPath('token-never-committed');
    await writeFile(orphan, JSON.stringify({ format: 'asl-runtime/task-token@1', taskToken: 'token-never-committed', executionArn: ARN }));
    expect(await store.findByTaskToken('token-never-committed')).toBeUndefined();
    expect(await readdir(path.join(dir, 'tokens'))).toEqual([path.basename(store.tokenPath('token-1'))]);
  });

  it('leaves a stale-looking entry alone while a writer holds the lock (it may be about to commit it)', async () => {
    const store = new FileExecutionStore(dir);
    await store.save(snapshot());
    await writeFile(store.lockPath(ARN), lockText(process.ppid));
    const pending = store.tokenPath('token-being-saved');
    await writeFile(pending, JSON.stringify({ format: 'asl-runtime/task-token@1', taskToken: 'token-being-saved', executionArn: ARN }));
    expect(await store.findByTaskToken('token-being-saved')).toBeUndefined();
    expect((await readdir(path.join(dir, 'tokens'))).sort()).toEqual([path.basename(pending), path.basename(store.tokenPath('token-1'))].sort());
  });
});
