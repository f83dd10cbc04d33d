/**
 * AWS's history quota. "Avoid reaching the history quota" (AWS Step Functions developer guide):
 * a Standard execution has a hard quota of 25,000 history events; when it reaches 24,999 events,
 * event 25,000 must be ExecutionSucceeded, otherwise ExecutionFailed is logged and the execution
 * fails (error States.Runtime, cause "The execution reached the maximum number of history events (25000).").
 */
import { describe, expect, it } from 'vitest';
import { AslUsageError, MAX_HISTORY_EVENTS, StateMachine, VirtualClock } from '../../src/index.js';

const endless = {
  StartAt: 'A',
  States: {
    A: { Type: 'Pass', Next: 'C' },
    C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'A' }], Default: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

// ExecutionStarted, three Pass states (2 events each), Succeed (2), ExecutionSucceeded: 10 events.
const tenEvents = {
  StartAt: 'P1',
  States: {
    P1: { Type: 'Pass', Next: 'P2' },
    P2: { Type: 'Pass', Next: 'P3' },
    P3: { Type: 'Pass', Next: 'S' },
    S: { Type: 'Succeed' },
  },
};

describe('the history quota', () => {
  it('is 25,000 events by default: an endless loop fails with States.Runtime at exactly 25,000 events', async () => {
    expect(MAX_HISTORY_EVENTS).toBe(25_000);
    const e = new StateMachine(endless).start({ x: 1 }, { clock: new VirtualClock(0) });
    const r = await e.result;
    expect(r).toEqual({ status: 'FAILED', error: 'States.Runtime', cause: 'The execution reached the maximum number of history events (25000).' });
    expect(e.history).toHaveLength(25_000);
    expect(e.history.at(-1)).toMatchObject({ id: 25_000, type: 'ExecutionFailed' });
  });

  it('lets an execution succeed when ExecutionSucceeded is the last allowed event', async () => {
    const e = new StateMachine(tenEvents).start({}, { maxHistoryEvents: 10, clock: new VirtualClock(0) });
    expect((await e.result).status).toBe('SUCCEEDED');
    expect(e.history).toHaveLength(10);
  });

  it('fails the execution when any other event would take the last place', async () => {
    const e = new StateMachine(tenEvents).start({}, { maxHistoryEvents: 9, clock: new VirtualClock(0) });
    expect(await e.result).toMatchObject({ status: 'FAILED', error: 'States.Runtime', cause: 'The execution reached the maximum number of history events (9).' });
    expect(e.history.map((x) => x.type)).toEqual([
      'ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'PassStateEntered', 'PassStateExited',
      'PassStateEntered', 'PassStateExited', 'SucceedStateEntered', 'ExecutionFailed',
    ]);
  });

  it('stops concurrent branches too: a Map of endless loops ends at the quota', async () => {
    const def = { StartAt: 'M', States: { M: { Type: 'Map', End: true, ItemProcessor: endless } } };
    const e = new StateMachine(def).start([{ x: 1 }, { x: 2 }, { x: 3 }], { maxHistoryEvents: 500, clock: new VirtualClock(0) });
    expect((await e.result).status).toBe('FAILED');
    expect(e.history).toHaveLength(500);
  });

  it('can be turned off with Infinity', async () => {
    const def = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.i', NumericGreaterThanEquals: 20_000, Next: 'Done' }], Default: 'Inc' },
        Inc: { Type: 'Pass', Parameters: { 'i.$': 'States.MathAdd($.i, 1)' }, Next: 'C' },
        Done: { Type: 'Succeed' },
      },
    };
    const r = await new StateMachine(def).run({ i: 0 }, { maxHistoryEvents: Infinity, includeExecutionData: false, clock: new VirtualClock(0) });
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: { i: 20_000 } });
  });

  it('rejects a quota that is not an integer of at least 2', () => {
    const m = new StateMachine(tenEvents);
    for (const bad of [0, 1, 2.5, Number.NaN, -5]) expect(() => m.start({}, { maxHistoryEvents: bad })).toThrow(AslUsageError);
  });
});
