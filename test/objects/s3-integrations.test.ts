// S3 service integrations served by the objectStore option: arn:aws:states:::s3:* and the AWS
// SDK integrations arn:aws:states:::aws-sdk:s3:*, in S3's request and response shapes.
import { describe, expect, it } from 'vitest';
import { MemoryObjectStore } from '../../src/objects/index.js';
import { run } from '../helpers.js';

const task = (Resource: string, Parameters: object, extra: object = {}) => ({ StartAt: 'T', States: { T: { Type: 'Task', Resource, Parameters, End: true, ...extra } } });

describe('S3 integrations over the object store', () => {
  it('putObject then getObject round-trips the body (both resource forms)', async () => {
    const objectStore = new MemoryObjectStore({ b: {} });
    const put = await run(task('arn:aws:states:::aws-sdk:s3:putObject', { Bucket: 'b', Key: 'k.json', 'Body.$': '$.doc' }), { doc: { a: 1 } }, { objectStore });
    expect(put.output).toEqual({ ETag: expect.stringMatching(/^"[0-9a-f]{32}"$/) });
    expect(objectStore.text('b', 'k.json')).toBe('{"a":1}');
    const get = await run(task('arn:aws:states:::s3:getObject', { Bucket: 'b', Key: 'k.json' }), {}, { objectStore });
    expect(get.output).toMatchObject({ Body: '{"a":1}', ContentLength: 7 });
  });

  it('listObjectsV2 returns S3 ListObjectsV2 output', async () => {
    const objectStore = new MemoryObjectStore({ b: { 'p/1': 'x', 'p/2': 'yy', q: '' } });
    const r = await run(task('arn:aws:states:::aws-sdk:s3:listObjectsV2', { Bucket: 'b', Prefix: 'p/' }), {}, { objectStore });
    expect(r.output).toMatchObject({ IsTruncated: false, KeyCount: 2, Name: 'b', Prefix: 'p/', MaxKeys: 1000 });
    expect((r.output as { Contents: { Key: string; Size: number }[] }).Contents.map((c) => [c.Key, c.Size])).toEqual([
      ['p/1', 1],
      ['p/2', 2],
    ]);
  });

  it('a missing key fails as S3.NoSuchKeyException, which Catch can match', async () => {
    const objectStore = new MemoryObjectStore({ b: {} });
    const r = await run(task('arn:aws:states:::aws-sdk:s3:getObject', { Bucket: 'b', Key: 'nope' }), {}, { objectStore });
    expect(r).toMatchObject({ status: 'FAILED', error: 'S3.NoSuchKeyException' });
    expect(r.cause).toContain('NoSuchKey');
    const bucket = await run(task('arn:aws:states:::aws-sdk:s3:getObject', { Bucket: 'nope', Key: 'k' }), {}, { objectStore });
    expect(bucket.error).toBe('S3.NoSuchBucketException');
  });

  it("a user's handler for the resource wins over the object store", async () => {
    const objectStore = new MemoryObjectStore({ b: {} });
    const r = await run(task('arn:aws:states:::aws-sdk:s3:getObject', { Bucket: 'b', Key: 'k' }), {}, { objectStore, handlers: { 'arn:aws:states:::aws-sdk:s3:getObject': () => ({ Body: 'mocked' }) } });
    expect(r.output).toEqual({ Body: 'mocked' });
  });
});
