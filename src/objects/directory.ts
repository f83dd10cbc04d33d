import { byteRange, compareKeys, keyOfToken, pageSize, toBytes, tokenFor } from './body.js';
import { ObjectStoreError, type GetObjectOutput, type GetObjectRequest, type ListObjectsV2Output, type ListObjectsV2Request, type ObjectStore, type ObjectSummary, type PutObjectOutput, type PutObjectRequest } from './types.js';

type Fs = typeof import('node:fs');
type Fsp = typeof import('node:fs/promises');
type PathMod = typeof import('node:path');
interface Node {
  fs: Fs;
  fsp: Fsp;
  path: PathMod;
  md5(file: string): Promise<string>;
}
let loading: Promise<Node> | undefined;
/** node:fs is imported on first use, so this class can live in an entry that also runs in browsers. */
function node(): Promise<Node> {
  return (loading ??= Promise.all([import('node:fs'), import('node:fs/promises'), import('node:path'), import('node:crypto')]).then(([fs, fsp, path, crypto]) => ({
    fs,
    fsp,
    path,
    md5: async (file: string) => {
      const h = crypto.createHash('md5');
      for await (const c of fs.createReadStream(file)) h.update(c as Buffer);
      return `"${h.digest('hex')}"`;
    },
  })));
}

/**
 * An object store on disk: each bucket is a folder of `root`, each key a file path under it
 * (`orders/2024/a.csv` → `<root>/<bucket>/orders/2024/a.csv`). Reads stream from the file.
 */
export class DirectoryObjectStore implements ObjectStore {
  constructor(readonly root: string) {}

  async getObject(r: GetObjectRequest): Promise<GetObjectOutput> {
    const { fs, fsp } = await node();
    const file = await this.file(r.Bucket, r.Key);
    const stat = await fsp.stat(file).catch(() => undefined);
    if (!stat?.isFile()) throw new ObjectStoreError('NoSuchKey', `The specified key does not exist: ${r.Key}`);
    if (stat.size === 0 && r.Range === undefined) return { Body: fs.createReadStream(file), ContentLength: 0, LastModified: stat.mtime };
    const { start, end } = byteRange(r.Range, stat.size);
    return { Body: fs.createReadStream(file, { start, end }), ContentLength: end - start + 1, LastModified: stat.mtime };
  }

  async listObjectsV2(r: ListObjectsV2Request): Promise<ListObjectsV2Output> {
    const { fsp, path, md5 } = await node();
    const dir = await this.bucketDir(r.Bucket);
    const prefix = r.Prefix ?? '';
    const after = keyOfToken(r.ContinuationToken);
    const max = pageSize(r.MaxKeys);
    const keys: string[] = [];
    const entries = await fsp.readdir(dir, { recursive: true, withFileTypes: true });
    for (const e of entries) {
      if (!e.isFile()) continue;
      const key = path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/');
      if (key.startsWith(prefix) && (after === undefined || compareKeys(key, after) > 0)) keys.push(key);
    }
    keys.sort(compareKeys);
    const page = keys.slice(0, max);
    const Contents: ObjectSummary[] = [];
    for (const Key of page) {
      const file = path.join(dir, ...Key.split('/'));
      const stat = await fsp.stat(file);
      Contents.push({ Key, Size: stat.size, LastModified: stat.mtime, ETag: await md5(file), StorageClass: 'STANDARD' });
    }
    const truncated = keys.length > page.length;
    return { Contents, IsTruncated: truncated, KeyCount: page.length, ...(truncated ? { NextContinuationToken: tokenFor(page[page.length - 1]!) } : {}) };
  }

  async putObject(r: PutObjectRequest): Promise<PutObjectOutput> {
    const { fsp, path } = await node();
    const file = await this.file(r.Bucket, r.Key);
    await fsp.mkdir(path.dirname(file), { recursive: true });
    const bytes = toBytes(r.Body);
    await fsp.writeFile(file, bytes);
    const { createHash } = await import('node:crypto');
    return { ETag: `"${createHash('md5').update(bytes).digest('hex')}"` };
  }

  private async bucketDir(bucket: string): Promise<string> {
    const { fsp, path } = await node();
    if (!bucket || bucket.includes('/') || bucket.includes('\\') || bucket === '.' || bucket === '..') throw new ObjectStoreError('NoSuchBucket', `The specified bucket does not exist: ${bucket}`);
    const dir = path.join(this.root, bucket);
    const stat = await fsp.stat(dir).catch(() => undefined);
    if (!stat?.isDirectory()) throw new ObjectStoreError('NoSuchBucket', `The specified bucket does not exist: ${bucket}`);
    return dir;
  }

  /** The file of a key; a key that would leave the bucket's folder (`../x`) is refused. */
  private async file(bucket: string, key: string): Promise<string> {
    const { path } = await node();
    const dir = await this.bucketDir(bucket);
    const parts = key.split('/');
    if (!key || parts.some((p) => p === '..' || p === '.' || p === '') || key.includes('\\') || key.includes('\0')) {
      throw new ObjectStoreError('InvalidArgument', `DirectoryObjectStore cannot store the key '${key}' as a file path`);
    }
    return path.join(dir, ...parts);
  }
}
