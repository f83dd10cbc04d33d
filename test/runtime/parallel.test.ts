import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

const branch = (states: object, startAt = Object.keys(states)[0]) => ({ StartAt: startAt, States: states });

// AWS "Parallel workflow state".
describe('Parallel state', () => {
  it('runs every branch on the input and returns their outputs in branch order', async () => {
    const r = await run(
      {
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            Branches: [
              branch({ A: { Type: 'Wait', Seconds: 10, Next: 'A2' }, A2: { Type: 'Pass', Parameters: { 'a.$': '$.x' }, End: true } }),
              branch({ B: { Type: 'Pass', Parameters: { 'b.$': '$.x' }, End: true } }),
            ],
            ResultPath: '$.results',
            End: true,
          },
        },
      },
      { x: 1 },
    );
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: { x: 1, results: [{ a: 1 }, { b: 1 }] } });
    expect(r.types[0]).toBe('ExecutionStarted');
    expect(r.types.slice(1, 3)).toEqual(['ParallelStateEntered', 'ParallelStateStarted']);
    expect(r.types.slice(-3)).toEqual(['ParallelStateSucceeded', 'ParallelStateExited', 'ExecutionSucceeded']);
  });

  it('a failing branch stops the others and fails the state with its own error', async () => {
    let slowFinished = false;
    const r = await run(
      {
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            Branches: [
              branch({ Slow: { Type: 'Wait', Seconds: 1000, Next: 'Mark' }, Mark: { Type: 'Task', Resource: 'arn:aws:states:::mark:it', End: true } }),
              branch({ Boom: { Type: 'Fail', Error: 'FailureType', Cause: 'Cause description' } }),
            ],
            End: true,
          },
        },
      },
      {},
      { handlers: { 'arn:aws:states:::mark:it': () => { slowFinished = true; return 1; } } },
    );
    expect(r).toMatchObject({ status: 'FAILED', error: 'FailureType', cause: 'Cause description' });
    expect(slowFinished).toBe(false);
    expect(r.types).toContain('ParallelStateFailed');
  });

  it('Catch on the Parallel state handles a branch failure (recorded AWS history)', async () => {
    const r = await run({
      StartAt: 'ParallelState',
      States: {
        ParallelState: {
          Type: 'Parallel',
          Branches: [branch({ Branch1: { Type: 'Fail', Error: 'FailureType', Cause: 'Cause description' } })],
          Catch: [{ ErrorEquals: ['FailureType'], Next: 'FinalCaught' }],
          Next: 'Final',
        },
        FinalCaught: { Type: 'Pass', End: true },
        Final: { Type: 'Pass', End: true },
      },
    });
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: { Error: 'FailureType', Cause: 'Cause description' } });
    expect(r.types).toEqual([
      'ExecutionStarted', 'ParallelStateEntered', 'ParallelStateStarted', 'FailStateEntered', 'ParallelStateFailed',
      'ParallelStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded',
    ]);
  });

  it('Retry re-runs all branches', async () => {
    let calls = 0;
    const r = await run(
      {
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            Branches: [branch({ T: { Type: 'Task', Resource: 'arn:aws:states:::flaky:call', End: true } })],
            Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }],
            End: true,
          },
        },
      },
      {},
      { handlers: { 'arn:aws:states:::flaky:call': () => { if (++calls < 2) throw new Error('x'); return 'ok'; } } },
    );
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: ['ok'] });
    expect(calls).toBe(2);
  });
});
