/**
 * The history of one execution as it is written: append-only columns, built into AWS-shaped
 * events only when read, with the quota and the replay of a resumed snapshot applied on append.
 */
import { detailsKey, LazyJson, NO_PAYLOAD, payloadDetails, TERMINAL, type HistoryEvent, type HistoryEventType, type HistoryListener } from './history.js';
import { Replay } from './history-replay.js';
import { EventColumns } from './history-columns.js';
import { ThreadTable, typeCode, typeOf } from './history-codes.js';
import { EventTime } from './history-time.js';
import type { Clock } from './clock.js';

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

/**
 * A thread that writes events under `threadId` and keeps its index in the log's thread table
 * (-1 until its first event), so its events need no lookup by id. One log per slot.
 */
export interface ThreadSlot {
  readonly threadId: string;
  threadIndex: number;
}

/** The history quota of one log: `onLimit` is told once, when a non-final event would take the last place. */
export interface HistoryLimit {
  readonly max: number;
  readonly onLimit: () => void;
}

// What an event's two object slots hold, by its `kind` code.
/** A recorded event of a resumed snapshot: `built` holds it as it was recorded. */
const BUILT = 0;
/** `a` is the details object (or undefined): HistoryLog.add. */
const DETAILS = 1;
/** `a` is the state name, `b` the payload: HistoryLog.addState. */
const STATE = 2;
/** From here on, `kind - BUILDER` indexes the log's builders: HistoryLog.addBuilt. */
const BUILDER = 3;
const MAX_BUILDERS = 256 - BUILDER;

/**
 * Collects the events of one execution and tells listeners as each is added. Events are kept
 * as typed columns (type, previous id, time, thread) with two object slots per event holding
 * what the details are made from; AWS-shaped objects are built only when read, so an execution
 * nobody inspects holds little per event. A log built from a snapshot replays: each thread's
 * `add` calls consume that thread's recorded events (no new event, no listener call) until the
 * thread has none left, then it writes live events.
 */
export class HistoryLog {
  private readonly columns = new EventColumns();
  private readonly threadIds = new ThreadTable();
  /** The distinct `addBuilt` functions, indexed by `kind - BUILDER`. */
  private readonly builders: DetailsBuilder<never, never>[] = [];
  private lastBuilder = 0;
  /** Events built so far (index = id - 1), with every payload as JSON text. */
  private readonly built: HistoryEvent[] = [];
  /** Made by the first `listen`: most executions have no listener. */
  private listeners: Set<HistoryListener> | undefined = undefined;
  /** Set while a resumed execution still has recorded events to replay. */
  private replay: Replay | undefined;
  private readonly time: EventTime;
  private readonly formatter = new TimestampFormatter();
  private limitReached = false;

  /**
   * @param clock the execution's clock (the RealClock is read at most once per 32 events and
   *   microtask turn; any other clock for every event), or a function read for every event
   */
  constructor(
    clock: Clock | (() => number),
    recorded?: { events: readonly HistoryEvent[]; threads: readonly string[] },
    private readonly limit?: HistoryLimit,
  ) {
    this.time = new EventTime(clock);
    if (!recorded) return;
    recorded.events.forEach((e, i) => {
      this.columns.push(typeCode(e.type), BUILT, e.previousEventId, Date.parse(e.timestamp), this.threadIds.of(recorded.threads[i] ?? ''), undefined, undefined);
      this.built.push(e);
    });
    this.replay = new Replay(recorded.events, recorded.threads);
  }

  /** How many events there are. */
  get length(): number {
    return this.columns.length;
  }

  /** The thread that wrote each event (index = id - 1), as snapshots record them; a new array per call. */
  get threads(): string[] {
    const out = new Array<string>(this.columns.length);
    for (let i = 0; i < out.length; i++) out[i] = this.threadIds.at(this.columns.thread(i));
    return out;
  }

  /** The thread that wrote event `id`. */
  threadOf(id: number): string {
    return this.threadIds.at(this.columns.thread(id - 1));
  }

  /** Adds an event for `thread`; `previous` is the id of the event it follows in that thread. */
  add(type: HistoryEventType, previous: number, details?: Record<string, unknown>, thread: string | ThreadSlot = ''): number {
    return this.append(type, previous, thread, DETAILS, details, undefined);
  }

  /**
   * Adds a state's Entered (`input`) or Exited (`output`) event without building its details
   * object; `payload` is the value, or NO_PAYLOAD when execution data is left out.
   */
  addState(type: HistoryEventType, previous: number, thread: string | ThreadSlot, name: string, payload: unknown): number {
    return this.append(type, previous, thread, STATE, name, payload);
  }

  /**
   * Adds an event whose details are built only when the history is read: `build(a, b)` must be a
   * pure, module-level function (no closure per event) and `a`, `b` are kept by reference (values
   * the engine never mutates). LazyJson values in what it returns become JSON text, as in `add`.
   * Map iteration and Task events go this way.
   */
  addBuilt<A, B>(type: HistoryEventType, previous: number, thread: string | ThreadSlot, build: DetailsBuilder<A, B>, a: A, b: B): number {
    const builders = this.builders as unknown[];
    // Events come in runs from one builder (a Map's iterations): check the last one first.
    let k = build === builders[this.lastBuilder] ? this.lastBuilder : builders.indexOf(build);
    if (k < 0) {
      // More distinct builders than codes means closures are being passed: build at once.
      if (builders.length === MAX_BUILDERS) return this.append(type, previous, thread, DETAILS, build(a, b), undefined);
      k = builders.push(build) - 1;
    }
    this.lastBuilder = k;
    return this.append(type, previous, thread, BUILDER + k, a, b);
  }

  private append(type: HistoryEventType, previous: number, thread: string | ThreadSlot, kind: number, a: unknown, b: unknown): number {
    const replay = this.replay;
    if (replay !== undefined) {
      const id = replay.next(typeof thread === 'string' ? thread : thread.threadId, type);
      if (id !== undefined) return id;
      if (replay.done) this.replay = undefined;
    }
    const columns = this.columns;
    // AWS (bp-history-limit): at 24,999 events the next one must be ExecutionSucceeded;
    // anything else ends the execution, whose ExecutionFailed event takes the last place.
    const limit = this.limit;
    if (limit !== undefined && columns.length >= limit.max - 1 && !TERMINAL.has(type)) {
      if (!this.limitReached) {
        this.limitReached = true;
        limit.onLimit();
      }
      return columns.length;
    }
    columns.push(typeCode(type), kind, previous, this.time.now(), this.threadIndex(thread), a, b);
    const id = columns.length;
    const listeners = this.listeners;
    if (listeners === undefined || listeners.size === 0) return id;
    const event = this.read()[id - 1]!;
    for (const l of listeners) {
      try {
        l(event);
      } catch {
        // A listener's bug must not break the execution.
      }
    }
    return id;
  }

  /** The table index of a thread: looked up by id, or remembered by the slot after its first event. */
  private threadIndex(thread: string | ThreadSlot): number {
    if (typeof thread === 'string') return this.threadIds.of(thread);
    const i = thread.threadIndex;
    return i >= 0 ? i : (thread.threadIndex = this.threadIds.add(thread.threadId));
  }

  /** The events as AWS's GetExecutionHistory gives them, every payload as JSON text. */
  read(): HistoryEvent[] {
    const built = this.built;
    const columns = this.columns;
    for (let i = built.length; i < columns.length; i++) {
      const type = typeOf(columns.type(i));
      const event: Record<string, unknown> = {
        id: i + 1,
        previousEventId: columns.previous(i),
        timestamp: this.formatter.format(columns.time(i)),
        type,
      };
      const details = this.details(i, type);
      if (details !== undefined) event[detailsKey(type)] = details;
      columns.release(i);
      built.push(event as HistoryEvent);
    }
    return built;
  }

  /** The details member of unbuilt event `i`, payloads turned into JSON text. */
  private details(i: number, type: HistoryEventType): Record<string, unknown> | undefined {
    const kind = this.columns.kind(i);
    if (kind === STATE) return stateDetails(type, this.columns.a(i) as string, this.columns.b(i));
    const d = kind === DETAILS
      ? (this.columns.a(i) as Record<string, unknown> | undefined)
      : (this.builders[kind - BUILDER] as DetailsBuilder<unknown, unknown>)(this.columns.a(i), this.columns.b(i));
    if (!d) return undefined;
    for (const key in d) {
      const v = d[key];
      if (v instanceof LazyJson) d[key] = JSON.stringify(v.value) ?? 'null';
    }
    return d;
  }

  /** ISO-8601 timestamp of event `id`. */
  timestamp(id: number): string {
    return this.formatter.format(this.columns.time(id - 1));
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
    const listeners = (this.listeners ??= new Set());
    listeners.add(listener);
    return () => listeners.delete(listener);
  }
}
