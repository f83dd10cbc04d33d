/**
 * AWS-shaped execution history (GetExecutionHistory): sequential ids, previousEventId,
 * timestamp, type and one `…EventDetails` member.
 */
import { MAX_PAYLOAD_BYTES, utf8Size } from './payload.js';

/** Every history event type this interpreter emits (the list a snapshot's events are checked against). */
export const HISTORY_EVENT_TYPES = [
  'ExecutionStarted', 'ExecutionSucceeded', 'ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut',
  'PassStateEntered', 'PassStateExited',
  'TaskStateEntered', 'TaskStateExited', 'TaskStateAborted',
  'TaskScheduled', 'TaskStarted', 'TaskStartFailed', 'TaskSubmitted', 'TaskSubmitFailed',
  'TaskSucceeded', 'TaskFailed', 'TaskTimedOut',
  'LambdaFunctionScheduled', 'LambdaFunctionScheduleFailed', 'LambdaFunctionStarted', 'LambdaFunctionStartFailed',
  'LambdaFunctionSucceeded', 'LambdaFunctionFailed', 'LambdaFunctionTimedOut',
  'ActivityScheduled', 'ActivityScheduleFailed', 'ActivityStarted', 'ActivitySucceeded', 'ActivityFailed', 'ActivityTimedOut',
  'ChoiceStateEntered', 'ChoiceStateExited',
  'WaitStateEntered', 'WaitStateExited', 'WaitStateAborted',
  'SucceedStateEntered', 'SucceedStateExited',
  'FailStateEntered',
  'ParallelStateEntered', 'ParallelStateStarted', 'ParallelStateSucceeded', 'ParallelStateFailed',
  'ParallelStateAborted', 'ParallelStateExited',
  'MapStateEntered', 'MapStateStarted', 'MapIterationStarted', 'MapIterationSucceeded', 'MapIterationFailed',
  'MapIterationAborted', 'MapStateSucceeded', 'MapStateFailed', 'MapStateAborted', 'MapStateExited',
  'MapRunStarted', 'MapRunSucceeded', 'MapRunFailed', 'MapRunAborted',
  'EvaluationFailed',
] as const;

/** Every history event type this interpreter emits. */
export type HistoryEventType = (typeof HISTORY_EVENT_TYPES)[number];

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

/** `{ truncated }` companion of a payload field: payload strings in events are capped at 256 KiB, as on AWS. */
export function payloadDetails(json: string): { truncated: boolean } {
  return { truncated: utf8Size(json) > MAX_PAYLOAD_BYTES };
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

/** Marks a state event written without its payload (includeExecutionData: false). */
export const NO_PAYLOAD: unique symbol = Symbol('no payload');

function stateDetails(type: HistoryEventType, name: string, payload: unknown): Record<string, unknown> {
  if (payload === NO_PAYLOAD) return { name };
  const json = JSON.stringify(payload) ?? 'null';
  const truncated = payloadDetails(json);
  return type.endsWith('Entered') ? { name, input: json, inputDetails: truncated } : { name, output: json, outputDetails: truncated };
}

/**
 * A resumed execution did something else than its snapshot's history says (the snapshot was
 * altered, or handlers changed what the definition does). The execution fails with
 * States.Runtime and this message as the cause.
 */
export class ReplayDivergence extends Error {
  override readonly name = 'ReplayDivergence';
}

/** Events that end an execution: always written, even at the history limit. */
const TERMINAL: ReadonlySet<HistoryEventType> = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut']);

/** AWS's hard quota of events in one Standard execution's history. */
export const MAX_HISTORY_EVENTS = 25_000;

/** The history quota of one log: `onLimit` is told once, when a non-final event would take the last place. */
export interface HistoryLimit {
  readonly max: number;
  readonly onLimit: () => void;
}

interface ThreadReplay {
  /** Ids of the recorded events of this thread, in order. */
  readonly ids: number[];
  pos: number;
  /** Timestamp (ms) of the last recorded event consumed, while the thread has not gone live. */
  lastTime: number | undefined;
}

/**
 * Collects the events of one execution and tells listeners as each is added. Events are kept
 * as columns (type, previous id, time, details, thread) and built as AWS-shaped objects only
 * when read, so an execution nobody inspects holds little per event. A log built from a
 * snapshot replays: each thread's `add` calls consume that thread's recorded events (no new
 * event, no listener call) until the thread has none left, then it writes live events.
 */
export class HistoryLog {
  private readonly types: HistoryEventType[] = [];
  private readonly previous: number[] = [];
  private readonly times: number[] = [];
  private readonly details: (Record<string, unknown> | undefined)[] = [];
  /** For state Entered/Exited events written with addState: the state name and payload. */
  private readonly names: (string | undefined)[] = [];
  private readonly payloads: unknown[] = [];
  /** The thread that wrote each event (same index as the events). */
  readonly threads: string[] = [];
  /** Events built so far (index = id - 1), with every payload as JSON text. */
  private readonly built: HistoryEvent[] = [];
  private readonly listeners = new Set<HistoryListener>();
  private readonly replay = new Map<string, ThreadReplay>();
  private readonly formatter = new TimestampFormatter();
  private limitReached = false;

  constructor(
    private readonly now: () => number,
    recorded?: { events: readonly HistoryEvent[]; threads: readonly string[] },
    private readonly limit?: HistoryLimit,
  ) {
    if (!recorded) return;
    recorded.events.forEach((e, i) => {
      this.types.push(e.type);
      this.previous.push(e.previousEventId);
      this.times.push(Date.parse(e.timestamp));
      this.details.push(undefined);
      this.names.push(undefined);
      this.payloads.push(undefined);
      this.built.push(e);
      const thread = recorded.threads[i] ?? '';
      this.threads.push(thread);
      let r = this.replay.get(thread);
      if (!r) this.replay.set(thread, (r = { ids: [], pos: 0, lastTime: undefined }));
      r.ids.push(e.id);
    });
  }

  /** How many events there are. */
  get length(): number {
    return this.types.length;
  }

  /** Adds an event for `thread`; `previous` is the id of the event it follows in that thread. */
  add(type: HistoryEventType, previous: number, details?: Record<string, unknown>, thread = ''): number {
    return this.append(type, previous, thread, details, undefined, undefined);
  }

  /**
   * Adds a state's Entered (`input`) or Exited (`output`) event without building its details
   * object; `payload` is the value, or NO_PAYLOAD when execution data is left out.
   */
  addState(type: HistoryEventType, previous: number, thread: string, name: string, payload: unknown): number {
    return this.append(type, previous, thread, undefined, name, payload);
  }

  private append(type: HistoryEventType, previous: number, thread: string, details: Record<string, unknown> | undefined, name: string | undefined, payload: unknown): number {
    const r = this.replay.size === 0 ? undefined : this.replay.get(thread);
    if (r) {
      if (r.pos < r.ids.length) {
        const id = r.ids[r.pos++]!;
        const recorded = this.types[id - 1]!;
        if (recorded !== type) {
          // The rest is written live, so the execution can still record how it ended.
          this.replay.clear();
          throw new ReplayDivergence(`The resumed execution diverged from its snapshot at event #${id}: the snapshot has ${recorded}, the run wrote ${type}.`);
        }
        r.lastTime = this.times[id - 1];
        return id;
      }
      // This thread has caught up with its recording: from now on it is live.
      this.replay.delete(thread);
    }
    // AWS (bp-history-limit): at 24,999 events the next one must be ExecutionSucceeded;
    // anything else ends the execution, whose ExecutionFailed event takes the last place.
    const limit = this.limit;
    if (limit !== undefined && this.types.length >= limit.max - 1 && !TERMINAL.has(type)) {
      if (!this.limitReached) {
        this.limitReached = true;
        limit.onLimit();
      }
      return this.types.length;
    }
    this.types.push(type);
    this.previous.push(previous);
    this.times.push(this.now());
    this.details.push(details);
    this.names.push(name);
    this.payloads.push(payload);
    this.threads.push(thread);
    const id = this.types.length;
    if (this.listeners.size === 0) return id;
    const event = this.read()[id - 1]!;
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A listener's bug must not break the execution.
      }
    }
    return id;
  }

  /** The events as AWS's GetExecutionHistory gives them, every payload as JSON text. */
  read(): HistoryEvent[] {
    const built = this.built;
    for (let i = built.length; i < this.types.length; i++) {
      const type = this.types[i]!;
      const event: Record<string, unknown> = {
        id: i + 1,
        previousEventId: this.previous[i],
        timestamp: this.formatter.format(this.times[i]!),
        type,
      };
      const name = this.names[i];
      if (name !== undefined) {
        event[detailsKey(type)] = stateDetails(type, name, this.payloads[i]);
        this.names[i] = undefined;
        this.payloads[i] = undefined;
      }
      const d = this.details[i];
      if (d) {
        for (const key in d) {
          const v = d[key];
          if (v instanceof LazyJson) d[key] = JSON.stringify(v.value) ?? 'null';
        }
        event[detailsKey(type)] = d;
        this.details[i] = undefined;
      }
      built.push(event as HistoryEvent);
    }
    return built;
  }

  /** ISO-8601 timestamp of event `id`. */
  timestamp(id: number): string {
    return this.formatter.format(this.times[id - 1]!);
  }

  /** Ends every replay: what is written from now on is live (the execution is ending). */
  endReplay(): void {
    this.replay.clear();
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
    return r && r.pos < r.ids.length ? this.built[r.ids[r.pos]! - 1] : undefined;
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
