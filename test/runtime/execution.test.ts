import { describe, expect, it } from 'vitest';
import { AslUsageError, AslValidationError, StateMachine, VirtualClock, type HistoryEvent } from '../../src/index.js';

const waitForever = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 99_999_999, End: true } } };
const hello = { StartAt: 'P', States: { P: { Type: 'Pass', Result: 'hi', End: true } } };

describe('StateMachine', () => {
  it('accepts a definition as JSON text', async () => {
    expect(await new StateMachine(JSON.stringify(hello)).run()).toEqual({ status: 'SUCCEEDED', output: 'hi' });
  });

  it('throws AslValidationError with diagnostics for invalid definitions and malformed JSON', () => {
    const missingTarget = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nope' } } };
    try {
      new StateMachine(missingTarget);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AslValidationError);
      expect((e as AslValidationError).diagnostics.some((d) => d.code === 'MISSING_TRANSITION_TARGET' && d.location === '/States/A/Next')).toBe(true);
    }
    expect(() => new StateMachine('{ not json')).toThrow(AslValidationError);
  });

  it('runs many executions of one machine at once, independently', async () => {
    const m = new StateMachine({ StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$.s', End: true } } });
    const clock = new VirtualClock('2024-01-01T00:00:00Z');
    const results = await Promise.all([3, 1, 2].map((s) => m.run({ s }, { clock })));
    expect(results.map((r) => r.output)).toEqual([{ s: 3 }, { s: 1 }, { s: 2 }]);
  });

  it('rejects input that is not JSON-serialisable with a typed error', () => {
    const m = new StateMachine(hello);
    expect(() => m.start({ f: () => 1 })).toThrow(AslUsageError);
    expect(() => m.start(10n)).toThrow(AslUsageError);
  });
});

describe('Execution history', () => {
  it('has sequential ids, previousEventId links, clock timestamps and AWS detail members', async () => {
    const m = new StateMachine({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'W' }, W: { Type: 'Wait', Seconds: 60, End: true } } });
    const e = m.start({ x: 1 }, { clock: new VirtualClock('2024-05-01T12:00:00Z'), name: 'exec-1' });
    await e.result;
    const h = e.history;
    expect(h.map((x) => x.id)).toEqual([1, 2, 3, 4, 5, 6]);
    // As recorded on AWS: the first state event does not point back at ExecutionStarted.
    expect(h.map((x) => x.previousEventId)).toEqual([0, 0, 2, 3, 4, 5]);
    expect(h[0]).toMatchObject({ type: 'ExecutionStarted', timestamp: '2024-05-01T12:00:00.000Z', executionStartedEventDetails: { input: '{"x":1}', inputDetails: { truncated: false } } });
    expect(h[1]).toMatchObject({ type: 'PassStateEntered', stateEnteredEventDetails: { name: 'A', input: '{"x":1}' } });
    expect(h[2]).toMatchObject({ type: 'PassStateExited', stateExitedEventDetails: { name: 'A', output: '{"x":1}' } });
    expect(h[4]).toMatchObject({ type: 'WaitStateExited', timestamp: '2024-05-01T12:01:00.000Z' });
    expect(h[5]).toMatchObject({ type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: '{"x":1}' } });
    expect(e.executionArn).toBe('arn:aws:states:us-east-1:123456789012:execution:StateMachine:exec-1');
  });

  it('emits each event to listeners as it happens, and as an async iterator', async () => {
    const m = new StateMachine(hello);
    const e = m.start();
    const seen: string[] = [];
    e.on('event', (ev: HistoryEvent) => seen.push(ev.type));
    const iterated: string[] = [];
    for await (const ev of e.events()) iterated.push(ev.type);
    expect(iterated).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    // ExecutionStarted was written before the listener subscribed.
    expect(seen).toEqual(['PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });

  it('omits payloads when includeExecutionData is false', async () => {
    const e = new StateMachine(hello).start({ secret: 1 }, { includeExecutionData: false });
    await e.result;
    expect(JSON.stringify(e.history)).not.toContain('secret');
  });
});

describe('Execution lifecycle', () => {
  it('stop() ends a waiting execution as ABORTED at once', async () => {
    const e = new StateMachine(waitForever).start({}, { clock: new VirtualClock(0, { autoAdvance: false }) });
    setTimeout(() => e.stop({ error: 'Manual', cause: 'operator' }), 5);
    expect(await e.result).toEqual({ status: 'ABORTED', error: 'Manual', cause: 'operator' });
    expect(e.history.at(-1)!.type).toBe('ExecutionAborted');
    expect(e.status).toBe('ABORTED');
  });

  it('stop() cancels a running handler through its signal', async () => {
    let aborted = false;
    const m = new StateMachine({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::slow:op', End: true } } });
    const e = m.start({}, {
      handlers: {
        'arn:aws:states:::slow:op': (_i, ctx) =>
          new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => { aborted = true; reject(new Error('aborted')); })),
      },
    });
    setTimeout(() => e.stop(), 5);
    expect((await e.result).status).toBe('ABORTED');
    expect(aborted).toBe(true);
  });

  it('an AbortSignal option stops the execution', async () => {
    const ac = new AbortController();
    const e = new StateMachine(waitForever).start({}, { signal: ac.signal, clock: new VirtualClock(0, { autoAdvance: false }) });
    ac.abort();
    expect((await e.result).status).toBe('ABORTED');
  });

  it('the definition TimeoutSeconds ends the execution as TIMED_OUT with States.Timeout', async () => {
    const m = new StateMachine({ ...waitForever, TimeoutSeconds: 30 });
    const e = m.start({}, { clock: new VirtualClock('2024-01-01T00:00:00Z') });
    expect(await e.result).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(e.history.at(-1)).toMatchObject({ type: 'ExecutionTimedOut', timestamp: '2024-01-01T00:00:30.000Z' });
  });
});

describe('Context object', () => {
  it('exposes Execution, StateMachine and State fields with configurable identity', async () => {
    const m = new StateMachine({ StartAt: 'Q', States: { Q: { Type: 'Pass', Parameters: { 'ctx.$': '$$' }, End: true } } });
    const r = await m.run({ in: 1 }, {
      name: 'run-7',
      clock: new VirtualClock('2024-02-03T04:05:06.789Z'),
      context: { region: 'eu-west-1', accountId: '111122223333', stateMachineName: 'Orders' },
    });
    expect(r.output).toEqual({
      ctx: {
        Execution: {
          Id: 'arn:aws:states:eu-west-1:111122223333:execution:Orders:run-7',
          Input: { in: 1 },
          Name: 'run-7',
          RoleArn: 'arn:aws:iam::111122223333:role/StepFunctionsExecutionRole',
          StartTime: '2024-02-03T04:05:06.789Z',
          RedriveCount: 0,
        },
        StateMachine: { Id: 'arn:aws:states:eu-west-1:111122223333:stateMachine:Orders', Name: 'Orders' },
        State: { Name: 'Q', EnteredTime: '2024-02-03T04:05:06.789Z' },
      },
    });
  });

  it('gives Task states State.RetryCount', async () => {
    const m = new StateMachine({
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'arn:aws:states:::x:y', Parameters: { 'n.$': '$$.State.RetryCount' }, Retry: [{ ErrorEquals: ['States.ALL'] }], End: true } },
    });
    const r = await m.run({}, {
      clock: new VirtualClock(),
      handlers: { 'arn:aws:states:::x:y': (input: { n: number }) => { if (input.n < 2) throw new Error('again'); return input.n; } },
    });
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: 2 });
  });
});

describe('Task invocation identity', () => {
  it('is stable per thread, visit and attempt, and the same on every run', async () => {
    const ids: string[] = [];
    const m = new StateMachine({
      StartAt: 'Par',
      States: {
        Par: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:::w:a', Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1 }], End: true } } },
            { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'B', States: { B: { Type: 'Task', Resource: 'arn:aws:states:::w:b', End: true } } }, End: true } } },
          ],
          End: true,
        },
      },
    });
    const handlers = {
      'arn:aws:states:::w:a': (_i: unknown, ctx: { invocationId: string; attempt: number }) => {
        ids.push(ctx.invocationId);
        if (ctx.attempt === 0) throw new Error('retry me');
        return 1;
      },
      'arn:aws:states:::w:b': (_i: unknown, ctx: { invocationId: string }) => (ids.push(ctx.invocationId), 2),
    };
    await m.run([1, 2], { handlers, clock: new VirtualClock() });
    const first = [...ids].sort();
    ids.length = 0;
    await m.run([1, 2], { handlers, clock: new VirtualClock() });
    expect([...ids].sort()).toEqual(first);
    expect(new Set(first).size).toBe(4);
    expect(first).toContain('Par[0][0]/1:A#0');
    expect(first).toContain('Par[0][0]/1:A#1');
  });

  it('refuses execution input over 256 KiB', () => {
    expect(() => new StateMachine(hello).start({ big: 'x'.repeat(262_144) })).toThrow(AslUsageError);
  });
});
