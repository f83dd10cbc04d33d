import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../src/index.js';
import { PendingTasks } from '../../src/testing/pending-tasks.js';

// Events of one thread chain by previousEventId (GetExecutionHistory); two threads interleave.
const ev = (id: number, previousEventId: number, type: string, name?: string): HistoryEvent =>
  ({ id, previousEventId, timestamp: '', type, ...(name ? { stateEnteredEventDetails: { name } } : {}) }) as unknown as HistoryEvent;

describe('PendingTasks', () => {
  it('follows each Task along its own thread: scheduled, failed (backoff), retried, exited', () => {
    const p = new PendingTasks();
    p.see(ev(2, 0, 'TaskStateEntered', 'A'));
    p.see(ev(3, 0, 'TaskStateEntered', 'B'));
    p.see(ev(4, 2, 'TaskScheduled'));
    p.see(ev(5, 3, 'LambdaFunctionScheduled'));
    expect(p.list()).toEqual([
      { stateName: 'B', phase: 'handler' },
      { stateName: 'A', phase: 'handler' },
    ]);
    p.see(ev(6, 4, 'TaskFailed'));
    expect(p.list()[1]).toEqual({ stateName: 'A', phase: 'idle' });
    p.see(ev(7, 6, 'TaskScheduled'));
    p.see(ev(8, 7, 'TaskSubmitted'));
    expect(p.list()[1]).toEqual({ stateName: 'A', phase: 'callback' });
    p.see(ev(9, 5, 'LambdaFunctionSucceeded'));
    p.see(ev(10, 9, 'TaskStateExited'));
    expect(p.list()).toEqual([{ stateName: 'A', phase: 'callback' }]);
  });

  it('an activity waits for its worker', () => {
    const p = new PendingTasks();
    p.see(ev(2, 0, 'TaskStateEntered', 'Work'));
    p.see(ev(3, 2, 'ActivityScheduled'));
    expect(p.list()).toEqual([{ stateName: 'Work', phase: 'activity' }]);
  });
});
