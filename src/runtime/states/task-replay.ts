import { StatesError, StatesErrors } from '../../errors.js';
import type { Frame } from '../frame.js';
import type { HistoryEvent } from '../history.js';
import { TimedOut, type TaskEvents } from './task-events.js';

/*
 * Resuming a snapshot: a task attempt that the recording shows is replayed from it (its events
 * and its outcome), so no handler runs twice.
 */

/** What a replaying thread's recording says about this attempt after its Scheduled event. */
export interface Replayed {
  /** The recorded end of the attempt (Succeeded, Failed, TimedOut, StartFailed), if there is one. */
  readonly outcome?: HistoryEvent;
  /** The Started event was recorded. */
  readonly started: boolean;
  /** The service call was made (TaskSubmitted recorded): only the callback is awaited. */
  readonly submitted: boolean;
  /** An activity worker had taken the task. */
  readonly activityStarted: boolean;
}

export function replayed(frame: Frame, ev: TaskEvents): Replayed | undefined {
  const history = frame.env.history;
  if (!history.replaying(frame.threadId)) return undefined;
  let started = false;
  let submitted = false;
  let activityStarted = false;
  for (let next = history.peek(frame.threadId); next; next = history.peek(frame.threadId)) {
    if (next.type === ev.started) {
      frame.emit(ev.started);
      started = true;
    } else if (next.type === 'TaskSubmitted') {
      frame.emit('TaskSubmitted');
      submitted = true;
    } else if (next.type === 'ActivityStarted') {
      frame.emit('ActivityStarted');
      activityStarted = true;
    } else if ([ev.succeeded, ev.failed, ev.timedOut, ev.startFailed].includes(next.type)) {
      return { outcome: next, started, submitted, activityStarted };
    } else break;
  }
  return { started, submitted, activityStarted };
}

/** Replays a recorded end of an attempt: its result, or its error. */
export function finishRecorded(frame: Frame, event: HistoryEvent, ev: TaskEvents): unknown {
  frame.emit(event.type);
  const details = Object.entries(event).find(([k]) => k.endsWith('EventDetails'))?.[1] as { output?: string; error?: string; cause?: string } | undefined;
  if (event.type === ev.succeeded) {
    if (details?.output === undefined) {
      throw new StatesError(StatesErrors.Runtime, 'The snapshot has no task output to replay (it was taken with includeExecutionData: false).');
    }
    return JSON.parse(details.output) as unknown;
  }
  const err = event.type === ev.timedOut ? TimedOut : StatesError;
  throw new err(details?.error ?? '', details?.cause ?? '');
}
