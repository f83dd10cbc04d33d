/** TestState through the API: status, output and nextState; inspection data as JSON text (AWS TestState API). */
import { TestStateCommand } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { rejection, ROLE, serve } from './helpers.js';

const { client } = await serve({ handlers: { lambdas: { double: async (e: { n: number }) => ({ n: e.n * 2 }) } } });

const TASK = {
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: 'double', 'Payload.$': '$' },
  ResultSelector: { 'value.$': '$.Payload.n' },
  Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 2, MaxAttempts: 3 }],
  Catch: [{ ErrorEquals: ['Broken'], Next: 'Recover' }],
  Next: 'After',
};

describe('TestState', () => {
  it('runs a state with the handlers and reports DEBUG inspection data as JSON text', async () => {
    const r = await client.send(new TestStateCommand({ definition: JSON.stringify(TASK), roleArn: ROLE, input: '{"n":21}', inspectionLevel: 'DEBUG' }));
    expect(r.status).toBe('SUCCEEDED');
    expect(r.nextState).toBe('After');
    expect(JSON.parse(r.output!)).toEqual({ value: 42 });
    expect(JSON.parse(r.inspectionData!.afterParameters!)).toEqual({ FunctionName: 'double', Payload: { n: 21 } });
    expect(JSON.parse(r.inspectionData!.afterResultSelector!)).toEqual({ value: 42 });
  });

  it('reports a mocked retriable error as RETRIABLE with the retrier and its backoff', async () => {
    const r = await client.send(
      new TestStateCommand({ definition: JSON.stringify(TASK), input: '{"n":1}', inspectionLevel: 'DEBUG', mock: { errorOutput: { error: 'Flaky', cause: 'try again' } } }),
    );
    expect(r).toMatchObject({ status: 'RETRIABLE', error: 'Flaky', cause: 'try again' });
    expect(r.inspectionData!.errorDetails).toEqual({ retryIndex: 0, retryBackoffIntervalSeconds: 2 });
  });

  it('reports a caught error as CAUGHT_ERROR with the catcher\'s Next', async () => {
    const r = await client.send(new TestStateCommand({ definition: JSON.stringify(TASK), input: '{}', mock: { errorOutput: { error: 'Broken' } } }));
    expect(r).toMatchObject({ status: 'CAUGHT_ERROR', nextState: 'Recover', error: 'Broken' });
  });

  it('answers an invalid state with InvalidDefinition', async () => {
    const e = await rejection(client.send(new TestStateCommand({ definition: JSON.stringify({ Type: 'Pass', Next: 5 }), input: '{}' })));
    expect(e.name).toBe('InvalidDefinition');
  });
});
