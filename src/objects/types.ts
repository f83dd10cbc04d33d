/**
 * The object store a Distributed Map reads items from and writes results to, and that the S3
 * service integrations use: the few S3 calls Step Functions makes, in S3's request and
 * response shapes, so a real bucket, a folder or memory can stand behind it.
 */

/** GetObject's request. `Range` is S3's `bytes=first-last` (or `bytes=first-`, `bytes=-suffix`). */
export interface GetObjectRequest {
  readonly Bucket: string;
  readonly Key: string;
  readonly Range?: string;
  readonly VersionId?: string;
}

/** GetObject's response: the body is streamed, so a large object is never held whole. */
export interface GetObjectOutput {
  readonly Body: AsyncIterable<Uint8Array>;
  readonly ContentLength: number;
  readonly ETag?: string;
  readonly LastModified?: Date;
  readonly ContentType?: string;
}

export interface ListObjectsV2Request {
  readonly Bucket: string;
  readonly Prefix?: string;
  readonly ContinuationToken?: string;
  /** At most this many keys per page (S3: default and maximum 1,000). */
  readonly MaxKeys?: number;
}

/** One object of a listing, as S3 describes it. */
export interface ObjectSummary {
  readonly Key: string;
  readonly Size: number;
  readonly LastModified: Date;
  readonly ETag: string;
  readonly StorageClass: string;
}

export interface ListObjectsV2Output {
  readonly Contents: readonly ObjectSummary[];
  readonly IsTruncated: boolean;
  readonly NextContinuationToken?: string;
  readonly KeyCount: number;
}

export interface PutObjectRequest {
  readonly Bucket: string;
  readonly Key: string;
  readonly Body: string | Uint8Array;
  readonly ContentType?: string;
}

export interface PutObjectOutput {
  readonly ETag: string;
}

/**
 * A pluggable object store with S3's semantics for the calls Step Functions makes. Pass one as
 * the `objectStore` run option; `MemoryObjectStore`, `DirectoryObjectStore` and
 * `S3ObjectStore` implement it.
 */
export interface ObjectStore {
  /** @throws ObjectStoreError `NoSuchBucket`, `NoSuchKey` or `InvalidRange`. */
  getObject(request: GetObjectRequest): Promise<GetObjectOutput>;
  /** Keys in UTF-8 binary order, a page at a time. @throws ObjectStoreError `NoSuchBucket`. */
  listObjectsV2(request: ListObjectsV2Request): Promise<ListObjectsV2Output>;
  /** @throws ObjectStoreError `NoSuchBucket`. */
  putObject(request: PutObjectRequest): Promise<PutObjectOutput>;
}

/** S3's error codes, as `ObjectStoreError.code`. */
export type ObjectStoreErrorCode = 'NoSuchBucket' | 'NoSuchKey' | 'InvalidRange' | 'InvalidArgument' | 'AccessDenied' | 'InternalError';

/** A failed object store call, with S3's error code. */
export class ObjectStoreError extends Error {
  override readonly name = 'ObjectStoreError';
  constructor(
    readonly code: ObjectStoreErrorCode | (string & {}),
    message: string,
  ) {
    super(message);
  }
}
