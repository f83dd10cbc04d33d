import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../src/index.js';
import { run } from '../helpers.js';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:Double';

/** A Map over the input array: a Task (the handler given to run) then a Pass, per item. */
const taskMap = (maxConcurrency: number) => ({
  StartAt: 'M',
  States: {
    M: {
      Type: 'Map',
      MaxConcurrency: maxConcurrency,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Double',
        States: {
          Double: { Type: 'Task', Resource: LAMBDA, ResultPath: '$.d', Next: 'Sum' },
          Sum: { Type: 'Pass', Parameters: { 'sum.$': 'States.MathAdd($.v, $.d)' }, End: true },
        },
      },
      End: true,
    },
  },
});

const ITERATION = ['MapIterationStarted', 'TaskStateEntered', 'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionSucceeded', 'TaskStateExited', 'PassStateEntered', 'PassStateExited', 'MapIterationSucceeded'];

const iterationIndex = (e: HistoryEvent) =>
  (e as { mapIterationStartedEventDetails?: { index: number }; mapIterationSucceededEventDetails?: { index: number } }).mapIterationStartedEventDetails?.index ??
  (e as { mapIterationSucceededEventDetails?: { index: number } }).mapIterationSucceededEventDetails?.index;

// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html — AWS's recorded
// MaxConcurrency 1 histories: each iteration's events follow one another, and the next
// MapIterationStarted follows the previous iteration's last state event.
describe('inline Map iterations that complete synchronously', () => {
  for (const maxConcurrency of [0, 1, 40]) {
    it(`write each iteration's events contiguously, in item order (MaxConcurrency ${maxConcurrency})`, async () => {
      const items = [{ v: 1 }, { v: 2 }, { v: 3 }];
      const r = await run(taskMap(maxConcurrency), items, { handlers: { [LAMBDA]: (x: { v: number }) => x.v * 2 } });
      expect(r.output).toEqual([{ sum: 3 }, { sum: 6 }, { sum: 9 }]);
      const h = r.execution.history;
      const first = h.findIndex((e) => e.type === 'MapIterationStarted');
      expect(r.types.slice(first, first + 3 * ITERATION.length)).toEqual([...ITERATION, ...ITERATION, ...ITERATION]);
      const starts = h.filter((e) => e.type === 'MapIterationStarted');
      expect(starts.map(iterationIndex)).toEqual([0, 1, 2]);
      // Iteration 0 follows MapStateStarted; iteration i + 1 follows iteration i's PassStateExited.
      expect(h[starts[0]!.previousEventId - 1]!.type).toBe('MapStateStarted');
      for (const s of starts.slice(1)) expect(h[s.previousEventId - 1]!.type).toBe('PassStateExited');
      const succeeded = h.filter((e) => e.type === 'MapIterationSucceeded');
      for (const s of succeeded) expect(h[s.previousEventId - 1]!.type).toBe('PassStateExited');
    });
  }

  it('still run at most MaxConcurrency handlers at once when handlers wait', async () => {
    let running = 0;
    let peak = 0;
    const slow = async (x: { v: number }) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running--;
      return x.v * 2;
    };
    const r = await run(taskMap(2), [{ v: 1 }, { v: 2 }, { v: 3 }, { v: 4 }, { v: 5 }], { handlers: { [LAMBDA]: slow } });
    expect(r.output).toEqual([{ sum: 3 }, { sum: 6 }, { sum: 9 }, { sum: 12 }, { sum: 15 }]);
    expect(peak).toBe(2);
  });

  it('a failing iteration stops the Map: no later item starts, and the Map fails with its error', async () => {
    const seen: number[] = [];
    const handler = (x: { v: number }) => {
      seen.push(x.v);
      if (x.v === 2) throw Object.assign(new Error('two'), { name: 'Item.Bad' });
      return x.v * 2;
    };
    const r = await run(taskMap(0), [{ v: 1 }, { v: 2 }, { v: 3 }], { handlers: { [LAMBDA]: handler } });
    expect(r).toMatchObject({ status: 'FAILED', error: 'Item.Bad', cause: 'two' });
    expect(seen).toEqual([1, 2]);
    expect(r.types.filter((t) => t === 'MapIterationStarted')).toHaveLength(2);
    expect(r.types.slice(-4)).toEqual(['LambdaFunctionFailed', 'MapIterationFailed', 'MapStateFailed', 'ExecutionFailed']);
  });
});
