// AWS "Distributed Map state": child workflow executions, ItemBatcher, tolerated failure
// thresholds ("Tolerated failure threshold for Distributed Map state"), Label, Map Run events.
import { describe, expect, it } from 'vitest';
import { MemoryObjectStore } from '../../src/objects/index.js';
import { run } from '../helpers.js';

type Mode = 'STANDARD' | 'EXPRESS';
const proc = (states: object, type: Mode = 'STANDARD') => ({ ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: type }, StartAt: Object.keys(states)[0], States: states });
const pass = proc({ P: { Type: 'Pass', End: true } });
/** Fails for items whose `fail` is true. */
const failing = (type: Mode = 'STANDARD') =>
  proc({ C: { Type: 'Choice', Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'F' }], Default: 'P' }, F: { Type: 'Fail', Error: 'Bad', Cause: 'bad item' }, P: { Type: 'Pass', End: true } }, type);
const map = (fields: object) => ({ StartAt: 'M', States: { M: { Type: 'Map', End: true, ...fields } } });
/** `n` items of which the first `bad` fail. */
const items = (n: number, bad: number) => Array.from({ length: n }, (_, i) => ({ i, fail: i < bad }));

describe('ItemBatcher', () => {
  it('cuts batches at MaxItemsPerBatch and adds BatchInput to each', async () => {
    const r = await run(map({ ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { 'from.$': '$.from' } }, ItemsPath: '$.xs', ItemProcessor: pass }), { from: 'f', xs: [1, 2, 3] });
    expect(r.output).toEqual([
      { BatchInput: { from: 'f' }, Items: [1, 2] },
      { BatchInput: { from: 'f' }, Items: [3] },
    ]);
  });

  it('cuts batches at MaxInputBytesPerBatch, counting the batch JSON', async () => {
    // {"Items":[]} is 12 bytes; each "aaaa" 6, plus a comma between items.
    const r = await run(map({ ItemBatcher: { MaxInputBytesPerBatch: 25 }, ItemProcessor: pass }), ['aaaa', 'bbbb', 'cccc']);
    expect(r.output).toEqual([{ Items: ['aaaa', 'bbbb'] }, { Items: ['cccc'] }]);
  });

  it('reads MaxItemsPerBatchPath from the input, and JSONata expressions', async () => {
    const p = await run(map({ ItemBatcher: { MaxItemsPerBatchPath: '$.n' }, ItemsPath: '$.xs', ItemProcessor: pass }), { n: 3, xs: [1, 2, 3, 4] });
    expect(p.output).toEqual([{ Items: [1, 2, 3] }, { Items: [4] }]);
    const j = await run({ QueryLanguage: 'JSONata', ...map({ Items: '{% $states.input.xs %}', ItemBatcher: { MaxItemsPerBatch: '{% $states.input.n %}', BatchInput: { k: '{% $states.input.n * 10 %}' } }, ItemProcessor: pass }) }, { n: 1, xs: [1, 2] });
    expect(j.output).toEqual([
      { BatchInput: { k: 10 }, Items: [1] },
      { BatchInput: { k: 10 }, Items: [2] },
    ]);
  });

  it('applies ItemSelector to each item before batching', async () => {
    const r = await run(map({ ItemSelector: { 'v.$': '$$.Map.Item.Value', 'i.$': '$$.Map.Item.Index' }, ItemBatcher: { MaxItemsPerBatch: 5 }, ItemProcessor: pass }), ['a', 'b']);
    expect(r.output).toEqual([{ Items: [{ v: 'a', i: 0 }, { v: 'b', i: 1 }] }]);
  });
});

describe('tolerated failures', () => {
  it('ToleratedFailureCount: exactly the count passes, one more fails', async () => {
    const def = map({ ToleratedFailureCount: 2, ItemProcessor: failing() });
    expect((await run(def, items(5, 2))).status).toBe('SUCCEEDED');
    expect(await run(def, items(5, 3))).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
  });

  it('ToleratedFailurePercentage: failed items over total items; exactly the percentage passes', async () => {
    const def = map({ ToleratedFailurePercentage: 25, ItemProcessor: failing() });
    expect((await run(def, items(8, 2))).status).toBe('SUCCEEDED'); // 25%
    expect(await run(def, items(8, 3))).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' }); // 37.5%
    // A fraction from a path: 2 of 7 is 28.57%.
    const path = map({ ToleratedFailurePercentagePath: '$.pct', ItemsPath: '$.xs', ItemProcessor: failing() });
    expect((await run(path, { pct: 28.58, xs: items(7, 2) })).status).toBe('SUCCEEDED');
    expect((await run(path, { pct: 28.57, xs: items(7, 2) })).status).toBe('FAILED');
  });

  it('with both set, exceeding either fails the run', async () => {
    const def = map({ ToleratedFailureCount: 1, ToleratedFailurePercentage: 100, ItemProcessor: failing() });
    expect((await run(def, items(4, 1))).status).toBe('SUCCEEDED');
    expect((await run(def, items(4, 2))).error).toBe('States.ExceedToleratedFailureThreshold');
    const pct = map({ ToleratedFailureCount: 10, ToleratedFailurePercentage: 20, ItemProcessor: failing() });
    expect((await run(pct, items(4, 1))).error).toBe('States.ExceedToleratedFailureThreshold');
  });

  it('with neither set, one failure fails the run', async () => {
    const r = await run(map({ ItemProcessor: failing() }), items(3, 1));
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold', cause: 'The specified tolerated failure threshold was exceeded' });
    expect(r.types).toEqual(['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'MapRunStarted', 'MapRunFailed', 'MapStateFailed', 'ExecutionFailed']);
  });

  it('a failed batch counts all its items', async () => {
    const def = map({ ToleratedFailureCount: 2, ItemBatcher: { MaxItemsPerBatch: 3 }, ItemProcessor: proc({ F: { Type: 'Fail', Error: 'Bad' } }) });
    expect((await run(def, [1, 2])).status).toBe('SUCCEEDED');
    expect((await run(def, [1, 2, 3])).error).toBe('States.ExceedToleratedFailureThreshold');
  });

  it('a tolerated failure appears in the output as its execution record', async () => {
    const r = await run(map({ ToleratedFailureCount: 1, ItemProcessor: failing() }), items(2, 1));
    const [failed, ok] = r.output as Record<string, unknown>[];
    expect(failed).toMatchObject({ Error: 'Bad', Cause: 'bad item', Status: 'FAILED', Input: '{"i":0,"fail":true}' });
    expect(ok).toEqual({ i: 1, fail: false });
  });
});

describe('child workflow executions', () => {
  it('each STANDARD child has its own history, reachable through execution.mapRuns', async () => {
    const r = await run(map({ Label: 'Orders', ToleratedFailureCount: 1, ItemProcessor: failing() }), items(3, 1), { context: { stateMachineName: 'Shop' } });
    const [mr] = r.execution.mapRuns;
    expect(mr).toBeDefined();
    expect(mr!.mapRunArn).toMatch(/^arn:aws:states:us-east-1:123456789012:mapRun:Shop\/Orders:[0-9a-f-]{36}$/);
    expect(r.execution.history.find((e) => e.type === 'MapRunStarted')).toMatchObject({ mapRunStartedEventDetails: { mapRunArn: mr!.mapRunArn } });
    expect(mr).toMatchObject({ status: 'SUCCEEDED', label: 'Orders', stateName: 'M', executionType: 'STANDARD', toleratedFailureCount: 1 });
    expect(mr!.itemCounts).toMatchObject({ total: 3, succeeded: 2, failed: 1, running: 0, resultsWritten: 3 });
    expect(mr!.executions).toHaveLength(3);
    const failed = mr!.executions.find((e) => e.status === 'FAILED')!;
    expect(failed.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:execution:Shop\/Orders:/);
    expect(failed).toMatchObject({ error: 'Bad', cause: 'bad item', input: { i: 0, fail: true } });
    expect(failed.history.map((e) => e.type)).toEqual(['ExecutionStarted', 'ChoiceStateEntered', 'ChoiceStateExited', 'FailStateEntered', 'ExecutionFailed']);
    const ok = mr!.executions.find((e) => e.status === 'SUCCEEDED')!;
    expect(ok.history.at(-1)).toMatchObject({ type: 'ExecutionSucceeded' });
    // None of the children's events are in the parent.
    expect(r.types.filter((t) => t.startsWith('Choice') || t.startsWith('Pass'))).toEqual([]);
  });

  it('EXPRESS children run the same way but keep no history', async () => {
    const r = await run(map({ ToleratedFailureCount: 1, ItemProcessor: failing('EXPRESS') }), items(3, 1));
    expect(r.status).toBe('SUCCEEDED');
    const [mr] = r.execution.mapRuns;
    expect(mr).toMatchObject({ executionType: 'EXPRESS', executions: [] });
    expect(mr!.executionCounts).toMatchObject({ total: 3, succeeded: 2, failed: 1 });
  });

  it("sees $$.Execution of its own child execution, and not the parent's variables", async () => {
    const def = {
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { secret: 1 }, Next: 'M' },
        M: {
          Type: 'Map',
          ItemProcessor: proc({ P: { Type: 'Pass', Parameters: { 'id.$': '$$.Execution.Id', 'input.$': '$$.Execution.Input' }, End: true } }),
          End: true,
        },
      },
    };
    const r = await run(def, ['x']);
    const [out] = r.output as { id: string; input: unknown }[];
    expect(out!.id).toBe(r.execution.mapRuns[0]!.executions[0]!.executionArn);
    expect(out!.input).toBe('x');
    const reads = await run({ ...def, States: { ...def.States, M: { ...def.States.M, ItemProcessor: proc({ P: { Type: 'Pass', Parameters: { 'v.$': '$secret' }, End: true } }) } } }, ['x']);
    expect(reads.status).toBe('FAILED');
  });

  it('MaxConcurrency bounds the children running at once', async () => {
    let running = 0;
    let peak = 0;
    const handlers = {
      'arn:aws:lambda:us-east-1:123456789012:function:work': async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setImmediate(r));
        running--;
        return 1;
      },
    };
    const r = await run(map({ MaxConcurrency: 3, ItemProcessor: proc({ T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:work', End: true } }) }), items(10, 0), { handlers });
    expect(r.status).toBe('SUCCEEDED');
    expect(peak).toBe(3);
  });

  it('a Map with a ResultWriter also runs as a Map Run from the state input', async () => {
    const objectStore = new MemoryObjectStore({ out: {} });
    const r = await run(map({ ItemProcessor: pass, ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'out', Prefix: 'p' } } }), [1], { objectStore });
    expect(r.status).toBe('SUCCEEDED');
    expect(objectStore.keys('out')).toHaveLength(2);
  });
});

describe('stopping the parent', () => {
  it('aborts the running children and records MapRunAborted', async () => {
    const { StateMachine } = await import('../../src/index.js');
    let started = 0;
    const handlers = {
      'arn:aws:lambda:us-east-1:123456789012:function:slow': (_input: unknown, ctx: { signal: AbortSignal }) =>
        new Promise((_resolve, reject) => {
          started++;
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason));
        }),
    };
    const machine = new StateMachine(map({ ItemProcessor: proc({ T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:slow', End: true } }) }), { handlers });
    const execution = machine.start(items(3, 0));
    while (started < 3) await new Promise((r) => setImmediate(r));
    execution.stop();
    const result = await execution.result;
    expect(result.status).toBe('ABORTED');
    expect(execution.history.map((e) => e.type)).toContain('MapRunAborted');
    expect(execution.mapRuns[0]).toMatchObject({ status: 'ABORTED', executionCounts: { aborted: 3, running: 0 } });
  });
});
