import { describe, expect, it } from 'vitest';
import { AslUsageError } from '../../src/index.js';
import { testState } from '../../src/testing/index.js';

// Modelled on AWS's TestState API (API reference: TestState, InspectionData,
// InspectionErrorDetails, TestStateConfiguration). AWS returns payloads as JSON text; testState
// returns values.

const invoke = 'arn:aws:states:::lambda:invoke';

describe('testState: Pass', () => {
  const pass = { Type: 'Pass', InputPath: '$.order', Parameters: { 'id.$': '$.id', source: 'web' }, ResultPath: '$.summary', Next: 'Ship' };

  it('INFO: status, output and the next state, no inspection data', async () => {
    const r = await testState(pass, { input: { order: { id: 3 } } });
    expect(r).toEqual({ status: 'SUCCEEDED', output: { order: { id: 3 }, summary: { id: 3, source: 'web' } }, nextState: 'Ship' });
  });

  it('DEBUG: each data-flow step, in AWS order', async () => {
    const r = await testState(pass, { input: { order: { id: 3 } }, inspectionLevel: 'DEBUG' });
    expect(r.inspectionData).toEqual({
      input: { order: { id: 3 } },
      afterInputPath: { id: 3 },
      afterParameters: { id: 3, source: 'web' },
      result: { id: 3, source: 'web' },
      afterResultSelector: { id: 3, source: 'web' },
      // InspectionData: afterResultPath is "the effective result combined with the raw state
      // input", not with the InputPath selection.
      afterResultPath: { order: { id: 3 }, summary: { id: 3, source: 'web' } },
    });
  });

  it('takes a state out of a whole machine by stateName, keeping its query language', async () => {
    const machine = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Output: '{% $states.input.n * 2 %}', End: true } },
    };
    expect(await testState(machine, { stateName: 'B', input: { n: 21 } })).toEqual({ status: 'SUCCEEDED', output: 42 });
  });

  it('starts with the given variables and reports them with what the state assigned', async () => {
    // Assign and Output are evaluated together, both with the variables from before the state
    // ("Passing data between states with variables"), so Output cannot read $total yet.
    const state = { Type: 'Pass', QueryLanguage: 'JSONata', Assign: { total: '{% $price * $states.input.qty %}' }, Output: '{% [$total, $price] %}', Next: 'Pay' };
    const r = await testState(state, { input: { qty: 3 }, variables: { price: 5 }, inspectionLevel: 'DEBUG' });
    expect(r.output).toEqual([5]);
    expect(r.nextState).toBe('Pay');
    expect(r.inspectionData?.variables).toEqual({ price: 5, total: 15 });
  });
});

describe('testState: Task', () => {
  const task = {
    Type: 'Task',
    Resource: invoke,
    Parameters: { FunctionName: 'price', 'Payload.$': '$.item' },
    ResultSelector: { 'price.$': '$.Payload.price' },
    ResultPath: '$.quote',
    OutputPath: '$.quote',
    Next: 'Done',
  };

  it('INFO: a mocked result (JSON text, the service response shape) flows through ResultSelector, ResultPath and OutputPath', async () => {
    const r = await testState(task, { input: { item: 'pen' }, mock: { result: '{"StatusCode":200,"Payload":{"price":2}}' } });
    expect(r).toEqual({ status: 'SUCCEEDED', output: { price: 2 }, nextState: 'Done' });
  });

  it('DEBUG: afterParameters is the request, result the raw response', async () => {
    const r = await testState(task, { input: { item: 'pen' }, mock: { result: '{"StatusCode":200,"Payload":{"price":2}}' }, inspectionLevel: 'DEBUG' });
    expect(r.inspectionData).toEqual({
      input: { item: 'pen' },
      afterInputPath: { item: 'pen' },
      afterParameters: { FunctionName: 'price', Payload: 'pen' },
      result: { StatusCode: 200, Payload: { price: 2 } },
      afterResultSelector: { price: 2 },
      afterResultPath: { item: 'pen', quote: { price: 2 } },
    });
  });

  it('DEBUG in JSONata: afterArguments and result (the JSONPath-only steps are absent)', async () => {
    const state = { Type: 'Task', QueryLanguage: 'JSONata', Resource: invoke, Arguments: { Payload: '{% $states.input.n %}' }, Output: '{% $states.result.Payload %}', End: true };
    const r = await testState(state, { input: { n: 1 }, mock: { result: '{"Payload":"ok"}' }, inspectionLevel: 'DEBUG' });
    expect(r).toEqual({
      status: 'SUCCEEDED',
      output: 'ok',
      inspectionData: { input: { n: 1 }, afterArguments: { Payload: 1 }, result: { Payload: 'ok' } },
    });
  });

  it('a mocked error with no Retry or Catch for it: FAILED, no next state', async () => {
    const r = await testState(task, { input: { item: 'pen' }, mock: { errorOutput: { error: 'Lambda.ServiceException', cause: 'down' } } });
    expect(r).toEqual({ status: 'FAILED', error: 'Lambda.ServiceException', cause: 'down' });
  });

  it('runs an unmocked Task with the given handlers', async () => {
    const r = await testState(task, { input: { item: 'ink' }, lambdas: { price: (item: string) => ({ price: item.length }) } });
    expect(r.output).toEqual({ price: 3 });
  });
});

describe('testState: retried and caught errors', () => {
  const guarded = {
    Type: 'Task',
    Resource: invoke,
    Retry: [
      { ErrorEquals: ['Other'], MaxAttempts: 1 },
      { ErrorEquals: ['Throttled'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3 },
    ],
    Catch: [
      { ErrorEquals: ['Fatal'], Next: 'Alert' },
      { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Recover' },
    ],
    Next: 'Done',
  };
  const throttled = { errorOutput: { error: 'Throttled', cause: 'slow down' } };

  it('RETRIABLE when a retrier matches and has attempts left; errorDetails name it and its backoff', async () => {
    const r = await testState(guarded, { input: {}, mock: throttled, inspectionLevel: 'DEBUG' });
    expect(r.status).toBe('RETRIABLE');
    expect(r).toMatchObject({ error: 'Throttled', cause: 'slow down' });
    expect(r.nextState).toBeUndefined();
    expect(r.inspectionData?.errorDetails).toEqual({ retryIndex: 1, retryBackoffIntervalSeconds: 2 });
  });

  it('retrierRetryCount simulates being on retry n: the backoff grows by BackoffRate', async () => {
    // TestStateConfiguration.retrierRetryCount: "the number of retry attempts that have occurred".
    const r = await testState(guarded, { input: {}, mock: throttled, stateConfiguration: { retrierRetryCount: 2 }, inspectionLevel: 'DEBUG' });
    expect(r.status).toBe('RETRIABLE');
    expect(r.inspectionData?.errorDetails).toEqual({ retryIndex: 1, retryBackoffIntervalSeconds: 2 * 3 * 3 });
  });

  it('CAUGHT_ERROR once the retrier is used up: the catcher’s Next and output, with its index', async () => {
    const r = await testState(guarded, { input: { id: 1 }, mock: throttled, stateConfiguration: { retrierRetryCount: 3 }, inspectionLevel: 'DEBUG' });
    expect(r).toMatchObject({
      status: 'CAUGHT_ERROR',
      nextState: 'Recover',
      error: 'Throttled',
      cause: 'slow down',
      output: { id: 1, error: { Error: 'Throttled', Cause: 'slow down' } },
    });
    expect(r.inspectionData?.errorDetails).toEqual({ catchIndex: 1 });
  });

  it('CAUGHT_ERROR at once for an error no retrier matches (INFO has no inspection data)', async () => {
    const r = await testState(guarded, { input: {}, mock: { errorOutput: { error: 'Fatal' } } });
    expect(r).toEqual({ status: 'CAUGHT_ERROR', nextState: 'Alert', error: 'Fatal', output: { Error: 'Fatal', Cause: '' } });
  });

  it('FAILED when retries are used up and no catcher matches', async () => {
    const noCatch = { ...guarded, Catch: undefined };
    const r = await testState(noCatch, { input: {}, mock: throttled, stateConfiguration: { retrierRetryCount: 3 } });
    expect(r).toEqual({ status: 'FAILED', error: 'Throttled', cause: 'slow down' });
  });
});

describe('testState: Choice', () => {
  const choice = {
    Type: 'Choice',
    InputPath: '$.order',
    Choices: [{ Variable: '$.total', NumericGreaterThan: 100, Next: 'Review' }],
    Default: 'Approve',
  };

  it('INFO: nextState is the matching rule’s Next, output the input', async () => {
    expect(await testState(choice, { input: { order: { total: 500 } } })).toEqual({ status: 'SUCCEEDED', output: { total: 500 }, nextState: 'Review' });
    expect((await testState(choice, { input: { order: { total: 5 } } })).nextState).toBe('Approve');
  });

  it('DEBUG: input and afterInputPath', async () => {
    const r = await testState(choice, { input: { order: { total: 5 } }, inspectionLevel: 'DEBUG' });
    expect(r.inspectionData).toEqual({ input: { order: { total: 5 } }, afterInputPath: { total: 5 } });
  });

  it('no rule and no Default: FAILED with States.NoChoiceMatched', async () => {
    const r = await testState({ ...choice, Default: undefined }, { input: { order: { total: 5 } } });
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.NoChoiceMatched');
  });

  it('a rule leading back to the state itself still reports it as the next state', async () => {
    const loop = { Type: 'Choice', Choices: [{ Variable: '$.again', BooleanEquals: true, Next: 'Loop' }], Default: 'Out' };
    expect(await testState(loop, { stateName: 'Loop', input: { again: true } })).toEqual({ status: 'SUCCEEDED', output: { again: true }, nextState: 'Loop' });
  });
});

describe('testState: Map', () => {
  const map = {
    Type: 'Map',
    ItemsPath: '$.lines',
    ItemSelector: { 'sku.$': '$$.Map.Item.Value.sku', 'currency.$': '$.currency' },
    MaxConcurrency: 2,
    ToleratedFailurePercentage: 10,
    ItemProcessor: {
      ProcessorConfig: { Mode: 'INLINE' },
      StartAt: 'Price',
      States: { Price: { Type: 'Task', Resource: invoke, OutputPath: '$.Payload', End: true } },
    },
    ResultPath: '$.prices',
    Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Manual' }],
    Next: 'Total',
  };
  const input = { currency: 'EUR', lines: [{ sku: 'a' }, { sku: 'b' }] };

  it('INFO: runs the iterations (inner Tasks mocked by name) and returns the Map output', async () => {
    const r = await testState(map, { input, mocks: { Price: (i: { sku: string }) => ({ Payload: `${i.sku}:1` }) } });
    expect(r).toEqual({ status: 'SUCCEEDED', output: { ...input, prices: ['a:1', 'b:1'] }, nextState: 'Total' });
  });

  it('DEBUG: afterItemsPath, afterItemSelector, maxConcurrency and toleratedFailurePercentage', async () => {
    const r = await testState(map, { input, mocks: { Price: { Payload: 1 } }, inspectionLevel: 'DEBUG' });
    expect(r.inspectionData).toMatchObject({
      input,
      afterInputPath: input,
      afterItemsPath: input.lines,
      afterItemSelector: [
        { sku: 'a', currency: 'EUR' },
        { sku: 'b', currency: 'EUR' },
      ],
      maxConcurrency: 2,
      toleratedFailurePercentage: 10,
      result: [1, 1],
      afterResultPath: { ...input, prices: [1, 1] },
    });
  });

  it('an iteration’s error is caught by the Map’s Catch: CAUGHT_ERROR', async () => {
    const r = await testState(map, { input, mocks: { Price: { throw: { error: 'NoPrice', cause: 'sku b' } } }, inspectionLevel: 'DEBUG' });
    expect(r).toMatchObject({ status: 'CAUGHT_ERROR', nextState: 'Manual', error: 'NoPrice', cause: 'sku b' });
    expect(r.inspectionData?.errorDetails).toEqual({ catchIndex: 0 });
  });

  it('mock replaces a Task’s work only; a Map takes mocks for its inner Tasks', async () => {
    await expect(testState(map, { input, mock: { result: '[]' } })).rejects.toThrow(AslUsageError);
  });
});

describe('testState: Parallel', () => {
  const parallel = {
    Type: 'Parallel',
    Branches: [
      { StartAt: 'Left', States: { Left: { Type: 'Task', Resource: invoke, End: true } } },
      { StartAt: 'Right', States: { Right: { Type: 'Pass', Result: 'r', End: true } } },
    ],
    ResultSelector: { 'left.$': '$[0]', 'right.$': '$[1]' },
    Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failed', Next: 'Fallback' }],
    Next: 'Join',
  };

  it('the branches’ outputs are the result; inner Tasks take mocks by name', async () => {
    const r = await testState(parallel, { input: {}, mocks: { Left: 'l' }, inspectionLevel: 'DEBUG' });
    expect(r).toMatchObject({ status: 'SUCCEEDED', nextState: 'Join', output: { left: 'l', right: 'r' } });
    expect(r.inspectionData).toMatchObject({ result: ['l', 'r'], afterResultSelector: { left: 'l', right: 'r' } });
  });

  it('a failing branch is caught by the Parallel’s Catch', async () => {
    const r = await testState(parallel, { input: {}, mocks: { Left: { throw: { error: 'Broken' } } } });
    expect(r).toMatchObject({ status: 'CAUGHT_ERROR', nextState: 'Fallback', error: 'Broken', output: { failed: { Error: 'Broken' } } });
  });
});

describe('testState: other states and usage', () => {
  it('Fail: FAILED with its error and cause', async () => {
    expect(await testState({ Type: 'Fail', Error: 'Nope', Cause: 'because' })).toEqual({ status: 'FAILED', error: 'Nope', cause: 'because' });
  });

  it('Succeed: SUCCEEDED with no next state', async () => {
    expect(await testState({ Type: 'Succeed' }, { input: { a: 1 } })).toEqual({ status: 'SUCCEEDED', output: { a: 1 } });
  });

  it('Wait: a long wait passes instantly in virtual time', async () => {
    expect(await testState({ Type: 'Wait', Seconds: 86_400, Next: 'Later' }, { input: 1 })).toEqual({ status: 'SUCCEEDED', output: 1, nextState: 'Later' });
  });

  it('a machine without the named state, and a mock that is not JSON, are usage errors', async () => {
    await expect(testState({ StartAt: 'A', States: { A: { Type: 'Succeed' } } }, { stateName: 'B' })).rejects.toThrow(/no top-level state 'B'/);
    await expect(testState({ Type: 'Task', Resource: invoke, End: true }, { mock: { result: '{oops' } })).rejects.toThrow(/mock.result must be JSON text/);
  });
});
