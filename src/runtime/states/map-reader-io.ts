/**
 * ItemReader's streams and parsers (see ./map-reader.ts): imported on a Distributed Map's first
 * read, so processes without one never load them.
 */
import { StatesError, StatesErrors } from '../../errors.js';
import { lines, textChunks } from '../../objects/body.js';
import { ObjectStoreError, type ObjectStore } from '../../objects/types.js';
import { MAX_PAYLOAD_BYTES } from '../payload.js';
import { CsvError, csvRows } from './map-csv.js';
import { JsonItemsError, jsonArrayItems as arrayItems } from './map-json.js';

export { readText, textChunks } from '../../objects/body.js';

/** AWS reads CSV headers of up to 10 KiB. */
const MAX_CSV_HEADER_CHARS = 10 * 1024;

/** A JSON array's items, each at most the payload limit. */
export function jsonArrayItems(chunks: AsyncIterable<string>): AsyncGenerator<unknown> {
  return arrayItems(chunks, MAX_PAYLOAD_BYTES);
}

/** An iterable whose source opens when iteration starts. */
export function deferred<T>(open: () => Promise<AsyncIterable<T>>): AsyncIterable<T> {
  return {
    async *[Symbol.asyncIterator]() {
      yield* await open();
    },
  };
}

export async function* take<T>(items: AsyncIterable<T>, n: number): AsyncGenerator<T> {
  if (n <= 0) return;
  let i = 0;
  for await (const x of items) {
    yield x;
    if (++i >= n) return;
  }
}

/** Every reading failure becomes States.ItemReaderFailed with what went wrong as the cause. */
export async function* guard(items: AsyncIterable<unknown>): AsyncGenerator<unknown> {
  try {
    yield* items;
  } catch (e) {
    if (e instanceof StatesError) throw e;
    if (e instanceof ObjectStoreError) throw new StatesError(StatesErrors.ItemReaderFailed, `${e.message} (Service: Amazon S3; Error Code: ${e.code})`);
    if (e instanceof CsvError || e instanceof JsonItemsError) throw new StatesError(StatesErrors.ItemReaderFailed, e.message);
    throw new StatesError(StatesErrors.ItemReaderFailed, e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  }
}

export async function* listing(store: ObjectStore, bucket: string, prefix: string): AsyncGenerator<unknown> {
  let token: string | undefined;
  do {
    const page = await store.listObjectsV2({ Bucket: bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) });
    // AWS's item shape: ETag spelled Etag, LastModified in epoch seconds.
    for (const o of page.Contents) yield { Etag: o.ETag, Key: o.Key, LastModified: Math.floor(o.LastModified.getTime() / 1000), Size: o.Size, StorageClass: o.StorageClass };
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

export async function* jsonLines(body: AsyncIterable<Uint8Array>): AsyncGenerator<unknown> {
  let n = 0;
  for await (const line of lines(body)) {
    n++;
    if (line.trim() === '') continue;
    if (line.length > MAX_PAYLOAD_BYTES) throw new JsonItemsError(`JSONL line ${n} is larger than ${MAX_PAYLOAD_BYTES} characters`);
    try {
      yield JSON.parse(line);
    } catch (e) {
      throw new JsonItemsError(`Malformed JSON in JSONL line ${n}: ${(e as Error).message}`);
    }
  }
}

/** CSV rows as objects keyed by the header; every value is a string (AWS does not convert). */
export async function* csvItems(chunks: AsyncIterable<string>, delimiter: string, given: readonly string[] | undefined): AsyncGenerator<unknown> {
  let headers = given;
  let line = 0;
  for await (const row of csvRows(chunks, delimiter, MAX_PAYLOAD_BYTES)) {
    line++;
    if (!headers) {
      if (row.join(delimiter).length > MAX_CSV_HEADER_CHARS) throw new CsvError(`The CSV header is larger than ${MAX_CSV_HEADER_CHARS} characters`);
      headers = row;
      continue;
    }
    if (row.length !== headers.length) throw new CsvError(`CSV row ${line} has ${row.length} fields but the header has ${headers.length}`);
    const item: Record<string, string> = {};
    for (let i = 0; i < headers.length; i++) item[headers[i]!] = row[i]!;
    yield item;
  }
}

/**
 * An S3 Inventory manifest (manifest.json): its CSV files, gzipped, in the destination bucket;
 * each row becomes an object keyed by `fileSchema`.
 */
export async function* manifestItems(store: ObjectStore, text: string): AsyncGenerator<unknown> {
  let m: { destinationBucket?: unknown; fileFormat?: unknown; fileSchema?: unknown; files?: unknown };
  try {
    m = JSON.parse(text) as typeof m;
  } catch (e) {
    throw new JsonItemsError(`The manifest is not JSON: ${(e as Error).message}`);
  }
  if (m.fileFormat !== 'CSV') throw new JsonItemsError(`The manifest's fileFormat must be CSV, got ${JSON.stringify(m.fileFormat)}`);
  if (typeof m.fileSchema !== 'string' || !Array.isArray(m.files) || typeof m.destinationBucket !== 'string') {
    throw new JsonItemsError('The manifest needs destinationBucket, fileSchema and files');
  }
  const bucket = m.destinationBucket.replace(/^arn:[^:]+:s3:::/, '');
  const schema = m.fileSchema.split(',').map((s) => s.trim());
  for (const f of m.files as { key?: unknown }[]) {
    if (typeof f?.key !== 'string') throw new JsonItemsError('A manifest file entry has no key');
    const body = (await store.getObject({ Bucket: bucket, Key: f.key })).Body;
    const bytes = f.key.endsWith('.gz') ? gunzip(body) : body;
    yield* csvItems(textChunks(bytes), ',', schema);
  }
}

/** Gunzips a body with the web-standard DecompressionStream (Node 18+ and browsers). */
async function* gunzip(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  const pump = (async () => {
    try {
      for await (const c of body) await writer.write(c);
      await writer.close();
    } catch (e) {
      await writer.abort(e).catch(() => {});
    }
  })();
  const reader = stream.readable.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield value;
    }
  } finally {
    // Stopped early (MaxItems, a failed run): cancelling unblocks the pump's pending write.
    await reader.cancel().catch(() => {});
    await pump;
  }
}
