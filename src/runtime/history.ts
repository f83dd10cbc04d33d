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

const detailsKeys = new Map<string, string>();

/** The name of the details member for an event type (AWS groups state events by kind). */
export function detailsKey(type: HistoryEventType): string {
  let key = detailsKeys.get(type);
  if (key === undefined) {
    if (type.endsWith('StateEntered')) key = 'stateEnteredEventDetails';
    else if (type.endsWith('StateExited')) key = 'stateExitedEventDetails';
    else key = type[0]!.toLowerCase() + type.slice(1) + 'EventDetails';
    detailsKeys.set(type, key);
  }
  return key;
}

/** ISO-8601 text of a time, remembering the last one: many events share a millisecond. */
class TimestampFormatter {
  private ms = Number.NaN;
  private text = '';
  format(ms: number): string {
    if (ms !== this.ms) {
      this.ms = ms;
      this.text = new Date(ms).toISOString();
    }
    return this.text;
  }
}

export type HistoryListener = (event: HistoryEvent) => void;

/**
 * A payload waiting to become JSON text. State inputs and outputs are never mutated, so the
 * text is the same whenever it is made; most histories are never read in full, and the states
 * then pay nothing for it.
 */
export class LazyJson {
  constructor(readonly value: unknown) {}
}

/** Thrown when a resumed execution does something else than its recorded history says. */
export class ReplayDivergence extends Error {
  override readonly name = 'ReplayDivergence';
}

interface ThreadReplay {
  /** Ids of the recorded events of this thread, in order. */
  readonly ids: number[];
  pos: number;
  /** Timestamp (ms) of the last recorded event consumed, while the thread has not gone live. */
  lastTime: number | undefined;
}

/**
 * Collects the events of one execution and tells listeners as each is added. A log built from a
 * snapshot replays: each thread's `add` calls consume that thread's recorded events (no new
 * event, no listener call) until the thread has none left, then it writes live events.
 */
export class HistoryLog {
  readonly events: HistoryEvent[] = [];
  /** The thread that wrote each event (same index as `events`). */
  readonly threads: string[] = [];
  /** Times in ms of the recorded events of a resumed execution (same index as `events`). */
  private readonly times: number[] = [];
  private readonly listeners = new Set<HistoryListener>();
  private readonly replay = new Map<string, ThreadReplay>();
  private readonly formatter = new TimestampFormatter();
  /** Events before this index hold JSON text only (no LazyJson left). */
  private materialized = 0;

  constructor(
    private readonly now: () => number,
    recorded?: { events: readonly HistoryEvent[]; threads: readonly string[] },
  ) {
    if (!recorded) return;
    recorded.events.forEach((e, i) => {
      this.events.push(e);
      this.times.push(Date.parse(e.timestamp));
      const thread = recorded.threads[i] ?? '';
      this.threads.push(thread);
      let r = this.replay.get(thread);
      if (!r) this.replay.set(thread, (r = { ids: [], pos: 0, lastTime: undefined }));
      r.ids.push(e.id);
    });
  }

  /** Adds an event for `thread`; `previous` is the id of the event it follows in that thread. */
  add(type: HistoryEventType, previous: number, details?: Record<string, unknown>, thread = ''): number {
    const r = this.replay.size === 0 ? undefined : this.replay.get(thread);
    if (r) {
      if (r.pos < r.ids.length) {
        const id = r.ids[r.pos++]!;
        const recorded = this.events[id - 1]!;
        if (recorded.type !== type) {
          throw new ReplayDivergence(`The resumed execution diverged from its snapshot at event #${id}: the snapshot has ${recorded.type}, the run wrote ${type}.`);
        }
        r.lastTime = this.times[id - 1];
        return id;
      }
      // This thread has caught up with its recording: from now on it is live.
      this.replay.delete(thread);
    }
    const id = this.events.length + 1;
    const ms = this.now();
    const event: Record<string, unknown> = {
      id,
      previousEventId: previous,
      timestamp: this.formatter.format(ms),
      type,
    };
    if (details) event[detailsKey(type)] = details;
    this.events.push(event as HistoryEvent);
    this.threads.push(thread);
    if (this.listeners.size === 0) return id;
    this.materialize();
    for (const l of this.listeners) {
      try {
        l(event as HistoryEvent);
      } catch {
        // A listener's bug must not break the execution.
      }
    }
    return id;
  }

  /** The events with every payload as JSON text (what users and snapshots see). */
  read(): HistoryEvent[] {
    this.materialize();
    return this.events;
  }

  private materialize(): void {
    const events = this.events;
    for (let i = this.materialized; i < events.length; i++) {
      for (const details of Object.values(events[i]!)) {
        if (details === null || typeof details !== 'object') continue;
        const d = details as Record<string, unknown>;
        for (const key in d) {
          const v = d[key];
          if (v instanceof LazyJson) d[key] = JSON.stringify(v.value) ?? 'null';
        }
      }
    }
    this.materialized = events.length;
  }

  /** True while `thread` still has recorded events to replay. */
  replaying(thread: string): boolean {
    if (this.replay.size === 0) return false;
    const r = this.replay.get(thread);
    return r !== undefined && r.pos < r.ids.length;
  }

  /** The next recorded event of `thread`, if it is still replaying. */
  peek(thread: string): HistoryEvent | undefined {
    const r = this.replay.get(thread);
    return r && r.pos < r.ids.length ? this.events[r.ids[r.pos]! - 1] : undefined;
  }

  /**
   * The time a replaying thread is at: its last consumed event's timestamp. Undefined once the
   * thread writes live events (then the clock tells the time).
   */
  replayTime(thread: string): number | undefined {
    return this.replay.size === 0 ? undefined : this.replay.get(thread)?.lastTime;
  }


  listen(listener: HistoryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
