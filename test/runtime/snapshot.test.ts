import { describe, expect, it } from 'vitest';
import { AslUsageError, Runtime, StateMachine, VirtualClock, type Execution, type RunOptions } from '../../src/index.js';

const T0 = '2024-03-01T08:00:00Z';

/** Deterministic id and random sources, shared by a run and its resumption. */
function sources() {
  let n = 0;
  let r = 0;
  return {
    uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    random: () => ((r = (r * 9301 + 49297) % 233280) / 233280),
  };
}

/** Lets every pending microtask and immediate run (the execution reaches its waiting point). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((res) => setImmediate(res));
}

/** Runs `machine` uninterrupted, then again with a suspend + resume at the first waiting point, and returns both. */
async function both(machine: StateMachine, input: unknown, options: RunOptions = {}, drive?: (e: Execution, runtime: Runtime) => Promise<void>) {
  const a = sources();
  const runtimeA = new Runtime();
  const whole = machine.start(input, { ...options, ...a, name: 'x', clock: new VirtualClock(T0), runtime: runtimeA });
  if (drive) await drive(whole, runtimeA);
  const wholeResult = await whole.result;

  const b = sources();
  const first = machine.start(input, { ...options, ...b, name: 'x', clock: new VirtualClock(T0, { autoAdvance: false }), runtime: new Runtime() });
  await settle();
  const snapshot = JSON.parse(JSON.stringify(first.suspend()));
  expect(await first.result).toEqual({ status: 'SUSPENDED' });
  const runtimeB = new Runtime();
  const resumed = machine.resume(snapshot, { ...options, ...b, clock: new VirtualClock(T0), runtime: runtimeB });
  if (drive) await drive(resumed, runtimeB);
  const resumedResult = await resumed.result;
  return { whole, wholeResult, resumed, resumedResult, snapshot };
}

function expectSame(r: Awaited<ReturnType<typeof both>>) {
  expect(r.resumedResult).toEqual(r.wholeResult);
  expect(r.resumed.history).toEqual(r.whole.history);
}

describe('snapshot and resume', () => {
  it('at a Wait: the resumed run finishes with the same history, event by event', async () => {
    let calls = 0;
    const m = new StateMachine({
      StartAt: 'Before',
      States: {
        Before: { Type: 'Task', Resource: 'arn:aws:states:::work:before', Next: 'Sleep' },
        Sleep: { Type: 'Wait', Seconds: 86_400, Next: 'After' },
        After: { Type: 'Pass', Parameters: { 'id.$': 'States.UUID()', 'prev.$': '$' }, End: true },
      },
    });
    const r = await both(m, { n: 1 }, { handlers: { 'arn:aws:states:::work:before': (i: { n: number }) => (calls++, { step: i.n }) } });
    expectSame(r);
    expect(r.wholeResult.status).toBe('SUCCEEDED');
    // The handler ran once per run: the resumed run took its result from the snapshot.
    expect(calls).toBe(2);
    expect(r.resumed.history.at(-1)!.timestamp).toBe('2024-03-02T08:00:00.000Z');
  });

  it('at a callback: the token stays valid across processes', async () => {
    const m = new StateMachine({
      StartAt: 'Ask',
      States: {
        Ask: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { 'token.$': '$$.Task.Token' }, HeartbeatSeconds: 3600, Next: 'Done' },
        Done: { Type: 'Pass', End: true },
      },
    });
    const tokens: string[] = [];
    const handlers = { 'arn:aws:states:::sqs:sendMessage.waitForTaskToken': (i: { token: string }) => (tokens.push(i.token), { MessageId: '1' }) };
    const r = await both(m, {}, { handlers }, async (e, runtime) => {
      await settle();
      runtime.sendTaskSuccess(tokens.at(-1)!, { approved: true });
    });
    expectSame(r);
    expect(r.snapshot.taskTokens).toEqual([tokens[0]]);
    expect(r.resumedResult).toEqual({ status: 'SUCCEEDED', output: { approved: true } });
    // The service call was made once per run, not again on resume.
    expect(tokens).toHaveLength(2);
  });

  it('at an activity waiting for a worker', async () => {
    const arn = 'arn:aws:states:us-east-1:123456789012:activity:approve';
    const m = new StateMachine({ StartAt: 'A', States: { A: { Type: 'Task', Resource: arn, End: true } } });
    const r = await both(m, { q: 1 }, {}, async (_e, runtime) => {
      const task = await runtime.getActivityTask(arn, { workerName: 'w' });
      runtime.sendTaskSuccess(task!.taskToken, { answer: (task!.input as { q: number }).q });
    });
    expectSame(r);
    expect(r.resumedResult).toEqual({ status: 'SUCCEEDED', output: { answer: 1 } });
  });

  it('during a retry backoff', async () => {
    let calls = 0;
    const m = new StateMachine({
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'arn:aws:states:::flaky:op', Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 600, JitterStrategy: 'FULL' }], End: true } },
    });
    const handlers = { 'arn:aws:states:::flaky:op': (_i: unknown, ctx: { attempt: number }) => { calls++; if (ctx.attempt === 0) throw new Error('first'); return 'ok'; } };
    const r = await both(m, {}, { handlers });
    expectSame(r);
    // Uninterrupted: 2 calls. Interrupted: 1 before the snapshot, 1 after resume.
    expect(calls).toBe(4);
  });

  it('inside Parallel branches and Map iterations', async () => {
    const m = new StateMachine({
      StartAt: 'Par',
      States: {
        Par: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Quick', States: { Quick: { Type: 'Task', Resource: 'arn:aws:states:::w:quick', End: true } } },
            { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 30, Next: 'Tail' }, Tail: { Type: 'Pass', Result: 'tail', End: true } } },
            {
              StartAt: 'Each',
              States: {
                Each: {
                  Type: 'Map',
                  MaxConcurrency: 1,
                  ItemProcessor: { StartAt: 'Nap', States: { Nap: { Type: 'Wait', SecondsPath: '$', Next: 'Work' }, Work: { Type: 'Task', Resource: 'arn:aws:states:::w:item', End: true } } },
                  End: true,
                },
              },
            },
          ],
          End: true,
        },
      },
    });
    const handlers = { 'arn:aws:states:::w:quick': () => 'quick', 'arn:aws:states:::w:item': (n: number) => n * 2 };
    const r = await both(m, [5, 10, 20], { handlers });
    expectSame(r);
    expect(r.resumedResult).toEqual({ status: 'SUCCEEDED', output: ['quick', 'tail', [10, 20, 40]] });
  });

  it('refuses a snapshot while a task handler runs, and a resume against another definition', async () => {
    const m = new StateMachine({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::slow:op', End: true } } });
    let finish!: (v: unknown) => void;
    const e = m.start({}, { handlers: { 'arn:aws:states:::slow:op': () => new Promise((r) => (finish = r)) } });
    await settle();
    expect(() => e.snapshot()).toThrow(AslUsageError);
    finish(1);
    await e.result;
    expect(() => e.snapshot()).toThrow(/ended/);

    const w = new StateMachine({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 5, End: true } } });
    const running = w.start({}, { clock: new VirtualClock(0, { autoAdvance: false }) });
    await settle();
    const snap = running.suspend();
    const other = new StateMachine({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 6, End: true } } });
    expect(() => other.resume(snap)).toThrow(/different definition/);
    expect(() => w.resume({ ...snap, format: 'nope' } as never)).toThrow(AslUsageError);
  });

  it('a suspended execution releases its tokens and activity tasks', async () => {
    const arn = 'arn:aws:states:us-east-1:123456789012:activity:a';
    const runtime = new Runtime();
    const e = new StateMachine({ StartAt: 'A', States: { A: { Type: 'Task', Resource: arn, End: true } } }).start({}, { runtime });
    await settle();
    const snap = e.suspend();
    expect((await e.result).status).toBe('SUSPENDED');
    expect(() => runtime.sendTaskSuccess(snap.taskTokens[0]!, {})).toThrow(expect.objectContaining({ name: 'TaskDoesNotExist' }));
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 5);
    expect(await runtime.getActivityTask(arn, { signal: ac.signal })).toBeUndefined();
  });
});

describe('resume and callbacks', () => {
  it('accepts the answer to a waiting token right after resume(), before the replay reaches the task', async () => {
    const m = new StateMachine({
      StartAt: 'Ask',
      States: { Ask: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { 'token.$': '$$.Task.Token' }, End: true } },
    });
    const handlers = { 'arn:aws:states:::sqs:sendMessage.waitForTaskToken': () => ({}) };
    const first = m.start({}, { handlers });
    await settle();
    const snap = first.suspend();
    const resumed = m.resume(snap, { handlers });
    resumed.sendTaskSuccess(snap.taskTokens[0]!, { ok: true });
    expect(await resumed.result).toEqual({ status: 'SUCCEEDED', output: { ok: true } });
  });
});

describe('resume and heartbeats', () => {
  it('keeps the heartbeat deadline of the last heartbeat sent before the snapshot', async () => {
    const m = new StateMachine({
      StartAt: 'Ask',
      States: { Ask: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { 'token.$': '$$.Task.Token' }, HeartbeatSeconds: 60, End: true } },
    });
    const handlers = { 'arn:aws:states:::sqs:sendMessage.waitForTaskToken': () => ({}) };
    const clock = new VirtualClock(T0, { autoAdvance: false });
    const first = m.start({}, { handlers, clock });
    await settle();
    const token = first.snapshot().taskTokens[0]!;
    await clock.advance(50_000);
    first.sendTaskHeartbeat(token); // at +50 s: the deadline moves to +110 s
    await clock.advance(10_000);
    const snap = JSON.parse(JSON.stringify(first.suspend()));

    const later = new VirtualClock('2024-03-01T08:01:00Z', { autoAdvance: false }); // resumed at +60 s
    const resumed = m.resume(snap, { handlers, clock: later });
    await settle();
    await later.advance(45_000); // +105 s: still alive thanks to the heartbeat at +50 s
    expect(resumed.status).toBe('RUNNING');
    await later.advance(10_000); // +115 s: past the deadline
    expect(await resumed.result).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    expect(resumed.history.at(-2)).toMatchObject({ type: 'TaskTimedOut', timestamp: '2024-03-01T08:01:50.000Z' });
  });
});
