/**
 * testState reads the engine's own values through the execution's inspect hook, so settings
 * given as JSONata expressions are reported as evaluated (AWS TestState "InspectionData").
 */
import { describe, expect, it } from 'vitest';
import { StateMachine, VirtualClock } from '../../src/index.js';
import { Execution } from '../../src/runtime/execution.js';
import type { InspectStep } from '../../src/runtime/frame.js';
import { testState } from '../../src/testing/index.js';

const invoke = 'arn:aws:states:::lambda:invoke';

describe('testState: Map settings come from the run, in either query language', () => {
  it('JSONata: MaxConcurrency, ToleratedFailureCount and the iteration inputs as evaluated', async () => {
    const map = {
      Type: 'Map',
      QueryLanguage: 'JSONata',
      Items: '{% $states.input.xs %}',
      ItemSelector: { v: '{% $states.context.Map.Item.Value * 10 %}' },
      MaxConcurrency: '{% 1 + 1 %}',
      ToleratedFailureCount: '{% 3 %}',
      ItemProcessor: { StartAt: 'T', States: { T: { Type: 'Task', Resource: invoke, Output: '{% $states.result.Payload %}', End: true } } },
      End: true,
    };
    const r = await testState(map, { input: { xs: [1, 2] }, mocks: { T: { Payload: 'ok' } }, inspectionLevel: 'DEBUG' });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.inspectionData).toMatchObject({ afterItemSelector: [{ v: 10 }, { v: 20 }], maxConcurrency: 2, toleratedFailureCount: 3, result: ['ok', 'ok'] });
    // ItemsPath is JSONPath only.
    expect(r.inspectionData).not.toHaveProperty('afterItemsPath');
  });

  it('JSONPath: MaxConcurrencyPath read from the input', async () => {
    const map = {
      Type: 'Map',
      MaxConcurrencyPath: '$.limit',
      ItemsPath: '$.xs',
      ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
      End: true,
    };
    const r = await testState(map, { input: { xs: ['a'], limit: 4 }, inspectionLevel: 'DEBUG' });
    expect(r.inspectionData).toMatchObject({ afterItemsPath: ['a'], afterItemSelector: ['a'], maxConcurrency: 4 });
  });
});

describe('ExecutionSettings.inspect', () => {
  const machine = new StateMachine({ StartAt: 'P', States: { P: { Type: 'Pass', InputPath: '$.a', Result: { r: 1 }, ResultPath: '$.out', End: true } } });
  const start = (inspect: (step: InspectStep, value: unknown) => void) =>
    new Execution({ ...machine['settings']({ clock: new VirtualClock(0) }), inspect: (_frame, step, value) => inspect(step, value) }, { a: { b: 2 } });

  it('reports each step of the data flow in AWS order, then the output and next state', async () => {
    const seen: [InspectStep, unknown][] = [];
    const e = start((step, value) => seen.push([step, value]));
    expect(await e.result).toEqual({ status: 'SUCCEEDED', output: { a: { b: 2 }, out: { r: 1 } } });
    expect(seen.map(([s]) => s)).toEqual(['afterInputPath', 'result', 'afterResultSelector', 'afterResultPath', 'output', 'nextState']);
    expect(seen[0]).toEqual(['afterInputPath', { b: 2 }]);
    expect(seen.at(-1)).toEqual(['nextState', undefined]);
  });

  it('an inspector that throws does not change the run', async () => {
    const e = start(() => {
      throw new Error('inspector bug');
    });
    expect(await e.result).toEqual({ status: 'SUCCEEDED', output: { a: { b: 2 }, out: { r: 1 } } });
  });
});
