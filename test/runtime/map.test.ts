import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

const processor = (states: object, mode?: 'INLINE' | 'DISTRIBUTED') => ({
  ...(mode ? { ProcessorConfig: { Mode: mode, ...(mode === 'DISTRIBUTED' ? { ExecutionType: 'STANDARD' } : {}) } } : {}),
  StartAt: Object.keys(states)[0],
  States: states,
});

// AWS "Map workflow state" (inline and distributed).
describe('Map state', () => {
  it('runs the ItemProcessor per item of ItemsPath and returns outputs in item order', async () => {
    const r = await run(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemsPath: '$.items',
            ItemProcessor: processor({ Double: { Type: 'Pass', Parameters: { 'v.$': 'States.MathAdd($.n, $.n)' }, End: true } }),
            ResultPath: '$.out',
            End: true,
          },
        },
      },
      { items: [{ n: 1 }, { n: 2 }, { n: 3 }] },
    );
    expect(r.output).toEqual({ items: [{ n: 1 }, { n: 2 }, { n: 3 }], out: [{ v: 2 }, { v: 4 }, { v: 6 }] });
    const started = r.execution.history.find((e) => e.type === 'MapStateStarted')!;
    expect(started.mapStateStartedEventDetails).toEqual({ length: 3 });
  });

  it('ItemSelector sees the Map input as $ and the item as $$.Map.Item', async () => {
    const r = await run(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemsPath: '$.items',
            ItemSelector: { 'index.$': '$$.Map.Item.Index', 'value.$': '$$.Map.Item.Value', 'shared.$': '$.shared' },
            ItemProcessor: processor({ P: { Type: 'Pass', End: true } }),
            End: true,
          },
        },
      },
      { items: ['a', 'b'], shared: 's' },
    );
    expect(r.output).toEqual([{ index: 0, value: 'a', shared: 's' }, { index: 1, value: 'b', shared: 's' }]);
  });

  it('accepts the legacy Iterator and Parameters fields', async () => {
    const r = await run(
      { StartAt: 'M', States: { M: { Type: 'Map', Parameters: { 'v.$': '$$.Map.Item.Value' }, Iterator: processor({ P: { Type: 'Pass', End: true } }), End: true } } },
      [1, 2],
    );
    expect(r.output).toEqual([{ v: 1 }, { v: 2 }]);
  });

  it('MaxConcurrency limits how many iterations run at once (0 = no limit)', async () => {
    for (const [max, expected] of [[2, 2], [0, 6]] as const) {
      let running = 0;
      let peak = 0;
      const r = await run(
        { StartAt: 'M', States: { M: { Type: 'Map', MaxConcurrency: max, ItemProcessor: processor({ T: { Type: 'Task', Resource: 'arn:aws:states:::work:do', End: true } }), End: true } } },
        [1, 2, 3, 4, 5, 6],
        {
          handlers: {
            'arn:aws:states:::work:do': async (n: number, ctx) => {
              running++;
              peak = Math.max(peak, running);
              await ctx.clock.sleep(1000);
              running--;
              return n * 10;
            },
          },
        },
      );
      expect(r.output).toEqual([10, 20, 30, 40, 50, 60]);
      expect(peak).toBe(expected);
    }
  });

  it('fails with the failing iteration\'s error and stops the rest', async () => {
    const r = await run(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            MaxConcurrency: 1,
            ItemProcessor: processor({
              C: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 2, Next: 'F' }], Default: 'P' },
              F: { Type: 'Fail', Error: 'SomeFailure', Cause: 'two' },
              P: { Type: 'Pass', End: true },
            }),
            End: true,
          },
        },
      },
      [1, 2, 3],
    );
    expect(r).toMatchObject({ status: 'FAILED', error: 'SomeFailure', cause: 'two' });
    expect(r.types.filter((t) => t === 'MapIterationStarted')).toHaveLength(2);
    expect(r.types.slice(-3)).toEqual(['MapIterationFailed', 'MapStateFailed', 'ExecutionFailed']);
  });

  it('fails with States.Runtime when ItemsPath is not an array', async () => {
    const r = await run({ StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.x', ItemProcessor: processor({ P: { Type: 'Pass', End: true } }), End: true } } }, { x: 5 });
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  it('reads MaxConcurrencyPath and rejects a value that is not an integer', async () => {
    const def = { StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.items', MaxConcurrencyPath: '$.max', ItemProcessor: processor({ P: { Type: 'Pass', End: true } }), End: true } } };
    expect((await run(def, { items: [1], max: 1 })).status).toBe('SUCCEEDED');
    const bad = await run(def, { items: [1], max: 'NoNumber' });
    expect(bad.error).toBe('States.Runtime');
    expect(bad.cause).toContain('MaxConcurrencyPath');
  });

  it('in DISTRIBUTED mode runs a Map Run whose iterations stay out of the parent history', async () => {
    const r = await run(
      { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: processor({ P: { Type: 'Pass', End: true } }, 'DISTRIBUTED'), End: true } } },
      ['Hello', 'World'],
    );
    expect(r.output).toEqual(['Hello', 'World']);
    expect(r.types).toEqual(['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'MapRunStarted', 'MapRunSucceeded', 'MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
  });

  it('tolerates failures up to ToleratedFailureCount in DISTRIBUTED mode', async () => {
    const def = (count: number) => ({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ToleratedFailureCount: count,
          ItemProcessor: processor({
            C: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 0, Next: 'F' }], Default: 'P' },
            F: { Type: 'Fail', Error: 'Zero' },
            P: { Type: 'Pass', End: true },
          }, 'DISTRIBUTED'),
          End: true,
        },
      },
    });
    expect((await run(def(1), [0, 1])).status).toBe('SUCCEEDED');
    expect(await run(def(0), [0, 1])).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
  });

  it('groups items with ItemBatcher', async () => {
    const r = await run(
      {
        StartAt: 'M',
        States: {
          M: { Type: 'Map', ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { b: 1 } }, ItemProcessor: processor({ P: { Type: 'Pass', End: true } }, 'DISTRIBUTED'), End: true },
        },
      },
      [1, 2, 3],
    );
    expect(r.output).toEqual([{ Items: [1, 2], BatchInput: { b: 1 } }, { Items: [3], BatchInput: { b: 1 } }]);
  });
});

describe('Map history links', () => {
  it('each iteration starts after the previous one\'s last state event, as AWS records it', async () => {
    const r = await run(
      { StartAt: 'M', States: { M: { Type: 'Map', MaxConcurrency: 1, ItemProcessor: processor({ P: { Type: 'Pass', End: true } }), End: true } } },
      [1, 2],
    );
    const h = r.execution.history;
    const starts = h.filter((e) => e.type === 'MapIterationStarted');
    const firstExit = h.find((e) => e.type === 'PassStateExited')!;
    expect(starts[1]!.previousEventId).toBe(firstExit.id);
  });
});

describe('Map settings read per attempt', () => {
  it('a negative ToleratedFailureCountPath fails the execution with States.Runtime and no MapStateFailed, as AWS records', async () => {
    const def = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemsPath: '$.Items',
          ToleratedFailureCountPath: '$.Tolerated',
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    };
    const r = await run(def, { Items: [0], Tolerated: -1 });
    expect(r).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: "An error occurred while executing the state 'M' (entered at the event id #2). ToleratedFailureCount cannot be negative.",
    });
    expect(r.types).toEqual(['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'ExecutionFailed']);
  });
});
