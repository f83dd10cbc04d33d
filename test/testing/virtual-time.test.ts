import { expect, it } from 'vitest';
import { testRun } from '../../src/testing/index.js';

// A year-long Wait and ten retries with long backoff run at once on the VirtualClock. The test
// asserts on the simulated timestamps in the history, never on elapsed real time.
it('a one-year Wait and a Task retried ten times with long backoff finish in virtual time', async () => {
  const machine = {
    StartAt: 'Sleep',
    States: {
      // One year: 2024 is a leap year.
      Sleep: { Type: 'Wait', Seconds: 366 * 24 * 3600, Next: 'Call' },
      Call: {
        Type: 'Task',
        Resource: 'arn:aws:states:::http:invoke',
        // Backoff 1h, 2h, 4h … capped at one day: retries 1-5 wait 1+2+4+8+16 h, retries 6-10 one day each.
        Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 3600, BackoffRate: 2, MaxDelaySeconds: 86_400, MaxAttempts: 10 }],
        End: true,
      },
    },
  };
  const busy = { throw: { error: 'Busy' } };
  const r = await testRun(machine, {}, { mocks: { Call: [...Array(10).fill(busy), { done: true }] } });

  expect(r.status).toBe('SUCCEEDED');
  expect(r.output).toEqual({ done: true });
  const times = (type: string) => r.history.filter((e) => e.type === type).map((e) => e.timestamp);
  expect(times('WaitStateExited')).toEqual(['2025-01-01T00:00:00.000Z']);
  const hour = 3_600_000;
  const day = 24 * hour;
  const start = Date.parse('2025-01-01T00:00:00.000Z');
  const delays = [1, 2, 4, 8, 16].map((h) => h * hour).concat(Array(5).fill(day));
  const expected = delays.reduce<number[]>((at, d) => [...at, at.at(-1)! + d], [start]).map((t) => new Date(t).toISOString());
  expect(times('TaskScheduled')).toEqual(expected);
  expect(r.history.at(-1)).toMatchObject({ type: 'ExecutionSucceeded', timestamp: expected.at(-1) });
});
