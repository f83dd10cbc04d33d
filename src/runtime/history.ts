/**
 * AWS-shaped execution history (GetExecutionHistory): sequential ids, previousEventId,
 * timestamp, type and one `…EventDetails` member.
 */

/** Every history event type this interpreter emits. */
export type HistoryEventType =
  | 'ExecutionStarted' | 'ExecutionSucceeded' | 'ExecutionFailed' | 'ExecutionAborted' | 'ExecutionTimedOut'
  | 'PassStateEntered' | 'PassStateExited'
  | 'TaskStateEntered' | 'TaskStateExited' | 'TaskStateAborted'
  | 'TaskScheduled' | 'TaskStarted' | 'TaskStartFailed' | 'TaskSubmitted' | 'TaskSubmitFailed'
  | 'TaskSucceeded' | 'TaskFailed' | 'TaskTimedOut'
  | 'LambdaFunctionScheduled' | 'LambdaFunctionScheduleFailed' | 'LambdaFunctionStarted' | 'LambdaFunctionStartFailed'
  | 'LambdaFunctionSucceeded' | 'LambdaFunctionFailed' | 'LambdaFunctionTimedOut'
  | 'ActivityScheduled' | 'ActivityScheduleFailed' | 'ActivityStarted' | 'ActivitySucceeded' | 'ActivityFailed' | 'ActivityTimedOut'
  | 'ChoiceStateEntered' | 'ChoiceStateExited'
  | 'WaitStateEntered' | 'WaitStateExited' | 'WaitStateAborted'
  | 'SucceedStateEntered' | 'SucceedStateExited'
  | 'FailStateEntered'
  | 'ParallelStateEntered' | 'ParallelStateStarted' | 'ParallelStateSucceeded' | 'ParallelStateFailed'
  | 'ParallelStateAborted' | 'ParallelStateExited'
  | 'MapStateEntered' | 'MapStateStarted' | 'MapIterationStarted' | 'MapIterationSucceeded' | 'MapIterationFailed'
  | 'MapIterationAborted' | 'MapStateSucceeded' | 'MapStateFailed' | 'MapStateAborted' | 'MapStateExited'
  | 'MapRunStarted' | 'MapRunSucceeded' | 'MapRunFailed' | 'MapRunAborted'
  | 'EvaluationFailed';

/** One history event, as AWS's GetExecutionHistory returns it. */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  /** ISO-8601 time from the execution's clock. */
  readonly timestamp: string;
  readonly type: HistoryEventType;
  /** Exactly one `<camelCaseType>EventDetails` member, e.g. `stateEnteredEventDetails`. */
  readonly [details: string]: unknown;
}

/** Payload strings in events are capped at 256 KiB, as on AWS. */
const PAYLOAD_CAP = 262_144;

/** `{ truncated }` companion of a payload field. */
export function payloadDetails(json: string): { truncated: boolean } {
  return { truncated: json.length > PAYLOAD_CAP / 4 && Buffer.byteLength(json) > PAYLOAD_CAP };
}

/** The name of the details member for an event type (AWS groups state events by kind). */
export function detailsKey(type: HistoryEventType): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return type[0]!.toLowerCase() + type.slice(1) + 'EventDetails';
}

export type HistoryListener = (event: HistoryEvent) => void;

/** Collects events of one execution and tells listeners as each is added. */
export class HistoryLog {
  readonly events: HistoryEvent[] = [];
  private readonly listeners = new Set<HistoryListener>();

  constructor(private readonly now: () => number) {}

  /** Adds an event; `previous` is the id of the event it follows in its own branch. */
  add(type: HistoryEventType, previous: number, details?: Record<string, unknown>): number {
    const id = this.events.length + 1;
    const event: Record<string, unknown> = {
      id,
      previousEventId: previous,
      timestamp: new Date(this.now()).toISOString(),
      type,
    };
    if (details) event[detailsKey(type)] = details;
    this.events.push(event as HistoryEvent);
    for (const l of this.listeners) {
      try {
        l(event as HistoryEvent);
      } catch {
        // A listener's bug must not break the execution.
      }
    }
    return id;
  }

  listen(listener: HistoryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
