import { describe, expect, it } from 'vitest';
import { RealClock, StateMachine, VirtualClock } from '../../src/index.js';

/** A Choice loop that counts `$.i` up to `n` (Choice, Pass with MathAdd), then succeeds. */
function counter(n: number): StateMachine {
  return new StateMachine(
    {
      StartAt: 'Check',
      States: {
        Check: { Type: 'Choice', Choices: [{ Variable: '$.i', NumericLessThan: n, Next: 'Inc' }], Default: 'Done' },
        Inc: { Type: 'Pass', Parameters: { 'i.$': 'States.MathAdd($.i, 1)' }, Next: 'Check' },
        Done: { Type: 'Succeed' },
      },
    },
    { maxHistoryEvents: Infinity },
  );
}

const turn = () => new Promise<void>((r) => setImmediate(r));

// The run loop: synchronous states run back to back, yet the host keeps its turns, and stop()
// takes effect before the next state (AWS StopExecution: the execution ends as ABORTED).
describe('run loop', () => {
  it('follows every transition of a long synchronous loop to the right end', async () => {
    const r = await counter(20_000).run({ i: 0 }, { clock: new VirtualClock(0) });
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: { i: 20_000 } });
  });

  for (const [name, clock] of [
    ['a reproducible clock', () => new VirtualClock(0)],
    ['the real clock', () => new RealClock()],
  ] as const) {
    it(`gives the host turns during a long synchronous run, on ${name}`, async () => {
      const execution = counter(50_000).start({ i: 0 }, { clock: clock() });
      let ended = false;
      void execution.result.then(() => (ended = true));
      await turn();
      // The execution is still busy, and the host ran (this line) in between.
      expect(ended).toBe(false);
      expect(execution.status).toBe('RUNNING');
      await execution.result;
    });
  }

  it('a stop() during a synchronous run ends it as ABORTED before the next state', async () => {
    const execution = counter(1_000_000).start({ i: 0 }, { clock: new VirtualClock(0) });
    await turn();
    execution.stop({ error: 'Halt', cause: 'enough' });
    const r = await execution.result;
    expect(r).toEqual({ status: 'ABORTED', error: 'Halt', cause: 'enough' });
    const types = execution.history.map((e) => e.type);
    expect(types.at(-1)).toBe('ExecutionAborted');
    // The last state event before it is a complete Entered/Exited pair: no state started after the stop.
    expect(types.at(-2)).toMatch(/StateExited$/);
  });

  it('a stop() before the first state runs none', async () => {
    const execution = counter(10).start({ i: 0 }, { clock: new VirtualClock(0) });
    execution.stop();
    const r = await execution.result;
    expect(r.status).toBe('ABORTED');
    expect(execution.history.map((e) => e.type)).toEqual(['ExecutionStarted', 'ExecutionAborted']);
  });

  it('an AbortSignal that has already fired aborts the execution before its first state', async () => {
    const execution = counter(10).start({ i: 0 }, { clock: new VirtualClock(0), signal: AbortSignal.abort() });
    const r = await execution.result;
    expect(r).toMatchObject({ status: 'ABORTED', error: 'States.Aborted' });
    expect(execution.history.map((e) => e.type)).toEqual(['ExecutionStarted', 'ExecutionAborted']);
  });

  it('two executions on one machine run interleaved and apart (each thread has its own state)', async () => {
    const machine = counter(5_000);
    const clock = new VirtualClock(0);
    const [a, b] = await Promise.all([machine.run({ i: 0 }, { clock }), machine.run({ i: 4_000 }, { clock })]);
    expect(a.output).toEqual({ i: 5_000 });
    expect(b.output).toEqual({ i: 5_000 });
  });

  it('a Choice takes the rule that matches, each with its own successor, else Default', async () => {
    const machine = new StateMachine({
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          Choices: [
            { Variable: '$.v', NumericEquals: 1, Next: 'One' },
            { Variable: '$.v', NumericEquals: 2, Next: 'Two' },
          ],
          Default: 'Other',
        },
        One: { Type: 'Pass', Result: 'one', End: true },
        Two: { Type: 'Pass', Result: 'two', End: true },
        Other: { Type: 'Pass', Result: 'other', End: true },
      },
    });
    const outputs = await Promise.all([1, 2, 3].map(async (v) => (await machine.run({ v }, { clock: new VirtualClock(0) })).output));
    expect(outputs).toEqual(['one', 'two', 'other']);
  });
});

describe('execution timeout timer', () => {
  const waiting = (timeout?: number) =>
    new StateMachine({ StartAt: 'W', ...(timeout === undefined ? {} : { TimeoutSeconds: timeout }), States: { W: { Type: 'Wait', Seconds: 10, End: true } } });

  it('exists only when the machine has a TimeoutSeconds, and is released when the execution ends', async () => {
    const clock = new VirtualClock(0, { autoAdvance: false });
    const plain = waiting().start({}, { clock });
    await turn();
    expect(clock.pendingTimers).toBe(1); // the Wait only
    await clock.advance(10_000);
    await plain.result;
    expect(clock.pendingTimers).toBe(0);

    const timed = waiting(3600).start({}, { clock });
    await turn();
    expect(clock.pendingTimers).toBe(2); // the Wait and the execution's timeout
    await clock.advance(10_000);
    expect((await timed.result).status).toBe('SUCCEEDED');
    expect(clock.pendingTimers).toBe(0);
  });

  it('ends the execution as TIMED_OUT with States.Timeout when it fires first', async () => {
    const r = await waiting(5).run({}, { clock: new VirtualClock(0) });
    expect(r).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
  });
});
