import { describe, expect, it, vi } from 'vitest';
import { AslUsageError, RealClock, StateMachine, VirtualClock } from '../../src/index.js';
import { TestWatchdogError, testRun, testState } from '../../src/testing/index.js';

// A handler that never settles holds a VirtualClock still (DESIGN: "a running handler … holds
// time still"), so Task TimeoutSeconds cannot end the run: only the real-time watchdog can.
// These tests assert what the watchdog reports, not how long it took.

const never = () => new Promise<never>(() => {});
const task = (extra: object = {}) => ({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ...extra });

describe('testRun watchdog', () => {
  it('rejects with TestWatchdogError naming the Task whose mock never settles, even with TimeoutSeconds set', async () => {
    const machine = { StartAt: 'Prepare', States: { Prepare: { Type: 'Pass', Next: 'Charge' }, Charge: task({ TimeoutSeconds: 5, HeartbeatSeconds: 2, End: true }) } };
    const err = await testRun(machine, {}, { mocks: { Charge: never }, watchdogMs: 50 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TestWatchdogError);
    const w = err as TestWatchdogError;
    expect(w.stateName).toBe('Charge');
    expect(w.pending).toEqual([{ stateName: 'Charge', phase: 'handler' }]);
    expect(w.watchdogMs).toBe(50);
    expect(w.message).toContain("Task state 'Charge'");
    expect(w.message).toMatch(/Virtual time stands still while a handler runs/);
    expect(w.message).toContain('context.clock');
  });

  it('stops the execution it gave up on', async () => {
    const machine = { StartAt: 'T', States: { T: task({ End: true }) } };
    let signal: AbortSignal | undefined;
    const mock = (_: unknown, ctx: { signal: AbortSignal }) => {
      signal = ctx.signal;
      return never();
    };
    await expect(testRun(machine, {}, { mocks: { T: mock }, watchdogMs: 50 })).rejects.toBeInstanceOf(TestWatchdogError);
    expect(signal?.aborted).toBe(true);
  });

  it('names every stuck Task of a Parallel, the most recently entered first', async () => {
    const machine = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'A', States: { A: task({ End: true }) } },
            { StartAt: 'B', States: { B: task({ End: true }) } },
          ],
        },
      },
    };
    const err = (await testRun(machine, {}, { mocks: { A: never, B: never }, watchdogMs: 50 }).catch((e: unknown) => e)) as TestWatchdogError;
    expect(err).toBeInstanceOf(TestWatchdogError);
    expect(err.pending.map((p) => p.stateName)).toEqual(['B', 'A']);
    expect(err.message).toContain("Task states 'B', 'A'");
  });

  it('says when no Task runs: a VirtualClock without autoAdvance that nothing advances', async () => {
    const machine = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, End: true } } };
    const clock = new VirtualClock('2024-01-01T00:00:00Z', { autoAdvance: false });
    const err = (await testRun(machine, {}, { clock, watchdogMs: 50 }).catch((e: unknown) => e)) as TestWatchdogError;
    expect(err).toBeInstanceOf(TestWatchdogError);
    expect(err.stateName).toBeUndefined();
    expect(err.message).toMatch(/No Task state is running.*autoAdvance: false/);
  });

  it('names a callback Task that waits for its token', async () => {
    const machine = { StartAt: 'Approve', States: { Approve: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true } } };
    const err = (await testRun(machine, {}, { mocks: { Approve: {} }, watchdogMs: 50 }).catch((e: unknown) => e)) as TestWatchdogError;
    expect(err).toBeInstanceOf(TestWatchdogError);
    expect(err.pending).toEqual([{ stateName: 'Approve', phase: 'callback' }]);
    expect(err.message).toMatch(/'Approve': waits for its task token/);
  });

  it('does not fire on a run that keeps making progress: a handler sleeping on context.clock lets virtual time move', async () => {
    const machine = { StartAt: 'T', States: { T: task({ End: true }) } };
    // A one-hour virtual sleep inside the handler: done at once on the VirtualClock.
    const mock = async (_: unknown, ctx: { clock: { sleep(ms: number): Promise<void> } }) => {
      await ctx.clock.sleep(3_600_000);
      return { slept: true };
    };
    const r = await testRun(machine, {}, { mocks: { T: mock }, watchdogMs: 1000 });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toEqual({ slept: true });
  });

  it('on the real clock, waits out a Wait longer than the limit: no Task is at work', async () => {
    const machine = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, End: true } } };
    const r = await testRun(machine, {}, { clock: new RealClock(), watchdogMs: 100 });
    expect(r.status).toBe('SUCCEEDED');
  });

  it('on the real clock, still gives up on a mock that never settles, and suggests TimeoutSeconds', async () => {
    const machine = { StartAt: 'T', States: { T: task({ End: true }) } };
    const err = (await testRun(machine, {}, { clock: new RealClock(), mocks: { T: never }, watchdogMs: 50 }).catch((e: unknown) => e)) as TestWatchdogError;
    expect(err).toBeInstanceOf(TestWatchdogError);
    expect(err.stateName).toBe('T');
    expect(err.message).toContain('give the Task a TimeoutSeconds');
    expect(err.message).not.toContain('Virtual time');
  });

  it('runs on real time while vi.useFakeTimers() fakes the global timers', async () => {
    vi.useFakeTimers();
    try {
      const machine = { StartAt: 'T', States: { T: task({ End: true }) } };
      await expect(testRun(machine, {}, { mocks: { T: never }, watchdogMs: 50 })).rejects.toBeInstanceOf(TestWatchdogError);
    } finally {
      vi.useRealTimers();
    }
  });

  it('Infinity turns it off; a non-positive or NaN limit is a usage error', async () => {
    const machine = new StateMachine({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    expect((await testRun(machine, {}, { watchdogMs: Infinity })).status).toBe('SUCCEEDED');
    for (const bad of [0, -1, Number.NaN]) {
      await expect(testRun(machine, {}, { watchdogMs: bad })).rejects.toBeInstanceOf(AslUsageError);
    }
  });
});

describe('testState watchdog', () => {
  it('rejects with TestWatchdogError when a handler never settles', async () => {
    const state = task({ TimeoutSeconds: 3, End: true });
    const err = (await testState(state, { handlers: { 'arn:aws:states:::lambda:invoke': never }, watchdogMs: 50 }).catch((e: unknown) => e)) as TestWatchdogError;
    expect(err).toBeInstanceOf(TestWatchdogError);
    expect(err.stateName).toBe('TestState');
    expect(err.message).toMatch(/^testState: /);
  });

  it('names the inner Task of a tested Map whose function mock never settles', async () => {
    const map = { Type: 'Map', ItemProcessor: { StartAt: 'Each', States: { Each: task({ End: true }) } }, End: true };
    const err = (await testState(map, { input: [1], mocks: { Each: never }, watchdogMs: 50 }).catch((e: unknown) => e)) as TestWatchdogError;
    expect(err).toBeInstanceOf(TestWatchdogError);
    expect(err.stateName).toBe('Each');
  });
});

describe('testState mock.result', () => {
  const state = task({ ResultSelector: { 'v.$': '$.Payload' }, End: true });

  it('takes a value as well as JSON text', async () => {
    expect(await testState(state, { mock: { result: { Payload: [1, 2] } } })).toEqual({ status: 'SUCCEEDED', output: { v: [1, 2] } });
    expect(await testState(state, { mock: { result: '{"Payload":[1,2]}' } })).toEqual({ status: 'SUCCEEDED', output: { v: [1, 2] } });
  });

  it('reads a string as JSON text, and says how to mock a string value', async () => {
    const s = task({ End: true });
    expect(await testState(s, { mock: { result: '"ok"' } })).toEqual({ status: 'SUCCEEDED', output: 'ok' });
    await expect(testState(s, { mock: { result: 'ok' } })).rejects.toThrow(/for the string value "x" write '"x"'/);
  });
});
