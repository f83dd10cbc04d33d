import { describe, expect, it } from 'vitest';
import { StateMachine, VirtualClock } from '../../src/index.js';
import { normaliseHistory, testRun, visitedStates } from '../../src/testing/index.js';

const machine = {
  StartAt: 'Greet',
  States: {
    Greet: { Type: 'Pass', Parameters: { 'id.$': 'States.UUID()', 'at.$': '$$.State.EnteredTime' }, Next: 'Pause' },
    Pause: { Type: 'Wait', Seconds: 90, Next: 'Each' },
    Each: { Type: 'Map', ItemsPath: '$.list', ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } }, End: true },
  },
};

describe('visitedStates', () => {
  it('lists entered states in order, from an execution or a history, Map iterations included', async () => {
    const r = await testRun({ ...machine, States: { ...machine.States, Greet: { Type: 'Pass', Result: { list: [1, 2] }, Next: 'Pause' } } });
    expect(visitedStates(r.execution)).toEqual(['Greet', 'Pause', 'Each', 'Item', 'Item']);
    expect(visitedStates(r.history)).toEqual(r.visitedStates);
  });
});

describe('normaliseHistory', () => {
  it('is identical for two runs with different start times and random ids', async () => {
    const run = async (start: string) => {
      const sm = new StateMachine({ ...machine, States: { ...machine.States, Greet: { ...machine.States.Greet, Parameters: { ...machine.States.Greet.Parameters, 'list.$': 'States.Array(1)' } } } });
      const execution = sm.start({}, { clock: new VirtualClock(start) });
      await execution.result;
      return normaliseHistory(execution.history);
    };
    const a = await run('2024-01-01T00:00:00Z');
    const b = await run('2031-06-15T12:30:00Z');
    expect(a).toEqual(b);
  });

  it('keeps ids and types, makes timestamps relative, numbers UUIDs and times by first appearance, hides region and account', async () => {
    const sm = new StateMachine(machine);
    const execution = sm.start({ list: [] }, { clock: new VirtualClock('2024-01-01T00:00:00Z'), name: '8d3e4f1a-1111-4222-8333-944455556666' });
    await execution.result;
    const events = normaliseHistory(execution.history) as Array<Record<string, any>>;
    expect(events[0]).toMatchObject({ id: 1, previousEventId: 0, timestamp: '+0ms', type: 'ExecutionStarted' });
    expect(events[0]!.executionStartedEventDetails.roleArn).toBe('arn:aws:iam:<region>:<account>:role/StepFunctionsExecutionRole');
    const greetOut = JSON.parse(events.find((e) => e.type === 'PassStateExited')!.stateExitedEventDetails.output);
    expect(greetOut).toEqual({ id: '<uuid-1>', at: '<time-1>' });
    expect(events.find((e) => e.type === 'WaitStateExited')!.timestamp).toBe('+90000ms');
  });
});

describe('VirtualClock', () => {
  it('skips ahead by itself when only timers are pending (the default)', async () => {
    const r = await testRun({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } });
    expect(r.history.at(-1)!.timestamp).toBe('2024-01-01T01:00:00.000Z');
  });

  it('with autoAdvance off, time moves only by advance(ms), firing the timers due on the way', async () => {
    const clock = new VirtualClock('2024-01-01T00:00:00Z', { autoAdvance: false });
    const execution = new StateMachine({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } }).start({}, { clock });
    await new Promise((r) => setImmediate(r));
    expect(execution.status).toBe('RUNNING');
    expect(clock.pendingTimers).toBe(1);
    await clock.advance(59_000);
    expect(execution.status).toBe('RUNNING');
    await clock.advance(1_000);
    expect((await execution.result).status).toBe('SUCCEEDED');
    expect(execution.history.at(-1)!.timestamp).toBe('2024-01-01T00:01:00.000Z');
  });
});
