import { describe, expect, it } from 'vitest';
import { StateMachine, VirtualClock } from '../../src/index.js';
import { mockResolver, testRun, withMocks } from '../../src/testing/index.js';

const task = (extra: object = {}) => ({ Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', ...extra });

/** Get → Save, where Get retries `Flaky` up to 3 times and catches `Gone`. */
const machine = {
  StartAt: 'Get',
  States: {
    Get: task({
      Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1, MaxAttempts: 3 }],
      Catch: [{ ErrorEquals: ['Gone'], ResultPath: '$.error', Next: 'Missing' }],
      ResultPath: '$.item',
      Next: 'Save',
    }),
    Save: task({ ResultPath: '$.saved', End: true }),
    Missing: { Type: 'Pass', End: true },
  },
};

describe('mockResolver: mocks by state name', () => {
  it('a plain value is the result of every attempt', async () => {
    const r = await testRun(machine, { id: 1 }, { mocks: { Get: { name: 'Ada' }, Save: true } });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toEqual({ id: 1, item: { name: 'Ada' }, saved: true });
    expect(r.visitedStates).toEqual(['Get', 'Save']);
  });

  it('{ throw } fails the task with that error and cause, so Catch applies', async () => {
    const r = await testRun(machine, {}, { mocks: { Get: { throw: { error: 'Gone', cause: 'no such item' } } } });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.visitedStates).toEqual(['Get', 'Missing']);
    expect(r.output).toEqual({ error: { Error: 'Gone', Cause: 'no such item' } });
  });

  it('an array gives one outcome per attempt, driving Retry attempt by attempt', async () => {
    const r = await testRun(machine, {}, {
      mocks: { Get: [{ throw: { error: 'Flaky' } }, { throw: { error: 'Flaky' } }, { found: true }], Save: null },
    });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toEqual({ item: { found: true }, saved: null });
    expect(r.history.filter((e) => e.type === 'TaskFailed')).toHaveLength(2);
  });

  it('an attempt past the end of the array fails the execution (AWS Step Functions Local rule: a response for every invocation)', async () => {
    const r = await testRun(machine, {}, { mocks: { Get: [{ throw: { error: 'Flaky' } }] } });
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toMatch(/lists 1 outcome\(s\) but attempt 1/);
  });

  it('a function receives the effective input and a 0-based ctx.attempt', async () => {
    const seen: Array<[unknown, number]> = [];
    const r = await testRun(machine, { id: 7 }, {
      mocks: {
        Get: (input, ctx) => {
          seen.push([input, ctx.attempt]);
          if (ctx.attempt < 2) throw { error: 'Flaky', cause: `try ${ctx.attempt}` };
          return { id: input.id };
        },
        Save: () => undefined, // nothing returned becomes null, as from a Lambda function
      },
    });
    expect(seen).toEqual([[{ id: 7 }, 0], [{ id: 7 }, 1], [{ id: 7 }, 2]]);
    expect(r.output).toEqual({ id: 7, item: { id: 7 }, saved: null });
  });

  it('{ return } returns a value that would otherwise read as a directive (an array, an object with a throw key)', async () => {
    const r = await testRun(machine, {}, { mocks: { Get: { return: [1, 2] }, Save: { return: { throw: 'not an error' } } } });
    expect(r.output).toEqual({ item: [1, 2], saved: { throw: 'not an error' } });
  });

  it('mocks Tasks inside Map iterations and Parallel branches by their names', async () => {
    const nested = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'Each', States: { Each: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'Double', States: { Double: task({ End: true }) } } } } },
            { StartAt: 'Count', States: { Count: task({ End: true }) } },
          ],
        },
      },
    };
    const r = await testRun(nested, [1, 2, 3], { mocks: { Double: (n: number) => n * 2, Count: 3 } });
    expect(r.output).toEqual([[2, 4, 6], 3]);
  });

  it('states without a mock fall through to handlers', async () => {
    const r = await testRun(machine, {}, {
      mocks: { Get: { ok: 1 } },
      handlers: { 'arn:aws:states:::dynamodb:getItem': () => 'from handler' },
    });
    expect(r.output).toEqual({ item: { ok: 1 }, saved: 'from handler' });
  });

  it('withMocks puts the mocks before the options’ own resolvers, for StateMachine.run', async () => {
    const sm = new StateMachine(machine);
    const other = mockResolver({ Get: 'loses', Save: 'other' });
    const r = await sm.run({}, withMocks({ clock: new VirtualClock(0), resolvers: [other] }, { Get: 'wins' }));
    expect(r.output).toEqual({ item: 'wins', saved: 'other' });
  });
});

describe('testRun', () => {
  it('accepts a compiled StateMachine as well as a definition', async () => {
    const r = await testRun(new StateMachine(machine), {}, { mocks: { Get: 1, Save: 2 } });
    expect(r.output).toEqual({ item: 1, saved: 2 });
  });

  it('runs on a VirtualClock starting at 2024-01-01 unless given a clock', async () => {
    const r = await testRun(machine, {}, { mocks: { Get: 1, Save: 2 } });
    expect(r.clock).toBeInstanceOf(VirtualClock);
    expect(r.history[0]!.timestamp).toBe('2024-01-01T00:00:00.000Z');
  });
});
