import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FileExecutionStore,
  StoreConflictError,
  StoreCorruptError,
  StoreLockTimeoutError,
} from '../../src/store/index.js';
import { AslUsageError } from '../../src/errors.js';
import { ARN, later, snapshot } from './snapshots.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'asl-file-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const OTHER = 'arn:aws:states:us-east-1:123456789012:execution:Approval:order-43';

async function listAll(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const sub of ['executions', 'tokens', 'locks']) out[sub] = (await readdir(path.join(dir, sub))).sort();
  return out;
}

describe('FileExecutionStore files', () => {
  it('keeps one JSON file per execution under a hashed name, a token index, and no leftovers', async () => {
    const store = new FileExecutionStore(dir);
    await store.save(snapshot());
    const file = store.executionPath(ARN);
    expect(path.basename(file)).toMatch(/^[0-9a-f]{64}\.json$/);
    expect(path.dirname(file)).toBe(path.join(dir, 'executions'));
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ format: 'asl-runtime/stored-execution@1', version: 1, snapshot: snapshot() });
    expect(JSON.parse(await readFile(store.tokenPath('token-1'), 'utf8'))).toMatchObject({ taskToken: 'token-1', executionArn: ARN });
    // No temporary files and no lock once the save returned.
    expect(await listAll()).toEqual({
      executions: [path.basename(file)],
      tokens: [path.basename(store.tokenPath('token-1'))],
      locks: [],
    });

    await store.save(later(), { expectedVersion: 1 });
    expect((await listAll()).tokens).toEqual([path.basename(store.tokenPath('token-2'))]);
    await store.delete(ARN);
    expect(await listAll()).toEqual({ executions: [], tokens: [], locks: [] });
  });

  it('is shared by separate instances (processes) on the same directory', async () => {
    await new FileExecutionStore(dir).save(snapshot());
    const found = await new FileExecutionStore(dir).findByTaskToken('token-1');
    expect(found).toEqual({ snapshot: snapshot(), version: 1 });
    expect(await new FileExecutionStore(dir).save(later(), { expectedVersion: found!.version })).toBe(2);
  });

  it('lets one of several instances racing on the same version win, and keeps its data', async () => {
    await new FileExecutionStore(dir).save(snapshot());
    const racers = Array.from({ length: 6 }, () => new FileExecutionStore(dir));
    const loaded = await Promise.all(racers.map((s) => s.load(ARN)));
    const results = await Promise.allSettled(
      racers.map((s, i) => s.save(later(snapshot(), [`token-r${i}`]), { expectedVersion: loaded[i]!.version })),
    );
    const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(winners).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ name: 'StoreConflictError', expectedVersion: 1, actualVersion: 2 });
    expect(await new FileExecutionStore(dir).load(ARN)).toEqual({ snapshot: later(snapshot(), [`token-r${winners[0]}`]), version: 2 });
    expect((await listAll()).locks).toEqual([]);
  });

  it('creates the directory on first use', async () => {
    const nested = path.join(dir, 'a', 'b');
    const store = new FileExecutionStore(nested);
    expect(await store.load(ARN)).toBeUndefined();
    await store.save(snapshot());
    expect((await stat(store.executionPath(ARN))).isFile()).toBe(true);
  });

  it('validates its options', () => {
    expect(() => new FileExecutionStore('')).toThrow(AslUsageError);
    expect(() => new FileExecutionStore(dir, { staleLockMs: 0 })).toThrow(/staleLockMs/);
    expect(() => new FileExecutionStore(dir, { lockTimeoutMs: Number.NaN })).toThrow(/lockTimeoutMs/);
  });
});

describe('FileExecutionStore locks', () => {
  async function plantLock(store: FileExecutionStore, ageMs: number, content = '{"owner":"crashed","pid":999999}') {
    await store.save(snapshot()); // creates the directories
    const lock = store.lockPath(ARN);
    await writeFile(lock, content);
    const when = new Date(Date.now() - ageMs);
    await utimes(lock, when, when);
    return lock;
  }

  it('breaks a stale lock left by a crashed process', async () => {
    const store = new FileExecutionStore(dir);
    const lock = await plantLock(store, 60_000);
    expect(await store.save(later(), { expectedVersion: 1 })).toBe(2);
    await expect(stat(lock)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await listAll()).locks).toEqual([]);
  });

  it('breaks a stale lock after the configured timeout, even an empty one', async () => {
    const store = new FileExecutionStore(dir, { staleLockMs: 1_000 });
    await plantLock(store, 5_000, '');
    await store.delete(ARN, { expectedVersion: 1 });
    expect(await store.load(ARN)).toBeUndefined();
  });

  it('waits for a live lock and gives up with StoreLockTimeoutError, changing nothing', async () => {
    const store = new FileExecutionStore(dir, { lockTimeoutMs: 0 });
    const lock = await plantLock(store, 0);
    const error = await store.save(later(), { expectedVersion: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLockTimeoutError);
    expect(error).toMatchObject({ executionArn: ARN, lockPath: lock });
    await expect(store.delete(ARN)).rejects.toBeInstanceOf(StoreLockTimeoutError);
    // The other process's lock is untouched, the stored execution too; reads need no lock.
    expect(await readFile(lock, 'utf8')).toContain('crashed');
    expect(await store.load(ARN)).toEqual({ snapshot: snapshot(), version: 1 });
    expect((await store.findByTaskToken('token-1'))?.version).toBe(1);
  });

  it('releases the lock when a save loses on the version', async () => {
    const store = new FileExecutionStore(dir);
    await store.save(snapshot());
    await expect(store.save(later())).rejects.toBeInstanceOf(StoreConflictError);
    expect((await listAll()).locks).toEqual([]);
  });
});

describe('FileExecutionStore bad files', () => {
  it('reports a file that is not JSON as StoreCorruptError with its path', async () => {
    const store = new FileExecutionStore(dir);
    await store.save(snapshot());
    const file = store.executionPath(ARN);
    await writeFile(file, '{"format": "asl-runtime/stored-execution@1", "version": 1, "snap');
    const error = await store.load(ARN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect(error).toMatchObject({ name: 'StoreCorruptError', path: file });
    expect((error as Error).message).toMatch(/not valid JSON/);
    await expect(store.findByTaskToken('token-1')).rejects.toBeInstanceOf(StoreCorruptError);
    await expect(store.save(later(), { expectedVersion: 1 })).rejects.toBeInstanceOf(StoreCorruptError);
    expect((await listAll()).locks).toEqual([]);
  });

  it('reports a file of another format, a bad snapshot format or version, and another execution', async () => {
    const store = new FileExecutionStore(dir);
    await store.save(snapshot());
    const file = store.executionPath(ARN);
    const cases: [unknown, RegExp][] = [
      [snapshot(), /not a stored execution/], // a bare snapshot, not a stored record
      [[1, 2], /not a stored execution/],
      [{ format: 'asl-runtime/stored-execution@1', version: 1, snapshot: { ...snapshot(), format: 'asl-runtime/snapshot@0' } }, /snapshot\.format/],
      [{ format: 'asl-runtime/stored-execution@1', version: 0, snapshot: snapshot() }, /version/],
      [{ format: 'asl-runtime/stored-execution@1', version: 1, snapshot: snapshot({ executionArn: OTHER }) }, /holds execution/],
    ];
    for (const [content, reason] of cases) {
      await writeFile(file, JSON.stringify(content));
      await expect(store.load(ARN)).rejects.toMatchObject({ name: 'StoreCorruptError', path: file, message: expect.stringMatching(reason) });
    }
  });

  it('reports a corrupt token index entry', async () => {
    const store = new FileExecutionStore(dir);
    await store.save(snapshot());
    await writeFile(store.tokenPath('token-1'), 'garbage');
    await expect(store.findByTaskToken('token-1')).rejects.toMatchObject({ name: 'StoreCorruptError', path: store.tokenPath('token-1') });
    await writeFile(store.tokenPath('token-1'), JSON.stringify({ format: 'asl-runtime/task-token@1', taskToken: 'token-zzz', executionArn: ARN }));
    await expect(store.findByTaskToken('token-1')).rejects.toThrow(/another task token/);
  });

  it('deletes a corrupt execution file when asked without expectedVersion', async () => {
    const store = new FileExecutionStore(dir);
    await store.save(snapshot());
    await writeFile(store.executionPath(ARN), 'not json');
    await expect(store.delete(ARN, { expectedVersion: 1 })).rejects.toBeInstanceOf(StoreCorruptError);
    await store.delete(ARN);
    expect(await store.load(ARN)).toBeUndefined();
    // The token entry it left is stale: ignored.
    expect(await store.findByTaskToken('token-1')).toBeUndefined();
    expect(await store.save(snapshot())).toBe(1);
  });

  it('ignores stale token index entries (a crash between the index and the commit)', async () => {
    const store = new FileExecutionStore(dir);
    await store.save(snapshot());
    // An entry for a token the snapshot does not list, and one for an execution that is gone.
    await writeFile(
      store.tokenPath('token-never-committed'),
      JSON.stringify({ format: 'asl-runtime/task-token@1', taskToken: 'token-never-committed', executionArn: ARN }),
    );
    await writeFile(store.tokenPath('token-gone'), JSON.stringify({ format: 'asl-runtime/task-token@1', taskToken: 'token-gone', executionArn: OTHER }));
    expect(await store.findByTaskToken('token-never-committed')).toBeUndefined();
    expect(await store.findByTaskToken('token-gone')).toBeUndefined();
    // A later save that lists the token repairs nothing it does not need to and finds it.
    await store.save(later(snapshot(), ['token-never-committed']), { expectedVersion: 1 });
    expect((await store.findByTaskToken('token-never-committed'))?.version).toBe(2);
  });

  it('re-creates a missing index entry for a token the execution still lists', async () => {
    const store = new FileExecutionStore(dir);
    await store.save(snapshot({ taskTokens: ['token-1', 'token-keep'] }));
    await rm(store.tokenPath('token-keep'));
    expect(await store.findByTaskToken('token-keep')).toBeUndefined();
    await store.save(later(snapshot(), ['token-keep']), { expectedVersion: 1 });
    expect((await store.findByTaskToken('token-keep'))?.version).toBe(2);
  });
});
