import { md5 } from '../web/digest/index.js';
import { bodyOf, byteRange, compareKeys, keyOfToken, pageSize, toBytes, tokenFor } from './body.js';
import { ObjectStoreError, type GetObjectOutput, type GetObjectRequest, type ListObjectsV2Output, type ListObjectsV2Request, type ObjectStore, type ObjectSummary, type PutObjectOutput, type PutObjectRequest } from './types.js';

interface Stored {
  readonly bytes: Uint8Array;
  readonly etag: string;
  readonly modified: Date;
  readonly contentType: string | undefined;
}

/**
 * An object store in memory, for tests: buckets of objects given as text or bytes.
 *
 * @example
 * const store = new MemoryObjectStore({ input: { 'orders.csv': 'id,total\n1,20\n' }, results: {} });
 */
export class MemoryObjectStore implements ObjectStore {
  private readonly buckets = new Map<string, Map<string, Stored>>();

  /** @param buckets bucket name, then key, to content; every bucket named here exists, even if empty. */
  constructor(buckets: Readonly<Record<string, Readonly<Record<string, string | Uint8Array>>>> = {}) {
    for (const [bucket, objects] of Object.entries(buckets)) {
      const b = this.createBucket(bucket);
      for (const [key, body] of Object.entries(objects)) b.set(key, stored(toBytes(body), undefined));
    }
  }

  /** Creates a bucket (no-op if it exists) and returns its objects. */
  createBucket(bucket: string): Map<string, Stored> {
    let b = this.buckets.get(bucket);
    if (!b) this.buckets.set(bucket, (b = new Map()));
    return b;
  }

  /** An object's content as text, or undefined: for assertions in tests. */
  text(bucket: string, key: string): string | undefined {
    const o = this.buckets.get(bucket)?.get(key);
    return o && new TextDecoder().decode(o.bytes);
  }

  /** The keys of a bucket in S3's order. */
  keys(bucket: string): string[] {
    return [...(this.buckets.get(bucket)?.keys() ?? [])].sort(compareKeys);
  }

  async getObject(r: GetObjectRequest): Promise<GetObjectOutput> {
    const o = this.bucket(r.Bucket).get(r.Key);
    if (!o) throw new ObjectStoreError('NoSuchKey', `The specified key does not exist: ${r.Key}`);
    const { start, end } = o.bytes.length === 0 && r.Range === undefined ? { start: 0, end: -1 } : byteRange(r.Range, o.bytes.length);
    const bytes = o.bytes.subarray(start, end + 1);
    return { Body: bodyOf(bytes), ContentLength: bytes.length, ETag: o.etag, LastModified: o.modified, ContentType: o.contentType };
  }

  async listObjectsV2(r: ListObjectsV2Request): Promise<ListObjectsV2Output> {
    const prefix = r.Prefix ?? '';
    const after = keyOfToken(r.ContinuationToken);
    const max = pageSize(r.MaxKeys);
    const keys = [...this.bucket(r.Bucket).keys()].filter((k) => k.startsWith(prefix) && (after === undefined || compareKeys(k, after) > 0)).sort(compareKeys);
    const page = keys.slice(0, max);
    const b = this.bucket(r.Bucket);
    const Contents: ObjectSummary[] = page.map((Key) => {
      const o = b.get(Key)!;
      return { Key, Size: o.bytes.length, LastModified: o.modified, ETag: o.etag, StorageClass: 'STANDARD' };
    });
    const truncated = keys.length > page.length;
    return { Contents, IsTruncated: truncated, KeyCount: page.length, ...(truncated ? { NextContinuationToken: tokenFor(page[page.length - 1]!) } : {}) };
  }

  async putObject(r: PutObjectRequest): Promise<PutObjectOutput> {
    const o = stored(toBytes(r.Body), r.ContentType);
    this.bucket(r.Bucket).set(r.Key, o);
    return { ETag: o.etag };
  }

  private bucket(name: string): Map<string, Stored> {
    const b = this.buckets.get(name);
    if (!b) throw new ObjectStoreError('NoSuchBucket', `The specified bucket does not exist: ${name}`);
    return b;
  }
}

function stored(bytes: Uint8Array, contentType: string | undefined): Stored {
  // A copy: the caller may reuse its buffer.
  const copy = Uint8Array.from(bytes);
  return { bytes: copy, etag: `"${md5(copy)}"`, modified: new Date(), contentType };
}
