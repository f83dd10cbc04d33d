import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

describe('Succeed state', () => {
  it('ends the execution with its filtered input', async () => {
    const r = await run({ StartAt: 'S', States: { S: { Type: 'Succeed', OutputPath: '$.a' } } }, { a: { b: 1 } });
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: { b: 1 } });
  });
});

// AWS "Fail workflow state": Error/ErrorPath, Cause/CausePath (paths or intrinsics).
describe('Fail state', () => {
  it('fails the execution with Error and Cause', async () => {
    const r = await run({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Oops', Cause: 'because' } } });
    expect(r).toMatchObject({ status: 'FAILED', error: 'Oops', cause: 'because' });
    expect(r.types).toEqual(['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
  });

  it('reads ErrorPath and CausePath, including intrinsics', async () => {
    const r = await run(
      { StartAt: 'F', States: { F: { Type: 'Fail', ErrorPath: '$.e', CausePath: "States.Format('order {} failed', $.id)" } } },
      { e: 'Bad', id: 7 },
    );
    expect(r).toMatchObject({ error: 'Bad', cause: 'order 7 failed' });
  });

  it('omits error and cause that were not given', async () => {
    const r = await run({ StartAt: 'F', States: { F: { Type: 'Fail' } } });
    expect(r.status).toBe('FAILED');
    expect(r.error).toBeUndefined();
    expect(r.cause).toBeUndefined();
  });

  it('fails with States.Runtime when ErrorPath matches nothing', async () => {
    const r = await run({ StartAt: 'fail', States: { fail: { Type: 'Fail', ErrorPath: '$.ErrorX' } } }, { a: 1 });
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toBe(`An error occurred while executing the state 'fail' (entered at the event id #2). The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input '{"a":1}'`);
  });
});
