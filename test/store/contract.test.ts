import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AslUsageError } from '../../src/errors.js';
import { FileExecutionStore, MemoryExecutionStore, StoreConflictError, type ExecutionStore } from '../../src/store/index.js';
import { ARN, later, snapshot } from './snapshots.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function fileStore(): Promise<ExecutionStore> {
  const dir = await mkdtemp(path.join(tmpdir(), 'asl-store-'));
  dirs.push(dir);
  return new FileExecutionStore(dir);
}

const stores: [string, () => Promise<ExecutionStore>][] = [
  ['MemoryExecutionStore', async () => new MemoryExecutionStore()],
  ['FileExecutionStore', fileStore],
];

describe.each(stores)('%s', (_name, make) => {
  it('round-trips a snapshot and starts at version 1', async () => {
    const store = await make();
    expect(await store.load(ARN)).toBeUndefined();
    expect(await store.save(snapshot())).toBe(1);
    expect(await store.load(ARN)).toEqual({ snapshot: snapshot(), version: 1 });
  });

  it('increments the version on each save with the expected version', async () => {
    const store = await make();
    const v1 = await store.save(snapshot());
    const v2 = await store.save(later(), { expectedVersion: v1 });
    const v3 = await store.save(later(later(), ['token-3']), { expectedVersion: v2 });
    expect([v1, v2, v3]).toEqual([1, 2, 3]);
    expect((await store.load(ARN))?.snapshot.taskTokens).toEqual(['token-3']);
  });

  it('refuses a save with a stale expectedVersion and changes nothing', async () => {
    const store = await make();
    await store.save(snapshot());
    await store.save(later(), { expectedVersion: 1 });
    const error = await store.save(later(later(), ['token-9']), { expectedVersion: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreConflictError);
    expect(error).toMatchObject({ name: 'StoreConflictError', executionArn: ARN, expectedVersion: 1, actualVersion: 2 });
    expect(await store.load(ARN)).toEqual({ snapshot: later(), version: 2 });
    expect(await store.findByTaskToken('token-9')).toBeUndefined();
    expect((await store.findByTaskToken('token-2'))?.version).toBe(2);
  });

  it('refuses a first save of an execution that is already stored', async () => {
    const store = await make();
    await store.save(snapshot());
    await expect(store.save(later())).rejects.toMatchObject({ name: 'StoreConflictError', expectedVersion: undefined, actualVersion: 1 });
    expect(await store.load(ARN)).toEqual({ snapshot: snapshot(), version: 1 });
  });

  it('refuses an expectedVersion for an execution that is not stored', async () => {
    const store = await make();
    await expect(store.save(snapshot(), { expectedVersion: 1 })).rejects.toMatchObject({ name: 'StoreConflictError', actualVersion: undefined });
    expect(await store.load(ARN)).toBeUndefined();
  });

  it('finds an execution by task token until a later save no longer lists it', async () => {
    const store = await make();
    await store.save(snapshot({ taskTokens: ['token-1', 'token-1b'] }));
    expect(await store.findByTaskToken('token-1')).toEqual({ snapshot: snapshot({ taskTokens: ['token-1', 'token-1b'] }), version: 1 });
    expect((await store.findByTaskToken('token-1b'))?.snapshot.executionArn).toBe(ARN);
    expect(await store.findByTaskToken('no-such-token')).toBeUndefined();

    await store.save(later(snapshot(), ['token-1b', 'token-2']), { expectedVersion: 1 });
    expect(await store.findByTaskToken('token-1')).toBeUndefined();
    expect((await store.findByTaskToken('token-1b'))?.version).toBe(2);
    expect((await store.findByTaskToken('token-2'))?.version).toBe(2);
  });

  it('keeps executions and their tokens apart', async () => {
    const store = await make();
    const other = 'arn:aws:states:us-east-1:123456789012:execution:Approval:order-43';
    await store.save(snapshot());
    await store.save(snapshot({ executionArn: other, name: 'order-43', taskTokens: ['token-other'] }));
    expect((await store.findByTaskToken('token-other'))?.snapshot.executionArn).toBe(other);
    expect((await store.findByTaskToken('token-1'))?.snapshot.executionArn).toBe(ARN);
    await store.delete(other);
    expect(await store.load(ARN)).toEqual({ snapshot: snapshot(), version: 1 });
  });

  it('deletes an execution and its token entries', async () => {
    const store = await make();
    await store.save(snapshot());
    await store.delete(ARN, { expectedVersion: 1 });
    expect(await store.load(ARN)).toBeUndefined();
    expect(await store.findByTaskToken('token-1')).toBeUndefined();
    // Deleting again: a no-op without expectedVersion, a conflict with one.
    await store.delete(ARN);
    await expect(store.delete(ARN, { expectedVersion: 1 })).rejects.toBeInstanceOf(StoreConflictError);
    // A new execution of the same ARN can be saved from scratch.
    expect(await store.save(snapshot())).toBe(1);
  });

  it('refuses a delete with a stale expectedVersion and keeps the execution', async () => {
    const store = await make();
    await store.save(snapshot());
    await store.save(later(), { expectedVersion: 1 });
    await expect(store.delete(ARN, { expectedVersion: 1 })).rejects.toMatchObject({ name: 'StoreConflictError', expectedVersion: 1, actualVersion: 2 });
    expect((await store.load(ARN))?.version).toBe(2);
    expect((await store.findByTaskToken('token-2'))?.version).toBe(2);
    await store.delete(ARN);
    expect(await store.load(ARN)).toBeUndefined();
  });

  it('returns copies the caller cannot use to change the store', async () => {
    const store = await make();
    const saved = snapshot();
    await store.save(saved);
    (saved.input as { amount: number }).amount = 0;
    (saved.taskTokens as string[]).push('token-x');
    const loaded = await store.load(ARN);
    (loaded!.snapshot.events as unknown[]).length = 0;
    (loaded!.snapshot.context as Record<string, unknown>).region = 'eu-west-1';
    expect(await store.load(ARN)).toEqual({ snapshot: snapshot(), version: 1 });
    expect(await store.findByTaskToken('token-x')).toBeUndefined();
  });

  it('validates its inputs with clear AslUsageErrors', async () => {
    const store = await make();
    const { executionArn: _omitted, ...noArn } = snapshot();
    await expect(store.save(noArn as never)).rejects.toThrow(new AslUsageError('ExecutionStore.save: snapshot.executionArn must be a non-empty string'));
    await expect(store.save(null as never)).rejects.toThrow(AslUsageError);
    await expect(store.save({ ...snapshot(), format: 'other@1' } as never)).rejects.toThrow(/snapshot\.format must be 'asl-runtime\/snapshot@1'/);
    await expect(store.save(snapshot({ taskTokens: [''] }))).rejects.toThrow(/taskTokens/);
    await expect(store.save(snapshot(), { expectedVersion: 0 })).rejects.toThrow(/expectedVersion must be a positive integer/);
    await expect(store.save(snapshot(), { expectedVersion: '1' as never })).rejects.toThrow(AslUsageError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(store.save(snapshot({ input: cyclic }))).rejects.toThrow(/not JSON-serialisable/);
    await expect(store.load('')).rejects.toThrow(/executionArn must be a non-empty string/);
    await expect(store.findByTaskToken(undefined as never)).rejects.toThrow(/taskToken must be a non-empty string/);
    await expect(store.delete(ARN, { expectedVersion: -1 })).rejects.toThrow(AslUsageError);
    expect(await store.load(ARN)).toBeUndefined();
  });

  it('lets exactly one of many concurrent writers of the same version win', async () => {
    const store = await make();
    await store.save(snapshot());
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => store.save(later(snapshot(), [`token-w${i}`]), { expectedVersion: 1 })),
    );
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StoreConflictError);
    const stored = await store.load(ARN);
    expect(stored).toEqual({ snapshot: later(snapshot(), [`token-w${won[0]}`]), version: 2 });
    for (let i = 0; i < 8; i++) {
      expect((await store.findByTaskToken(`token-w${i}`))?.version).toBe(i === won[0] ? 2 : undefined);
    }
  });
});
