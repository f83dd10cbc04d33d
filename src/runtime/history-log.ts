/**
 * The history of one execution as it is written: append-only columns, built into AWS-shaped
 * events only when read, with the quota and the replay of a resumed snapshot applied on append.
 */
import { detailsKey, LazyJson, NO_PAYLOAD, payloadDetails, TERMINAL, type HistoryEvent, type HistoryEventType, type HistoryListener } from './history.js';
import { Replay } from './history-replay.js';

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

function stateDetails(type: HistoryEventType, name: string, payload: unknown): Record<string, unknown> {
  if (payload === NO_PAYLOAD) return { name };
  const json = JSON.stringify(payload) ?? 'null';
  const truncated = payloadDetails(json);
  return type.endsWith('Entered') ? { name, input: json, inputDetails: truncated } : { name, output: json, outputDetails: truncated };
}

/** Builds an event's details from two values kept by reference (see HistoryLog.addBuilt). */
export type DetailsBuilder<A, B> = (a: A, b: B) => Record<string, unknown>;

/** The history quota of one log: `onLimit` is told once, when a non-final event would take the last place. */
export interface HistoryLimit {
  readonly max: number;
  readonly onLimit: () => void;
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
  /** Set while a resumed execution still has recorded events to replay. */
  private replay: Replay | undefined;
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
      this.threads.push(recorded.threads[i] ?? '');
    });
    this.replay = new Replay(recorded.events, recorded.threads);
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

  /**
   * Adds an event whose details are built only when the history is read: `build(a, b)` must be a
   * pure, module-level function (no closure per event) and `a`, `b` are kept by reference (values
   * the engine never mutates). Map iteration and Task events go this way.
   */
  addBuilt<A, B>(type: HistoryEventType, previous: number, thread: string, build: DetailsBuilder<A, B>, a: A, b: B): number {
    return this.append(type, previous, thread, build(a, b), undefined, undefined);
  }

  private append(type: HistoryEventType, previous: number, thread: string, details: Record<string, unknown> | undefined, name: string | undefined, payload: unknown): number {
    const replay = this.replay;
    if (replay !== undefined) {
      const id = replay.next(thread, type);
      if (id !== undefined) return id;
      if (replay.done) this.replay = undefined;
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
    this.replay?.end();
    this.replay = undefined;
  }

  /** True while `thread` still has recorded events to replay. */
  replaying(thread: string): boolean {
    return this.replay !== undefined && this.replay.replaying(thread);
  }

  /** The next recorded event of `thread`, if it is still replaying. */
  peek(thread: string): HistoryEvent | undefined {
    return this.replay?.peek(thread);
  }

  /**
   * The time a replaying thread is at: its last consumed event's timestamp. Undefined once the
   * thread writes live events (then the clock tells the time).
   */
  replayTime(thread: string): number | undefined {
    return this.replay?.time(thread);
  }

  listen(listener: HistoryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
