/**
 * ItemBatcher: groups a Map Run's item inputs into `{ Items, BatchInput }` child inputs, by
 * count (MaxItemsPerBatch) and by size (MaxInputBytesPerBatch). AWS: "ItemBatcher (Map)".
 */
import type { Json } from '../../definition/types.js';
import { DataFlowError, StatesErrors } from '../../errors.js';
import { compileJsonataTemplate } from '../../query/jsonata/index.js';
import { compileTemplate } from '../../query/jsonpath/template.js';
import { compileField } from '../dataflow/field.js';
import { mapCount } from '../dataflow/field-types.js';
import { bindings } from '../dataflow/jsonata.js';
import type { Frame } from '../frame.js';
import { MAX_PAYLOAD_BYTES, utf8Size } from '../payload.js';

/** One child execution's work: its input and how many items it carries. */
export interface WorkUnit {
  readonly input: unknown;
  /** The items it carries (1 without a batcher). */
  readonly items: number;
}

/** Turns item inputs into batches for one Map Run. */
export type Batching = (inputs: AsyncIterable<unknown>) => AsyncIterable<WorkUnit>;

/** Compiles an ItemBatcher; the returned function reads its fields for one run. */
export function compileBatcher(b: Readonly<Record<string, Json>>, jsonata: boolean): (selected: unknown, raw: unknown, frame: Frame) => Promise<Batching> {
  const maxItems = compileField({ field: 'MaxItemsPerBatch', literal: b.MaxItemsPerBatch, path: b.MaxItemsPerBatchPath as string | undefined, jsonata }, mapCount);
  const maxBytes = compileField({ field: 'MaxInputBytesPerBatch', literal: b.MaxInputBytesPerBatch, path: b.MaxInputBytesPerBatchPath as string | undefined, jsonata }, mapCount);
  const batchInput =
    b.BatchInput === undefined
      ? undefined
      : jsonata
        ? ((t) => (_s: unknown, raw: unknown, frame: Frame) => t(bindings(frame, raw)))(compileJsonataTemplate(b.BatchInput, 'BatchInput'))
        : ((t) => (selected: unknown, _raw: unknown, frame: Frame) => t(frame.scope(selected)))(compileTemplate(b.BatchInput, 'BatchInput'));
  return async (selected, raw, frame) => {
    const items = maxItems ? await maxItems(selected, raw, frame) : undefined;
    const bytes = maxBytes ? await maxBytes(selected, raw, frame) : undefined;
    const extra = batchInput ? await batchInput(selected, raw, frame) : undefined;
    if (items !== undefined && items < 1) throw new DataFlowError(StatesErrors.Runtime, 'MaxItemsPerBatch must be at least 1.');
    if (bytes !== undefined && (bytes < 1 || bytes > MAX_PAYLOAD_BYTES)) throw new DataFlowError(StatesErrors.Runtime, `MaxInputBytesPerBatch must be between 1 and ${MAX_PAYLOAD_BYTES}.`);
    return (inputs) => batches(inputs, items ?? Number.POSITIVE_INFINITY, bytes, extra);
  };
}

async function* batches(inputs: AsyncIterable<unknown>, maxItems: number, maxBytes: number | undefined, batchInput: unknown): AsyncGenerator<WorkUnit> {
  // The envelope's bytes: {"BatchInput":…,"Items":[]} before any item.
  const base = utf8Size(JSON.stringify(batchInput === undefined ? { Items: [] } : { BatchInput: batchInput, Items: [] }));
  const make = (items: unknown[]): WorkUnit => ({ input: batchInput === undefined ? { Items: items } : { BatchInput: batchInput, Items: items }, items: items.length });
  let current: unknown[] = [];
  let size = base;
  for await (const item of inputs) {
    // An item's bytes plus the comma before it; an item too big for any batch goes alone.
    const raw = maxBytes === undefined ? 0 : utf8Size(JSON.stringify(item) ?? 'null');
    if (current.length > 0 && (current.length >= maxItems || (maxBytes !== undefined && size + 1 + raw > maxBytes))) {
      yield make(current);
      current = [];
      size = base;
    }
    size += raw + (current.length ? 1 : 0);
    current.push(item);
  }
  if (current.length) yield make(current);
}
