/**
 * ItemReader: the items of a Distributed Map read from the object store as a stream — a JSON
 * array, JSON Lines, CSV, an S3 inventory manifest or a listObjectsV2 listing — so a large
 * file or listing is never held whole. AWS: "ItemReader (Map)".
 */
import type { Json } from '../../definition/types.js';
import { StatesError, StatesErrors } from '../../errors.js';
import { compileJsonataTemplate } from '../../query/jsonata/index.js';
import { compileTemplate } from '../../query/jsonpath/template.js';
import { lines, readText, textChunks } from '../../objects/body.js';
import { ObjectStoreError, type ObjectStore } from '../../objects/types.js';
import { compileField, type FieldReader } from '../dataflow/field.js';
import { mapCount } from '../dataflow/field-types.js';
import { bindings } from '../dataflow/jsonata.js';
import type { Frame } from '../frame.js';
import { MAX_PAYLOAD_BYTES } from '../payload.js';
import { CSV_DELIMITERS, CsvError, csvRows } from './map-csv.js';
import { JsonItemsError, jsonArrayItems } from './map-json.js';

/** What a reader yields: the items, and `$$.Map.Item.Source`'s value. */
export interface ItemSource {
  readonly items: AsyncIterable<unknown>;
  readonly source: string;
}

/** Opens the item stream for one Map Run. */
export type ItemReader = (selected: unknown, raw: unknown, frame: Frame, store: ObjectStore | undefined) => Promise<ItemSource>;

/** AWS reads CSV headers of up to 10 KiB. */
const MAX_CSV_HEADER_CHARS = 10 * 1024;

type Fields = { Bucket?: unknown; Key?: unknown; Prefix?: unknown; VersionId?: unknown };

/** Compiles a Map's ItemReader. */
export function compileItemReader(reader: Readonly<Record<string, Json>>, jsonata: boolean): ItemReader {
  const resource = String(reader.Resource ?? '');
  const config = (reader.ReaderConfig ?? {}) as Readonly<Record<string, Json>>;
  const inputType = typeof config.InputType === 'string' ? config.InputType : undefined;
  const maxItems = compileField({ field: 'MaxItems', literal: config.MaxItems, path: config.MaxItemsPath as string | undefined, jsonata }, mapCount);
  const params = compileParams(jsonata ? reader.Arguments : reader.Parameters, jsonata);
  const action = /:s3:(getObject|listObjectsV2)$/.exec(resource)?.[1];
  const delimiter = CSV_DELIMITERS[typeof config.CSVDelimiter === 'string' ? config.CSVDelimiter : 'COMMA'] ?? ',';
  const given = config.CSVHeaderLocation === 'GIVEN' ? (config.CSVHeaders as string[] | undefined) ?? [] : undefined;

  return async (selected, raw, frame, store) => {
    if (!store) {
      throw new StatesError(StatesErrors.ItemReaderFailed, `The Map state reads items with ${resource}, but no object store was given: pass the objectStore run option (MemoryObjectStore, DirectoryObjectStore or S3ObjectStore).`);
    }
    const p = (await params(selected, raw, frame)) as Fields;
    const limit = maxItems ? await maxItems(selected, raw, frame) : 0;
    const bucket = text(p.Bucket, 'Bucket');
    let items: AsyncIterable<unknown>;
    let source: string;
    if (action === 'listObjectsV2') {
      const prefix = p.Prefix === undefined ? '' : text(p.Prefix, 'Prefix');
      items = listing(store, bucket, prefix);
      source = `s3://${bucket}`;
    } else if (action === 'getObject') {
      const key = text(p.Key, 'Key');
      source = `s3://${bucket}/${key}`;
      const open = () => store.getObject({ Bucket: bucket, Key: key, ...(typeof p.VersionId === 'string' ? { VersionId: p.VersionId } : {}) }).then((o) => o.Body);
      switch (inputType) {
        case 'JSON':
          items = deferred(async () => jsonArrayItems(textChunks(await open()), MAX_PAYLOAD_BYTES));
          break;
        case 'JSONL':
          items = deferred(async () => jsonLines(await open()));
          break;
        case 'CSV':
          items = deferred(async () => csvItems(textChunks(await open()), delimiter, given));
          break;
        case 'MANIFEST':
          items = deferred(async () => manifestItems(store, await readText(await open())));
          break;
        default:
          throw new StatesError(StatesErrors.ItemReaderFailed, `ReaderConfig.InputType '${String(inputType)}' is not supported; use JSON, JSONL, CSV or MANIFEST.`);
      }
    } else {
      throw new StatesError(StatesErrors.ItemReaderFailed, `The ItemReader resource '${resource}' is not supported; use arn:aws:states:::s3:getObject or arn:aws:states:::s3:listObjectsV2.`);
    }
    return { items: guard(limit && limit > 0 ? take(items, limit) : items), source };
  };
}

function compileParams(template: Json | undefined, jsonata: boolean): FieldReader<unknown> {
  if (template === undefined) return () => ({});
  if (jsonata) {
    const t = compileJsonataTemplate(template, 'Arguments');
    return (_s, raw, frame) => t(bindings(frame, raw));
  }
  const t = compileTemplate(template, 'Parameters');
  return (selected, _raw, frame) => t(frame.scope(selected));
}

function text(v: unknown, field: string): string {
  if (typeof v === 'string' && v !== '') return v;
  throw new StatesError(StatesErrors.ItemReaderFailed, `The ItemReader's ${field} must be a non-empty string, got ${JSON.stringify(v)}`);
}

/** An iterable whose source opens when iteration starts. */
function deferred<T>(open: () => Promise<AsyncIterable<T>>): AsyncIterable<T> {
  return {
    async *[Symbol.asyncIterator]() {
      yield* await open();
    },
  };
}

async function* take<T>(items: AsyncIterable<T>, n: number): AsyncGenerator<T> {
  if (n <= 0) return;
  let i = 0;
  for await (const x of items) {
    yield x;
    if (++i >= n) return;
  }
}

/** Every reading failure becomes States.ItemReaderFailed with what went wrong as the cause. */
async function* guard(items: AsyncIterable<unknown>): AsyncGenerator<unknown> {
  try {
    yield* items;
  } catch (e) {
    if (e instanceof StatesError) throw e;
    if (e instanceof ObjectStoreError) throw new StatesError(StatesErrors.ItemReaderFailed, `${e.message} (Service: Amazon S3; Error Code: ${e.code})`);
    if (e instanceof CsvError || e instanceof JsonItemsError) throw new StatesError(StatesErrors.ItemReaderFailed, e.message);
    throw new StatesError(StatesErrors.ItemReaderFailed, e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  }
}

async function* listing(store: ObjectStore, bucket: string, prefix: string): AsyncGenerator<unknown> {
  let token: string | undefined;
  do {
    const page = await store.listObjectsV2({ Bucket: bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) });
    // AWS's item shape: ETag spelled Etag, LastModified in epoch seconds.
    for (const o of page.Contents) yield { Etag: o.ETag, Key: o.Key, LastModified: Math.floor(o.LastModified.getTime() / 1000), Size: o.Size, StorageClass: o.StorageClass };
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

async function* jsonLines(body: AsyncIterable<Uint8Array>): AsyncGenerator<unknown> {
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
async function* csvItems(chunks: AsyncIterable<string>, delimiter: string, given: readonly string[] | undefined): AsyncGenerator<unknown> {
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
async function* manifestItems(store: ObjectStore, text: string): AsyncGenerator<unknown> {
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
