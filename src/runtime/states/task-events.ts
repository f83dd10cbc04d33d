import { StatesError } from '../../errors.js';
import type { HistoryEventType } from '../history.js';
import type { ResourceInfo } from './resource.js';

/** The event names of one resource family (Task*, LambdaFunction* or Activity*). */
export type TaskEvents = ReturnType<typeof taskEvents>;

/** A task attempt that ran out of TimeoutSeconds or HeartbeatSeconds: written as …TimedOut, not …Failed. */
export class TimedOut extends StatesError {}

/** The event names of a resource's family: Task*, LambdaFunction* or Activity*. */
export function taskEvents(info: ResourceInfo): Record<'scheduled' | 'startFailed' | 'started' | 'succeeded' | 'failed' | 'timedOut', HistoryEventType> {
  const f = info.family === 'Lambda' ? 'LambdaFunction' : info.family;
  return {
    scheduled: `${f}Scheduled` as HistoryEventType,
    startFailed: `${f}StartFailed` as HistoryEventType,
    started: `${f}Started` as HistoryEventType,
    succeeded: `${f}Succeeded` as HistoryEventType,
    failed: `${f}Failed` as HistoryEventType,
    timedOut: `${f}TimedOut` as HistoryEventType,
  };
}
