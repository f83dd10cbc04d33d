/**
 * The Map Run's results: without ResultWriter (or with only WriterConfig) an array in the
 * state output; with ResultWriter's Resource, files under `Prefix/<map run id>/` written through
 * the object store as results come in, and a manifest.json. AWS: "ResultWriter (Map)".
 */
import type { Json } from '../../definition/types.js';
import { StatesError, StatesErrors } from '../../errors.js';
import { compileJsonataTemplate } from '../../query/jsonata/index.js';
import { compileTemplate } from '../../query/jsonpath/template.js';
import type { ObjectStore } from '../../objects/types.js';
import { bindings } from '../dataflow/jsonata.js';
import type { Frame } from '../frame.js';
import { lazyModule } from './map-lazy.js';
import type { ResultSink, Transformation } from './map-sinks.js';

export type { ChildResult, ResultSink } from './map-sinks.js';

/** The result sinks, loaded on a Distributed Map's first run. */
const sinks = lazyModule(() => import('./map-sinks.js'));

/** Result files are cut at this size, so a Map Run's results never sit whole in memory. */
export const RESULT_FILE_BYTES = 8 * 1024 * 1024;

/** Compiles a ResultWriter (or its absence) into a sink factory for one run. */
export function compileResultWriter(
  def: Readonly<Record<string, Json>> | undefined,
  jsonata: boolean,
): (selected: unknown, raw: unknown, frame: Frame, store: ObjectStore | undefined, mapRunArn: string, fileBytes?: number) => Promise<ResultSink> {
  const config = (def?.WriterConfig ?? {}) as Readonly<Record<string, Json>>;
  const resource = def?.Resource;
  const template = jsonata ? def?.Arguments : def?.Parameters;
  const params =
    template === undefined
      ? undefined
      : jsonata
        ? ((t) => (_s: unknown, raw: unknown, frame: Frame) => t(bindings(frame, raw)))(compileJsonataTemplate(template, 'Arguments'))
        : ((t) => (selected: unknown, _raw: unknown, frame: Frame) => t(frame.scope(selected)))(compileTemplate(template, 'Parameters'));
  // AWS: NONE is the default when results go to S3, COMPACT when they stay in the state output.
  const transformation = (config.Transformation as Transformation | undefined) ?? (resource !== undefined ? 'NONE' : 'COMPACT');
  const jsonl = config.OutputType === 'JSONL';
  return async (selected, raw, frame, store, mapRunArn, fileBytes = RESULT_FILE_BYTES) => {
    const { FileSink, StateOutputSink } = sinks.value ?? (await sinks.load(frame.env.clock));
    if (resource === undefined) return new StateOutputSink(transformation);
    if (!store) throw new StatesError(StatesErrors.ResultWriterFailed, 'The ResultWriter writes with s3:putObject, but no object store was given: pass the objectStore run option.');
    const p = ((params ? await params(selected, raw, frame) : {}) ?? {}) as { Bucket?: unknown; Prefix?: unknown };
    if (typeof p.Bucket !== 'string' || p.Bucket === '') throw new StatesError(StatesErrors.ResultWriterFailed, `The ResultWriter's Bucket must be a non-empty string, got ${JSON.stringify(p.Bucket)}`);
    const prefix = typeof p.Prefix === 'string' ? p.Prefix.replace(/\/+$/, '') : '';
    return new FileSink(store, p.Bucket, prefix, mapRunArn, transformation, jsonl, fileBytes);
  };
}

