/**
 * The S3 service integrations served by the `objectStore` run option: `s3:getObject`,
 * `s3:putObject` and the AWS SDK integrations `aws-sdk:s3:getObject` / `putObject` /
 * `listObjectsV2`, in S3's request and response shapes. Errors are named as AWS SDK
 * integration errors are: `S3.` + the S3 error code + `Exception` (e.g. `S3.NoSuchKeyException`).
 */
import { StatesError } from '../errors.js';
import { readText } from '../objects/body.js';
import { ObjectStoreError, type ObjectStore } from '../objects/types.js';
import type { ResolvedTask, TaskResolver } from './types.js';

const RESOURCE = /^arn:aws[a-z-]*:states:::(?:aws-sdk:)?s3:(getObject|putObject|listObjectsV2)$/;

/** A resolver for the S3 resources over `store`. Users' handlers are consulted first. */
export function s3Resolver(store: ObjectStore): TaskResolver {
  const tasks: Record<string, ResolvedTask> = {
    getObject: {
      invoke: (input) =>
        call(async () => {
          const p = params(input, ['Bucket', 'Key']);
          const o = await store.getObject({ Bucket: p.Bucket!, Key: p.Key!, ...(typeof p.Range === 'string' ? { Range: p.Range } : {}) });
          const out: Record<string, unknown> = { Body: await readText(o.Body), ContentLength: o.ContentLength };
          if (o.ContentType) out.ContentType = o.ContentType;
          if (o.ETag) out.ETag = o.ETag;
          if (o.LastModified) out.LastModified = o.LastModified.toISOString();
          return out;
        }),
    },
    putObject: {
      invoke: (input) =>
        call(async () => {
          const p = params(input, ['Bucket', 'Key']);
          const body = (input as { Body?: unknown }).Body;
          const text = typeof body === 'string' ? body : (JSON.stringify(body ?? '') ?? '');
          return { ETag: (await store.putObject({ Bucket: p.Bucket!, Key: p.Key!, Body: text })).ETag };
        }),
    },
    listObjectsV2: {
      invoke: (input) =>
        call(async () => {
          const p = params(input, ['Bucket']);
          const maxKeys = (input as { MaxKeys?: unknown }).MaxKeys;
          const out = await store.listObjectsV2({
            Bucket: p.Bucket!,
            ...(p.Prefix !== undefined ? { Prefix: p.Prefix } : {}),
            ...(p.ContinuationToken !== undefined ? { ContinuationToken: p.ContinuationToken } : {}),
            ...(typeof maxKeys === 'number' ? { MaxKeys: maxKeys } : {}),
          });
          return {
            Contents: out.Contents.map((c) => ({ ETag: c.ETag, Key: c.Key, LastModified: c.LastModified.toISOString(), Size: c.Size, StorageClass: c.StorageClass })),
            IsTruncated: out.IsTruncated,
            KeyCount: out.KeyCount,
            MaxKeys: typeof maxKeys === 'number' ? maxKeys : 1000,
            Name: p.Bucket,
            Prefix: p.Prefix ?? '',
            ...(out.NextContinuationToken ? { NextContinuationToken: out.NextContinuationToken } : {}),
          };
        }),
    },
  };
  return {
    resolve({ resource }) {
      const m = RESOURCE.exec(resource);
      return m ? tasks[m[1]!] : undefined;
    },
  };
}

/** The string parameters of a call; a missing required one fails as S3's SDK does. */
function params(input: unknown, required: readonly string[]): Record<string, string | undefined> {
  const o = (input !== null && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(o)) if (typeof v === 'string') out[k] = v;
  for (const r of required) {
    if (typeof o[r] !== 'string' || o[r] === '') throw new StatesError('S3.InvalidRequestException', `The request is missing the required parameter ${r} (a non-empty string).`);
  }
  return out;
}

async function call<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof ObjectStoreError) throw new StatesError(`S3.${e.code.endsWith('Exception') ? e.code : `${e.code}Exception`}`, `${e.message} (Service: S3, Status Code: ${status(e.code)}, Error Code: ${e.code})`);
    throw e;
  }
}

function status(code: string): number {
  return code === 'NoSuchKey' || code === 'NoSuchBucket' ? 404 : code === 'InvalidRange' ? 416 : code === 'AccessDenied' ? 403 : code === 'InternalError' ? 500 : 400;
}
