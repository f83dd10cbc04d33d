import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DirectoryObjectStore, MemoryObjectStore, ObjectStoreError, type ObjectStore } from '../../src/objects/index.js';
import { readText } from '../../src/objects/body.js';

const root = mkdtempSync(join(tmpdir(), 'asl-objects-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function directoryStore(): ObjectStore {
  const dir = mkdtempSync(join(root, 'd-'));
  mkdirSync(join(dir, 'in', 'a'), { recursive: true });
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(dir, 'in', 'a', '1.txt'), 'one');
  writeFileSync(join(dir, 'in', 'a', '2.txt'), 'two');
  writeFileSync(join(dir, 'in', 'b.txt'), 'bee');
  return new DirectoryObjectStore(dir);
}

const memoryStore = (): ObjectStore => new MemoryObjectStore({ in: { 'a/1.txt': 'one', 'a/2.txt': 'two', 'b.txt': 'bee' }, empty: {} });

// The same S3 behaviour from every store.
describe.each([
  ['MemoryObjectStore', memoryStore],
  ['DirectoryObjectStore', directoryStore],
])('%s', (_name, make) => {
  it('gets an object as a stream, whole or by byte range', async () => {
    const s = make();
    const whole = await s.getObject({ Bucket: 'in', Key: 'a/1.txt' });
    expect(whole.ContentLength).toBe(3);
    expect(await readText(whole.Body)).toBe('one');
    expect(await readText((await s.getObject({ Bucket: 'in', Key: 'b.txt', Range: 'bytes=1-' })).Body)).toBe('ee');
    expect(await readText((await s.getObject({ Bucket: 'in', Key: 'b.txt', Range: 'bytes=0-0' })).Body)).toBe('b');
    expect(await readText((await s.getObject({ Bucket: 'in', Key: 'b.txt', Range: 'bytes=-2' })).Body)).toBe('ee');
  });

  it("fails with S3's codes for a missing key, a missing bucket and an unsatisfiable range", async () => {
    const s = make();
    await expect(s.getObject({ Bucket: 'in', Key: 'nope' })).rejects.toMatchObject({ code: 'NoSuchKey' });
    await expect(s.getObject({ Bucket: 'nope', Key: 'x' })).rejects.toMatchObject({ code: 'NoSuchBucket' });
    await expect(s.getObject({ Bucket: 'in', Key: 'b.txt', Range: 'bytes=9-' })).rejects.toMatchObject({ code: 'InvalidRange' });
    await expect(s.listObjectsV2({ Bucket: 'nope' })).rejects.toBeInstanceOf(ObjectStoreError);
  });

  it('lists keys under a prefix in order, a page at a time', async () => {
    const s = make();
    const first = await s.listObjectsV2({ Bucket: 'in', MaxKeys: 2 });
    expect(first.Contents.map((c) => c.Key)).toEqual(['a/1.txt', 'a/2.txt']);
    expect(first.IsTruncated).toBe(true);
    const second = await s.listObjectsV2({ Bucket: 'in', MaxKeys: 2, ContinuationToken: first.NextContinuationToken });
    expect(second.Contents.map((c) => c.Key)).toEqual(['b.txt']);
    expect(second.IsTruncated).toBe(false);
    expect(second.NextContinuationToken).toBeUndefined();
    const a = await s.listObjectsV2({ Bucket: 'in', Prefix: 'a/' });
    expect(a.Contents.map((c) => [c.Key, c.Size, c.StorageClass])).toEqual([
      ['a/1.txt', 3, 'STANDARD'],
      ['a/2.txt', 3, 'STANDARD'],
    ]);
    // S3's ETag: the MD5 of the content, quoted.
    expect(a.Contents[0]!.ETag).toBe('"f97c5d29941bfb1b2fdab0874906ab82"');
    expect((await s.listObjectsV2({ Bucket: 'empty' })).Contents).toEqual([]);
  });

  it('puts objects that read back, creating nested keys', async () => {
    const s = make();
    const put = await s.putObject({ Bucket: 'empty', Key: 'x/y/z.json', Body: '[1]' });
    expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(await readText((await s.getObject({ Bucket: 'empty', Key: 'x/y/z.json' })).Body)).toBe('[1]');
    await s.putObject({ Bucket: 'empty', Key: 'x/y/z.json', Body: new TextEncoder().encode('[2]') });
    expect(await readText((await s.getObject({ Bucket: 'empty', Key: 'x/y/z.json' })).Body)).toBe('[2]');
    await expect(s.putObject({ Bucket: 'nope', Key: 'k', Body: '' })).rejects.toMatchObject({ code: 'NoSuchBucket' });
  });
});

describe('DirectoryObjectStore', () => {
  it('refuses keys that would leave the bucket folder', async () => {
    const s = directoryStore();
    await expect(s.getObject({ Bucket: 'in', Key: '../in/b.txt' })).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(s.putObject({ Bucket: 'in', Key: 'a/../../x', Body: '' })).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(s.getObject({ Bucket: '..', Key: 'x' })).rejects.toMatchObject({ code: 'NoSuchBucket' });
  });
});
