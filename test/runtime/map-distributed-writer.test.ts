// AWS "ResultWriter (Map)": results written under Prefix/<map run id>/ as SUCCEEDED_n.json,
// FAILED_n.json and PENDING_n.json with a manifest.json; the Map's output becomes
// { MapRunArn, ResultWriterDetails }; WriterConfig's Transformation and OutputType.
import { describe, expect, it } from 'vitest';
import { MemoryObjectStore } from '../../src/objects/index.js';
import type { Frame } from '../../src/runtime/frame.js';
import { compileResultWriter, type ChildResult } from '../../src/runtime/states/map-writer.js';
import { run } from '../helpers.js';

const proc = { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'C', States: {
  C: { Type: 'Choice', Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'F' }], Default: 'P' },
  F: { Type: 'Fail', Error: 'Bad', Cause: 'bad item' },
  P: { Type: 'Pass', Parameters: { 'id.$': '$.id', 'pair.$': 'States.Array($.id, $.id)' }, End: true },
} };
const writer = (extra: object = {}) => ({ Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'out', Prefix: 'jobs' }, ...extra });
const map = (fields: object) => ({ StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: proc, ToleratedFailureCount: 5, End: true, ...fields } } });
/** Predictable ids: the Map Run gets the first. */
function ids() {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(n++).padStart(12, '0')}`;
}
const input = [{ id: 1, fail: false }, { id: 2, fail: true }, { id: 3, fail: false }];

describe('ResultWriter', () => {
  it("writes manifest.json and the result files in AWS's formats, and outputs MapRunArn and ResultWriterDetails", async () => {
    const objectStore = new MemoryObjectStore({ out: {} });
    const r = await run(map({ ResultWriter: writer() }), input, { objectStore, uuid: ids(), context: { stateMachineName: 'csvProcess' } });
    expect(r.status).toBe('SUCCEEDED');
    const runId = '00000000-0000-4000-8000-000000000001';
    const mapRunArn = `arn:aws:states:us-east-1:123456789012:mapRun:csvProcess/M:${runId}`;
    expect(r.output).toEqual({ MapRunArn: mapRunArn, ResultWriterDetails: { Bucket: 'out', Key: `jobs/${runId}/manifest.json` } });
    expect(objectStore.keys('out')).toEqual([`jobs/${runId}/FAILED_0.json`, `jobs/${runId}/SUCCEEDED_0.json`, `jobs/${runId}/manifest.json`]);

    const succeeded = JSON.parse(objectStore.text('out', `jobs/${runId}/SUCCEEDED_0.json`)!) as Record<string, unknown>[];
    const failed = JSON.parse(objectStore.text('out', `jobs/${runId}/FAILED_0.json`)!) as Record<string, unknown>[];
    const manifest = JSON.parse(objectStore.text('out', `jobs/${runId}/manifest.json`)!);
    // manifest.json as AWS documents it.
    expect(manifest).toEqual({
      DestinationBucket: 'out',
      MapRunArn: mapRunArn,
      ResultFiles: {
        FAILED: [{ Key: `jobs/${runId}/FAILED_0.json`, Size: Buffer.byteLength(objectStore.text('out', `jobs/${runId}/FAILED_0.json`)!) }],
        PENDING: [],
        SUCCEEDED: [{ Key: `jobs/${runId}/SUCCEEDED_0.json`, Size: Buffer.byteLength(objectStore.text('out', `jobs/${runId}/SUCCEEDED_0.json`)!) }],
      },
    });
    // A SUCCEEDED record (Transformation NONE, the default with S3): the child execution's
    // description with input and output as JSON text.
    expect(succeeded).toHaveLength(2);
    const first = succeeded.find((s) => s.Input === '{"id":1,"fail":false}')!;
    expect(Object.keys(first)).toEqual(['ExecutionArn', 'Input', 'InputDetails', 'Name', 'Output', 'OutputDetails', 'RedriveCount', 'RedriveStatus', 'RedriveStatusReason', 'StartDate', 'StateMachineArn', 'Status', 'StopDate']);
    expect(first).toMatchObject({
      ExecutionArn: expect.stringMatching(/^arn:aws:states:us-east-1:123456789012:execution:csvProcess\/M:/),
      InputDetails: { Included: true },
      Output: '{"id":1,"pair":[1,1]}',
      OutputDetails: { Included: true },
      RedriveCount: 0,
      RedriveStatus: 'NOT_REDRIVABLE',
      RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
      StartDate: '2024-01-01T00:00:00.000Z',
      StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:csvProcess/M',
      Status: 'SUCCEEDED',
    });
    expect(first.Name).toBe((first.ExecutionArn as string).split(':').at(-1));
    // A FAILED record carries Error and Cause, and no output.
    expect(failed).toEqual([
      expect.objectContaining({ Cause: 'bad item', Error: 'Bad', Input: '{"id":2,"fail":true}', Status: 'FAILED', RedriveStatus: 'REDRIVABLE' }),
    ]);
    expect(failed[0]).not.toHaveProperty('Output');
  });

  it('WriterConfig COMPACT writes only outputs; failed children keep their full record', async () => {
    const objectStore = new MemoryObjectStore({ out: {} });
    const r = await run(map({ ResultWriter: writer({ WriterConfig: { Transformation: 'COMPACT', OutputType: 'JSON' } }) }), input, { objectStore, uuid: ids() });
    const dir = (r.output as { ResultWriterDetails: { Key: string } }).ResultWriterDetails.Key.replace('manifest.json', '');
    expect(JSON.parse(objectStore.text('out', `${dir}SUCCEEDED_0.json`)!)).toEqual([
      { id: 1, pair: [1, 1] },
      { id: 3, pair: [3, 3] },
    ]);
    expect(JSON.parse(objectStore.text('out', `${dir}FAILED_0.json`)!)[0]).toMatchObject({ Error: 'Bad', Status: 'FAILED' });
  });

  it('WriterConfig FLATTEN with OutputType JSONL writes array outputs flattened, one JSON value a line', async () => {
    const objectStore = new MemoryObjectStore({ out: {} });
    const def = map({ ItemSelector: { 'v.$': '$$.Map.Item.Value.id' }, ItemProcessor: { ...proc, StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'a.$': 'States.Array($.v, $.v)' }, OutputPath: '$.a', End: true } } }, ResultWriter: writer({ WriterConfig: { Transformation: 'FLATTEN', OutputType: 'JSONL' } }) });
    const r = await run(def, [{ id: 1 }, { id: 2 }], { objectStore, uuid: ids() });
    const dir = (r.output as { ResultWriterDetails: { Key: string } }).ResultWriterDetails.Key.replace('manifest.json', '');
    expect(objectStore.text('out', `${dir}SUCCEEDED_0.json`)).toBe('1\n1\n2\n2\n');
  });

  it('WriterConfig alone shapes the state output instead of writing files', async () => {
    const flat = map({ ItemProcessor: { ...proc, StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'a.$': 'States.Array($.id)' }, OutputPath: '$.a', End: true } } }, ResultWriter: { WriterConfig: { Transformation: 'FLATTEN', OutputType: 'JSON' } } });
    expect((await run(flat, [{ id: 1 }, { id: 2 }])).output).toEqual([1, 2]);
    const none = map({ ResultWriter: { WriterConfig: { Transformation: 'NONE', OutputType: 'JSON' } } });
    const out = (await run(none, [{ id: 1, fail: false }])).output as Record<string, unknown>[];
    expect(out[0]).toMatchObject({ Status: 'SUCCEEDED', Input: '{"id":1,"fail":false}', Output: '{"id":1,"pair":[1,1]}' });
  });

  it('writes the results of a run that exceeds the tolerated failures, then fails it', async () => {
    const objectStore = new MemoryObjectStore({ out: {} });
    const r = await run(map({ ToleratedFailureCount: 0, MaxConcurrency: 1, ResultWriter: writer() }), input, { objectStore, uuid: ids() });
    expect(r.error).toBe('States.ExceedToleratedFailureThreshold');
    const manifestKey = objectStore.keys('out').find((k) => k.endsWith('manifest.json'))!;
    const manifest = JSON.parse(objectStore.text('out', manifestKey)!);
    expect(manifest.ResultFiles.FAILED).toHaveLength(1);
    expect(manifest.ResultFiles.SUCCEEDED).toHaveLength(1);
  });

  it('fails with States.ResultWriterFailed when the bucket does not exist, or no store was given', async () => {
    const r = await run(map({ ResultWriter: writer() }), input, { objectStore: new MemoryObjectStore({}) });
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.ResultWriterFailed' });
    expect(r.cause).toContain('NoSuchBucket');
    expect((await run(map({ ResultWriter: writer() }), input)).error).toBe('States.ResultWriterFailed');
  });

  it('Arguments in JSONata give the bucket and prefix', async () => {
    const objectStore = new MemoryObjectStore({ out: {} });
    const def = {
      QueryLanguage: 'JSONata',
      StartAt: 'M',
      States: { M: { Type: 'Map', Items: '{% $states.input.xs %}', ItemProcessor: { ...proc, StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }, ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Arguments: { Bucket: '{% $states.input.b %}', Prefix: 'x' } }, End: true } },
    };
    const r = await run(def, { b: 'out', xs: [1] }, { objectStore, uuid: ids() });
    expect((r.output as { ResultWriterDetails: { Bucket: string; Key: string } }).ResultWriterDetails).toMatchObject({ Bucket: 'out', Key: expect.stringMatching(/^x\/.*\/manifest\.json$/) });
  });
});

describe('result files', () => {
  it('are cut at the file size limit and listed in order in the manifest', async () => {
    const store = new MemoryObjectStore({ out: {} });
    const frame = { scope: (input: unknown) => ({ input, context: {}, variables: {} }) } as unknown as Frame;
    const sink = await compileResultWriter(writer({ WriterConfig: { Transformation: 'COMPACT', OutputType: 'JSON' } }), false)({}, {}, frame, store, 'arn:aws:states:us-east-1:1:mapRun:m/M:run1', 10);
    const result = (i: number): ChildResult => ({ executionArn: 'a', name: 'n', stateMachineArn: 's', status: 'SUCCEEDED', input: i, output: 'x'.repeat(8), startMs: 0, stopMs: 0, standard: true });
    for (let i = 0; i < 3; i++) await sink.add(i, result(i));
    await sink.finish();
    expect(store.keys('out')).toEqual(['jobs/run1/SUCCEEDED_0.json', 'jobs/run1/SUCCEEDED_1.json', 'jobs/run1/SUCCEEDED_2.json', 'jobs/run1/manifest.json']);
    expect(store.text('out', 'jobs/run1/SUCCEEDED_1.json')).toBe('["xxxxxxxx"]');
    expect(JSON.parse(store.text('out', 'jobs/run1/manifest.json')!).ResultFiles.SUCCEEDED.map((f: { Key: string }) => f.Key)).toEqual([
      'jobs/run1/SUCCEEDED_0.json',
      'jobs/run1/SUCCEEDED_1.json',
      'jobs/run1/SUCCEEDED_2.json',
    ]);
  });
});
