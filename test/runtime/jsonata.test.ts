import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

const J = 'JSONata';

// AWS "Transforming data with JSONata in Step Functions".
describe('JSONata mode', () => {
  it('Pass: Output is evaluated over $states.input; default output is the input', async () => {
    const r = await run({ QueryLanguage: J, StartAt: 'P', States: { P: { Type: 'Pass', Output: { sum: '{% $sum($states.input.n) %}', lit: 'x' }, Next: 'Q' }, Q: { Type: 'Pass', End: true } } }, { n: [1, 2, 3] });
    expect(r.output).toEqual({ sum: 6, lit: 'x' });
  });

  it('Task: Arguments are the handler input; Output sees $states.result; default output is the result', async () => {
    const handlers = { 'arn:aws:states:::calc:add': (i: { a: number; b: number }) => ({ total: i.a + i.b }) };
    const withOutput = await run(
      { QueryLanguage: J, StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::calc:add', Arguments: { a: '{% $states.input.x %}', b: 2 }, Output: '{% $states.result.total * 10 %}', End: true } } },
      { x: 1 },
      { handlers },
    );
    expect(withOutput.output).toBe(30);
    const byDefault = await run(
      { QueryLanguage: J, StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::calc:add', Arguments: { a: 1, b: 1 }, End: true } } },
      {},
      { handlers },
    );
    expect(byDefault.output).toEqual({ total: 2 });
  });

  it('Catch: the catcher Output sees $states.errorOutput; the state Output is not evaluated', async () => {
    const r = await run(
      {
        QueryLanguage: J,
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::x:y',
            Output: '{% $states.result %}',
            Catch: [{ ErrorEquals: ['States.ALL'], Output: { in: '{% $states.input %}', err: '{% $states.errorOutput.Error %}' }, Next: 'Done' }],
            End: true,
          },
          Done: { Type: 'Succeed' },
        },
      },
      { a: 1 },
      { handlers: { 'arn:aws:states:::x:y': () => { throw Object.assign(new Error('m'), { name: 'Bad' }); } } },
    );
    expect(r.output).toEqual({ in: { a: 1 }, err: 'Bad' });
  });

  it('Choice: Condition expressions pick the branch; a non-boolean is States.QueryEvaluationError', async () => {
    const def = (cond: string) => ({
      QueryLanguage: J,
      StartAt: 'C',
      States: { C: { Type: 'Choice', Choices: [{ Condition: cond, Next: 'Y' }], Default: 'N' }, Y: { Type: 'Pass', Output: 'y', End: true }, N: { Type: 'Pass', Output: 'n', End: true } },
    });
    expect((await run(def('{% $states.input.v > 1 %}'), { v: 2 })).output).toBe('y');
    expect((await run(def('{% $states.input.v > 1 %}'), { v: 0 })).output).toBe('n');
    expect(await run(def('{% $states.input.v %}'), { v: 1 })).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError' });
  });

  it('Wait: Seconds and Timestamp take expressions', async () => {
    const r = await run({ QueryLanguage: J, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: '{% $states.input.s * 2 %}', End: true } } }, { s: 30 });
    expect(r.execution.history.at(-1)!.timestamp).toBe('2024-01-01T00:01:00.000Z');
  });

  it('Map: Items and ItemSelector take expressions, with $states.context.Map.Item', async () => {
    const r = await run(
      {
        QueryLanguage: J,
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            Items: '{% $states.input.list %}',
            ItemSelector: { i: '{% $states.context.Map.Item.Index %}', v: '{% $states.context.Map.Item.Value * 2 %}' },
            ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
            End: true,
          },
        },
      },
      { list: [5, 6] },
    );
    expect(r.output).toEqual([{ i: 0, v: 10 }, { i: 1, v: 12 }]);
  });

  it('Map: Items that are not an array fail with States.QueryEvaluationError (recorded AWS cause)', async () => {
    const r = await run({ QueryLanguage: J, StartAt: 'M', States: { M: { Type: 'Map', Items: '{% 1 %}', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } } });
    expect(r.error).toBe('States.QueryEvaluationError');
    expect(r.cause).toContain("returned an unexpected result type. Expected 'array', but was 'number' for value: 1");
    expect(r.types).toEqual(['ExecutionStarted', 'MapStateEntered', 'EvaluationFailed', 'MapStateFailed', 'ExecutionFailed']);
  });

  it('Fail: Error and Cause take expressions', async () => {
    const r = await run({ QueryLanguage: J, StartAt: 'F', States: { F: { Type: 'Fail', Error: "{% 'E' & $states.input.code %}", Cause: '{% $string($states.input) %}' } } }, { code: 7 });
    expect(r).toMatchObject({ error: 'E7', cause: '{"code":7}' });
  });

  it('an expression yielding nothing fails with States.QueryEvaluationError and an EvaluationFailed event', async () => {
    const r = await run({ QueryLanguage: J, StartAt: 'P', States: { P: { Type: 'Pass', Output: { result: '{% $doesNotExist %}' }, End: true } } });
    expect(r.error).toBe('States.QueryEvaluationError');
    expect(r.cause).toBe("An error occurred while executing the state 'P' (entered at the event id #2). The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).");
    expect(r.types).toEqual(['ExecutionStarted', 'PassStateEntered', 'EvaluationFailed', 'ExecutionFailed']);
  });

  it('a JSONPath machine can opt single states into JSONata', async () => {
    const r = await run(
      { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'v.$': '$.x' }, Next: 'B' }, B: { Type: 'Pass', QueryLanguage: J, Output: '{% $states.input.v + 1 %}', End: true } } },
      { x: 1 },
    );
    expect(r.output).toBe(2);
  });
});

describe('JSONata expressions in number and time fields', () => {
  it('TimeoutSeconds and HeartbeatSeconds take expressions', async () => {
    const slow = { 'arn:aws:states:::x:slow': (_i: unknown, ctx: { clock: { sleep(ms: number): Promise<void> } }) => ctx.clock.sleep(10_000).then(() => 'late') };
    const timeout = await run(
      { QueryLanguage: J, StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::x:slow', TimeoutSeconds: '{% $states.input.t %}', End: true } } },
      { t: 5 },
      { handlers: slow },
    );
    expect(timeout).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    const heartbeat = await run(
      { QueryLanguage: J, StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::x:slow', TimeoutSeconds: 100, HeartbeatSeconds: '{% 2 + 1 %}', End: true } } },
      {},
      { handlers: slow },
    );
    expect(heartbeat).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
  });

  it('a TimeoutSeconds expression that is not a positive integer is States.QueryEvaluationError', async () => {
    const r = await run(
      { QueryLanguage: J, StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::x:y', TimeoutSeconds: "{% 'soon' %}", End: true } } },
      {},
      { handlers: { 'arn:aws:states:::x:y': () => 1 } },
    );
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError' });
  });

  it('Timestamp takes an expression', async () => {
    const r = await run({ QueryLanguage: J, StartAt: 'W', States: { W: { Type: 'Wait', Timestamp: '{% $states.input.at %}', End: true } } }, { at: '2024-01-01T00:05:00Z' });
    expect(r.execution.history.at(-1)!.timestamp).toBe('2024-01-01T00:05:00.000Z');
  });

  it('MaxConcurrency and ToleratedFailureCount take expressions', async () => {
    let running = 0;
    let peak = 0;
    const r = await run(
      {
        QueryLanguage: J,
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            Items: '{% $states.input.items %}',
            MaxConcurrency: '{% $states.input.max %}',
            ItemProcessor: { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::x:w', End: true } } },
            End: true,
          },
        },
      },
      { items: [1, 2, 3, 4], max: 2 },
      { handlers: { 'arn:aws:states:::x:w': async (n: number, ctx: { clock: { sleep(ms: number): Promise<void> } }) => { running++; peak = Math.max(peak, running); await ctx.clock.sleep(10); running--; return n; } } },
    );
    expect(r.output).toEqual([1, 2, 3, 4]);
    expect(peak).toBe(2);

    const tolerated = await run({
      QueryLanguage: J,
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: [0, 1],
          ToleratedFailureCount: '{% 1 %}',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'C',
            States: { C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input = 0 %}', Next: 'F' }], Default: 'P' }, F: { Type: 'Fail', Error: 'Zero' }, P: { Type: 'Pass', End: true } },
          },
          End: true,
        },
      },
    });
    expect(tolerated.status).toBe('SUCCEEDED');
  });
});
