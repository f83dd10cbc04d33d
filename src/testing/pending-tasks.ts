import type { HistoryEvent } from '../runtime/history.js';

/** What an unfinished Task state is doing, read from its last history event. */
export type TaskPhase =
  /** A handler, mock or Lambda function was called and has not settled. */
  | 'handler'
  /** The work was submitted (`.sync`, `.waitForTaskToken`) and its completion is awaited. */
  | 'callback'
  /** An activity task waits for a worker or for the worker's answer. */
  | 'activity'
  /** Between attempts (retry backoff) or past its last attempt. */
  | 'idle';

/** One Task state that was entered and has not exited. */
export interface PendingTask {
  readonly stateName: string;
  readonly phase: TaskPhase;
}

interface Open {
  stateName: string;
  phase: TaskPhase;
  /** Id of the TaskStateEntered event, to list the most recent first. */
  readonly enteredId: number;
}

const PHASES: Readonly<Record<string, TaskPhase>> = {
  TaskScheduled: 'handler',
  TaskStarted: 'handler',
  LambdaFunctionScheduled: 'handler',
  LambdaFunctionStarted: 'handler',
  TaskSubmitted: 'callback',
  ActivityScheduled: 'activity',
  ActivityStarted: 'activity',
};

/**
 * Follows a live history and knows which Task states are unfinished. Events of one thread are
 * chained by `previousEventId`, so each open Task is keyed by the id of its latest event and
 * moves along its chain until its TaskStateExited. A Task cancelled without an event (its
 * Parallel branch or Map iteration was stopped) stays listed; that only matters for the
 * wording of a watchdog error, which lists the most recent first.
 */
export class PendingTasks {
  private readonly open = new Map<number, Open>();

  /** Records one event; call it with every event, in order. */
  see(e: HistoryEvent): void {
    if (e.type === 'TaskStateEntered') {
      const name = (e.stateEnteredEventDetails as { name?: string } | undefined)?.name ?? '?';
      this.open.set(e.id, { stateName: name, phase: 'idle', enteredId: e.id });
      return;
    }
    const task = this.open.get(e.previousEventId);
    if (!task) return;
    this.open.delete(e.previousEventId);
    if (e.type === 'TaskStateExited') return;
    task.phase = PHASES[e.type] ?? 'idle';
    this.open.set(e.id, task);
  }

  /** The unfinished Task states, the most recently entered first. */
  list(): PendingTask[] {
    return [...this.open.values()].sort((a, b) => b.enteredId - a.enteredId).map(({ stateName, phase }) => ({ stateName, phase }));
  }
}
