import { describe, expect, it } from 'vitest';
import { run, single } from '../helpers.js';

const RESOURCE = 'arn:aws:states:::my:task';
const task = (extra: object = {}) => single({ Type: 'Task', Resource: RESOURCE, ...extra });

// A handler that returns a value (no promise) completes its attempt at once; these pin down that
// the result is still checked and copied as JSON and the input is still the handler's own copy.
describe('Task with a handler that returns a value', () => {
  it('gets its own copy of the input: changing it changes nothing in the execution', async () => {
    const r = await run(task({ ResultPath: '$.r' }), { a: { b: [1, 2] } }, {
      handlers: {
        [RESOURCE]: (input: { a: { b: number[] } }) => {
          input.a.b.push(3);
          return input.a.b.length;
        },
      },
    });
    expect(r.output).toEqual({ a: { b: [1, 2] }, r: 3 });
  });

  it('sees a "__proto__" key of its JSON input as an ordinary own field', async () => {
    let own: unknown;
    const input = JSON.parse('{"__proto__": {"x": 1}, "y": 2}') as unknown;
    const r = await run(task(), input, {
      handlers: {
        [RESOURCE]: (i: Record<string, unknown>) => {
          own = Object.prototype.hasOwnProperty.call(i, '__proto__') && Object.getPrototypeOf(i) === Object.prototype;
          return 'ok';
        },
      },
    });
    expect(r.status).toBe('SUCCEEDED');
    expect(own).toBe(true);
  });

  it('returns primitives as JSON would carry them: -0 becomes 0', async () => {
    const r = await run(task(), {}, { handlers: { [RESOURCE]: () => -0 } });
    expect(Object.is(r.output, 0)).toBe(true);
    const succeeded = r.execution.history.find((e) => e.type === 'TaskSucceeded') as { taskSucceededEventDetails?: { output?: string } } | undefined;
    expect(succeeded?.taskSucceededEventDetails?.output).toBe('0');
  });

  it('fails with States.Runtime and a TaskFailed event when the result is not JSON (NaN, a function)', async () => {
    for (const bad of [Number.NaN, () => 1]) {
      const r = await run(task(), {}, { handlers: { [RESOURCE]: () => bad } });
      expect(r).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
      expect(r.types).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'ExecutionFailed']);
    }
  });

  it('retries a thrown error after IntervalSeconds on the clock, then succeeds', async () => {
    let calls = 0;
    const r = await run(task({ Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 2 }] }), {}, {
      handlers: {
        [RESOURCE]: () => {
          calls++;
          if (calls === 1) throw Object.assign(new Error('once'), { name: 'Flaky' });
          return 'done';
        },
      },
    });
    expect(r.output).toBe('done');
    const h = r.execution.history;
    const scheduled = h.filter((e) => e.type === 'TaskScheduled').map((e) => Date.parse(e.timestamp));
    expect(scheduled).toHaveLength(2);
    expect(scheduled[1]! - scheduled[0]!).toBe(2000);
  });
});
