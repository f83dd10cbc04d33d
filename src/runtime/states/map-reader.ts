/**
 * ItemReader: the items of a Distributed Map read from the object store as a stream — a JSON
 * array, JSON Lines, CSV, an S3 inventory manifest or a listObjectsV2 listing — so a large
 * file or listing is never held whole. AWS: "ItemReader (Map)".
 */
import type { Json } from '../../definition/types.js';
import { StatesError, StatesErrors } from '../../errors.js';
import { compileJsonataTemplate } from '../../query/jsonata/index.js';
import { compileTemplate } from '../../query/jsonpath/template.js';
import type { ObjectStore } from '../../objects/types.js';
import { compileField, type FieldReader } from '../dataflow/field.js';
import { mapCount } from '../dataflow/field-types.js';
import { bindings } from '../dataflow/jsonata.js';
import type { Frame } from '../frame.js';
import { lazyModule } from './map-lazy.js';

/** What a reader yields: the items, and `$$.Map.Item.Source`'s value. */
export interface ItemSource {
  readonly items: AsyncIterable<unknown>;
  readonly source: string;
}

/** Opens the item stream for one Map Run. */
export type ItemReader = (selected: unknown, raw: unknown, frame: Frame, store: ObjectStore | undefined) => Promise<ItemSource>;

/** ReaderConfig.CSVDelimiter to its character (AWS: COMMA, PIPE, SEMICOLON, SPACE, TAB). */
const CSV_DELIMITERS: Readonly<Record<string, string>> = { COMMA: ',', PIPE: '|', SEMICOLON: ';', SPACE: ' ', TAB: '\t' };

/** The parsers and streams, loaded on the first read. */
const readers = lazyModule(() => import('./map-reader-io.js'));

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
    const { csvItems, deferred, guard, jsonArrayItems, jsonLines, listing, manifestItems, readText, take, textChunks } = readers.value ?? (await readers.load(frame.env.clock));
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
          items = deferred(async () => jsonArrayItems(textChunks(await open())));
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

