/**
 * Cancellation always settles. When a thread is cancelled (a sibling failed, stop(), the signal
 * option, a timeout), the state waiting on it settles at once, whatever its task handler does:
 * AWS abandons the call in the same way, and its late result never reaches history.
 */
import { describe, expect, it } from 'vitest';
import { Runtime, StateMachine, StatesError, VirtualClock, type TaskContext, type TaskHandler } from '../../src/index.js';

const HANG = 'arn:aws:states:::hang';
const BOOM = 'arn:aws:states:::boom';

/** Fails a moment after it is called, while its siblings' handlers are already running. */
const failsSoon: TaskHandler = async () => {
  await Promise.resolve();
  throw new StatesError('Boom', 'first branch');
};

/** Never settles and ignores its signal. */
const ignoresAbort: TaskHandler = () => new Promise(() => {});
/** Rejects only when its signal fires (the usual "honouring" handler). */
const listensForAbort: TaskHandler = (_i, ctx: TaskContext) =>
  new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted'))));

function failingParallel(extra: object = {}) {
  return {
    StartAt: 'P',
    States: {
      P: {
        Type: 'Parallel',
        End: true,
        ...extra,
        Branches: [
          { StartAt: 'F', States: { F: { Type: 'Task', Resource: BOOM, End: true } } },
          { StartAt: 'T', States: { T: { Type: 'Task', Resource: HANG, End: true } } },
        ],
      },
    },
  };
}

describe('a failed sibling cancels the others at once', () => {
  for (const [label, handler] of [
    ['ignores', ignoresAbort],
    ['listens for', listensForAbort],
  ] as const) {
    it(`Parallel fails with the sibling's error while a handler that ${label} its signal is still running`, async () => {
      const r = await new StateMachine(failingParallel()).run({}, { handlers: { [HANG]: handler, [BOOM]: failsSoon }, clock: new VirtualClock(0) });
      expect(r).toMatchObject({ status: 'FAILED', error: 'Boom', cause: 'first branch' });
    });
  }

  it('a Parallel Catch runs while the cancelled handler still hangs', async () => {
    const def = failingParallel({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }], Next: 'Caught' });
    delete (def.States.P as { End?: boolean }).End;
    (def.States as Record<string, object>).Caught = { Type: 'Pass', End: true };
    const r = await new StateMachine(def).run({}, { handlers: { [HANG]: ignoresAbort, [BOOM]: failsSoon }, clock: new VirtualClock(0) });
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: { Error: 'Boom', Cause: 'first branch' } });
  });

  for (const concurrency of [0, 1, 2, 40]) {
    it(`an inline Map (MaxConcurrency ${concurrency}) fails with the failed item's error while other items hang`, async () => {
      const def = {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            MaxConcurrency: concurrency,
            End: true,
            ItemProcessor: {
              StartAt: 'C',
              States: {
                C: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 0, Next: 'F' }], Default: 'T' },
                F: { Type: 'Task', Resource: BOOM, End: true },
                T: { Type: 'Task', Resource: HANG, End: true },
              },
            },
          },
        },
      };
      let started = 0;
      // Item 0 fails a moment after the others (as many as the concurrency allows) started hanging.
      const r = await new StateMachine(def).run([0, 1, 2, 3, 4, 5], {
        handlers: { [HANG]: (i, ctx) => (started++, ignoresAbort(i, ctx)), [BOOM]: failsSoon },
        clock: new VirtualClock(0),
      });
      expect(r).toMatchObject({ status: 'FAILED', error: 'Boom' });
      // Items still waiting for a slot are never started once the Map has failed.
      if (concurrency > 0) expect(started).toBeLessThanOrEqual(concurrency - 1);
    });
  }

  it('a distributed Map with a failing item never calls a handler with an aborted signal', async () => {
    const seen: boolean[] = [];
    const def = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          End: true,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'C',
            States: {
              C: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 0, Next: 'F' }], Default: 'T' },
              F: { Type: 'Fail', Error: 'ItemFailed' },
              T: { Type: 'Task', Resource: HANG, End: true },
            },
          },
        },
      },
    };
    const r = await new StateMachine(def).run([0, 1, 2], {
      handlers: { [HANG]: (i, ctx) => (seen.push(ctx.signal.aborted), ignoresAbort(i, ctx)) },
      clock: new VirtualClock(0),
    });
    expect(r.status).toBe('FAILED');
    expect(seen.every((aborted) => !aborted)).toBe(true);
  });
});

describe('an abort that comes before the handler is called', () => {
  const def = { StartAt: 'T', States: { T: { Type: 'Task', Resource: HANG, End: true } } };

  for (const at of ['TaskStateEntered', 'TaskScheduled'] as const) {
    it(`stop() from an event listener at ${at} ends the execution and the handler is never called`, async () => {
      let calls = 0;
      const e = new StateMachine(def).start({}, { handlers: { [HANG]: (i, ctx) => (calls++, ignoresAbort(i, ctx)) }, clock: new VirtualClock(0) });
      e.on('event', (ev) => {
        if (ev.type === at) e.stop({ error: 'Stopped' });
      });
      expect(await e.result).toMatchObject({ status: 'ABORTED', error: 'Stopped' });
      expect(calls).toBe(0);
    });

    it(`the signal option firing at ${at} ends the execution and the handler is never called`, async () => {
      let calls = 0;
      const ac = new AbortController();
      const e = new StateMachine(def).start({}, { handlers: { [HANG]: () => (calls++, 1) }, signal: ac.signal, clock: new VirtualClock(0) });
      e.on('event', (ev) => {
        if (ev.type === at) ac.abort();
      });
      expect((await e.result).status).toBe('ABORTED');
      expect(calls).toBe(0);
    });
  }
});

describe('after the abort, the handler is ignored', () => {
  it('a late result of an abandoned task never reaches history', async () => {
    let finish: (v: unknown) => void = () => {};
    const e = new StateMachine({ StartAt: 'T', States: { T: { Type: 'Task', Resource: HANG, End: true } } }).start(
      {},
      { handlers: { [HANG]: () => new Promise((res) => (finish = res)) }, clock: new VirtualClock(0) },
    );
    e.on('event', (ev) => {
      if (ev.type === 'TaskStarted') queueMicrotask(() => e.stop());
    });
    expect((await e.result).status).toBe('ABORTED');
    const length = e.history.length;
    finish({ late: true });
    await new Promise((res) => setImmediate(res));
    expect(e.history.length).toBe(length);
    expect(e.history.map((x) => x.type)).not.toContain('TaskSucceeded');
  });

  it('a callback task stopped during its submission writes no TaskSubmitted afterwards', async () => {
    let submit: (v: unknown) => void = () => {};
    const res = `${HANG}.waitForTaskToken`;
    const e = new StateMachine({ StartAt: 'T', States: { T: { Type: 'Task', Resource: res, End: true } } }).start(
      {},
      { handlers: { [res]: () => new Promise((r) => (submit = r)) }, clock: new VirtualClock(0) },
    );
    await new Promise((r) => setImmediate(r));
    e.stop();
    expect((await e.result).status).toBe('ABORTED');
    submit({ sent: true });
    await new Promise((r) => setImmediate(r));
    expect(e.history.at(-1)?.type).toBe('ExecutionAborted');
    expect(e.history.map((x) => x.type)).not.toContain('TaskSubmitted');
  });
});

describe('nested executions', () => {
  const child = new StateMachine({ StartAt: 'Nap', States: { Nap: { Type: 'Wait', Seconds: 3600, Next: 'Id' }, Id: { Type: 'Pass', Parameters: { 'id.$': 'States.UUID()', 'at.$': '$$.State.EnteredTime' }, End: true } } });

  it('a .sync child runs on the parent clock and id source: its one-hour Wait is virtual', async () => {
    const runtime = new Runtime().register('Child', child);
    const parent = new StateMachine({
      StartAt: 'Run',
      States: { Run: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: 'Child' }, OutputPath: '$.Output', End: true } },
    });
    let n = 0;
    const r = await parent.run({}, { runtime, clock: new VirtualClock('2024-01-01T00:00:00Z'), uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toMatchObject({ at: '2024-01-01T01:00:00.000Z' });
    expect((r.output as { id: string }).id).toMatch(/^00000000-0000-4000-8000-0000000000\d\d$/);
  });

  it('stopping the parent stops a running .sync child', async () => {
    const runtime = new Runtime().register('Child', child);
    const parent = new StateMachine({
      StartAt: 'Run',
      States: { Run: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync', Parameters: { StateMachineArn: 'Child' }, End: true } },
    });
    const clock = new VirtualClock(0, { autoAdvance: false });
    const e = parent.start({}, { runtime, clock });
    await new Promise((r) => setImmediate(r));
    e.stop();
    expect((await e.result).status).toBe('ABORTED');
    // The child's Wait timer was cancelled with it.
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('one signal shared by many executions', () => {
  it('adds no listener per execution (no MaxListenersExceededWarning)', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const ac = new AbortController();
      const m = new StateMachine({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, End: true } } });
      const clock = new VirtualClock(0, { autoAdvance: false });
      const runs = Array.from({ length: 50 }, () => m.start({}, { signal: ac.signal, clock }).result);
      ac.abort();
      const results = await Promise.all(runs);
      expect(results.every((r) => r.status === 'ABORTED')).toBe(true);
      await new Promise((r) => setImmediate(r));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});
