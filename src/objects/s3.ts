import { AslUsageError } from '../errors.js';
import { ObjectStoreError, type GetObjectOutput, type GetObjectRequest, type ListObjectsV2Output, type ListObjectsV2Request, type ObjectStore, type PutObjectOutput, type PutObjectRequest } from './types.js';

/** What S3ObjectStore needs of an `S3Client`: its `send`. */
export interface S3ClientLike {
  send(command: any): Promise<any>;
}

type Sdk = typeof import('@aws-sdk/client-s3');
let loading: Promise<Sdk> | undefined;
/** A variable, not a literal, so bundlers leave the SDK out of dist and Node resolves the user's copy. */
const SDK_MODULE = '@aws-sdk/client-s3';

function sdk(): Promise<Sdk> {
  loading ??= (import(SDK_MODULE) as Promise<Sdk>).catch((e: unknown) => {
    loading = undefined;
    throw new AslUsageError(`S3ObjectStore needs @aws-sdk/client-s3 (npm install @aws-sdk/client-s3): ${e instanceof Error ? e.message : String(e)}`);
  });
  return loading;
}

/**
 * An object store over a real S3 (or S3-compatible) bucket through an `@aws-sdk/client-s3`
 * client, which is an optional peer dependency loaded on first use.
 *
 * @example
 * new S3ObjectStore(new S3Client({ region: 'eu-west-1' }))
 */
export class S3ObjectStore implements ObjectStore {
  constructor(private readonly client: S3ClientLike) {}

  async getObject(r: GetObjectRequest): Promise<GetObjectOutput> {
    const { GetObjectCommand } = await sdk();
    const out = await this.call(() => this.client.send(new GetObjectCommand({ Bucket: r.Bucket, Key: r.Key, Range: r.Range, VersionId: r.VersionId })));
    return {
      // In Node the SDK's body is a Readable stream: async-iterable bytes.
      Body: out.Body as AsyncIterable<Uint8Array>,
      ContentLength: Number(out.ContentLength ?? 0),
      ETag: out.ETag,
      LastModified: out.LastModified,
      ContentType: out.ContentType,
    };
  }

  async listObjectsV2(r: ListObjectsV2Request): Promise<ListObjectsV2Output> {
    const { ListObjectsV2Command } = await sdk();
    const out = await this.call(() => this.client.send(new ListObjectsV2Command({ Bucket: r.Bucket, Prefix: r.Prefix, ContinuationToken: r.ContinuationToken, MaxKeys: r.MaxKeys })));
    const contents = (out.Contents ?? []) as { Key: string; Size?: number; LastModified?: Date; ETag?: string; StorageClass?: string }[];
    return {
      Contents: contents.map((c) => ({ Key: c.Key, Size: Number(c.Size ?? 0), LastModified: c.LastModified ?? new Date(0), ETag: c.ETag ?? '', StorageClass: c.StorageClass ?? 'STANDARD' })),
      IsTruncated: out.IsTruncated === true,
      KeyCount: Number(out.KeyCount ?? contents.length),
      ...(out.NextContinuationToken ? { NextContinuationToken: out.NextContinuationToken as string } : {}),
    };
  }

  async putObject(r: PutObjectRequest): Promise<PutObjectOutput> {
    const { PutObjectCommand } = await sdk();
    const out = await this.call(() => this.client.send(new PutObjectCommand({ Bucket: r.Bucket, Key: r.Key, Body: r.Body, ContentType: r.ContentType })));
    return { ETag: out.ETag ?? '' };
  }

  /** SDK errors become ObjectStoreErrors with S3's code. */
  private async call<T>(send: () => Promise<T>): Promise<any> {
    try {
      return await send();
    } catch (e) {
      if (e instanceof AslUsageError) throw e;
      const name = (e as { name?: string; Code?: string }).Code ?? (e as { name?: string }).name ?? 'InternalError';
      throw new ObjectStoreError(name, e instanceof Error ? e.message : String(e));
    }
  }
}
