/**
 * Where a Map Run's results go (see ./map-writer.ts): kept in item order for the state output,
 * or written to the object store as result files. Imported on a Distributed Map's first run.
 */
import { StatesError, StatesErrors } from '../../errors.js';
import { ObjectStoreError, type ObjectStore } from '../../objects/types.js';
import { utf8Size } from '../payload.js';

/** One finished child execution, as the writer needs it. */
export interface ChildResult {
  readonly executionArn: string;
  readonly name: string;
  readonly stateMachineArn: string;
  readonly status: 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  readonly input: unknown;
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  readonly startMs: number;
  readonly stopMs: number;
  /** STANDARD children can be redriven after failing; EXPRESS ones are not. */
  readonly standard: boolean;
}

/** Collects one Map Run's results. */
export interface ResultSink {
  add(index: number, r: ChildResult): Promise<void>;
  /** Writes what is left and returns the Map's result. */
  finish(): Promise<unknown>;
}

/** How results are written (WriterConfig.Transformation). */
export type Transformation = 'NONE' | 'COMPACT' | 'FLATTEN';

/** AWS's record of a child execution (Transformation NONE, and every failed child). */
export function executionRecord(r: ChildResult): Record<string, unknown> {
  const input = JSON.stringify(r.input) ?? 'null';
  const rec: Record<string, unknown> = {};
  if (r.status !== 'SUCCEEDED') {
    if (r.cause !== undefined) rec.Cause = r.cause;
    if (r.error !== undefined) rec.Error = r.error;
  }
  rec.ExecutionArn = r.executionArn;
  rec.Input = input;
  rec.InputDetails = { Included: true };
  rec.Name = r.name;
  if (r.status === 'SUCCEEDED') {
    rec.Output = JSON.stringify(r.output) ?? 'null';
    rec.OutputDetails = { Included: true };
  }
  rec.RedriveCount = 0;
  if (r.status === 'SUCCEEDED') {
    rec.RedriveStatus = 'NOT_REDRIVABLE';
    rec.RedriveStatusReason = 'Execution is SUCCEEDED and cannot be redriven';
  } else if (r.standard) {
    rec.RedriveStatus = 'REDRIVABLE';
  } else {
    rec.RedriveStatus = 'NOT_REDRIVABLE';
    rec.RedriveStatusReason = 'Execution is EXPRESS and cannot be redriven';
  }
  rec.StartDate = new Date(r.startMs).toISOString();
  rec.StateMachineArn = r.stateMachineArn;
  rec.Status = r.status;
  rec.StopDate = new Date(r.stopMs).toISOString();
  return rec;
}

/** The values a result contributes: the record, the output, or (FLATTEN) an array output's elements. */
function values(r: ChildResult, t: Transformation): unknown[] {
  if (r.status !== 'SUCCEEDED' || t === 'NONE') return [executionRecord(r)];
  if (t === 'FLATTEN' && Array.isArray(r.output)) return r.output;
  return [r.output];
}

/** Results kept in item order for the state output. */
export class StateOutputSink implements ResultSink {
  private readonly results: unknown[][] = [];
  constructor(private readonly t: Transformation) {}
  async add(index: number, r: ChildResult): Promise<void> {
    this.results[index] = values(r, this.t);
  }
  async finish(): Promise<unknown> {
    const out: unknown[] = [];
    for (const vs of this.results) if (vs) for (const v of vs) out.push(v);
    return out;
  }
}

type FileStatus = 'SUCCEEDED' | 'FAILED' | 'PENDING';

/** One status's current file: serialised values, flushed when it reaches the size limit. */
class FileBuffer {
  parts: string[] = [];
  bytes = 0;
  next = 0;
  readonly files: { Key: string; Size: number }[] = [];
  constructor(readonly status: FileStatus) {}
}

/** Results written as they come: `SUCCEEDED_n.json`, `FAILED_n.json`, then manifest.json. */
export class FileSink implements ResultSink {
  private readonly buffers = new Map<FileStatus, FileBuffer>();
  /** Files go under `Prefix/<map run id>/`; the id is the Map Run ARN's last part. */
  private readonly dir: string;
  constructor(
    private readonly store: ObjectStore,
    private readonly bucket: string,
    prefix: string,
    private readonly mapRunArn: string,
    private readonly t: Transformation,
    private readonly jsonl: boolean,
    private readonly fileBytes: number,
  ) {
    this.dir = `${prefix ? `${prefix}/` : ''}${mapRunArn.slice(mapRunArn.lastIndexOf(':') + 1)}/`;
    for (const s of ['SUCCEEDED', 'FAILED', 'PENDING'] as const) this.buffers.set(s, new FileBuffer(s));
  }

  async add(_index: number, r: ChildResult): Promise<void> {
    const b = this.buffers.get(r.status === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED')!;
    for (const v of values(r, this.t)) {
      const text = JSON.stringify(v) ?? 'null';
      b.parts.push(text);
      b.bytes += utf8Size(text) + 1;
    }
    if (b.bytes >= this.fileBytes) await this.flush(b);
  }

  async finish(): Promise<unknown> {
    const mapRunArn = this.mapRunArn;
    for (const b of this.buffers.values()) if (b.parts.length) await this.flush(b);
    const key = `${this.dir}manifest.json`;
    const files = (s: FileStatus) => this.buffers.get(s)!.files;
    const manifest = { DestinationBucket: this.bucket, MapRunArn: mapRunArn, ResultFiles: { FAILED: files('FAILED'), PENDING: files('PENDING'), SUCCEEDED: files('SUCCEEDED') } };
    await this.put(key, JSON.stringify(manifest));
    return { MapRunArn: mapRunArn, ResultWriterDetails: { Bucket: this.bucket, Key: key } };
  }

  private async flush(b: FileBuffer): Promise<void> {
    const body = this.jsonl ? `${b.parts.join('\n')}\n` : `[${b.parts.join(',')}]`;
    const key = `${this.dir}${b.status}_${b.next++}.json`;
    b.parts = [];
    b.bytes = 0;
    b.files.push({ Key: key, Size: utf8Size(body) });
    await this.put(key, body);
  }

  private async put(key: string, body: string): Promise<void> {
    try {
      await this.store.putObject({ Bucket: this.bucket, Key: key, Body: body, ContentType: 'application/json' });
    } catch (e) {
      const why = e instanceof ObjectStoreError ? `${e.message} (Service: Amazon S3; Error Code: ${e.code})` : e instanceof Error ? e.message : String(e);
      throw new StatesError(StatesErrors.ResultWriterFailed, `Failed to write ${key} to bucket ${this.bucket}: ${why}`);
    }
  }
}
