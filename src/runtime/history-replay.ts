/**
 * Replay of a snapshot's history: each thread consumes its recorded events in order (the run
 * re-does what it did, without new events or handler calls) until it has none left and goes live.
 */
import type { HistoryEvent, HistoryEventType } from './history.js';

/**
 * A resumed execution did something else than its snapshot's history says (the snapshot was
 * altered, or handlers changed what the definition does). The execution fails with
 * States.Runtime and this message as the cause.
 */
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

/** The recorded events of a resumed execution, consumed thread by thread. */
export class Replay {
  private readonly threads = new Map<string, ThreadReplay>();

  constructor(
    private readonly events: readonly HistoryEvent[],
    threads: readonly string[],
  ) {
    events.forEach((e, i) => {
      const thread = threads[i] ?? '';
      let r = this.threads.get(thread);
      if (!r) this.threads.set(thread, (r = { ids: [], pos: 0, lastTime: undefined }));
      r.ids.push(e.id);
    });
  }

  /** True once every thread has gone live. */
  get done(): boolean {
    return this.threads.size === 0;
  }

  /**
   * The id of `thread`'s next recorded event, which must be of `type`; undefined once the
   * thread has caught up with its recording (it is live from then on).
   * @throws ReplayDivergence when the recording has another event there (the replay then ends)
   */
  next(thread: string, type: HistoryEventType): number | undefined {
    const r = this.threads.get(thread);
    if (!r) return undefined;
    if (r.pos >= r.ids.length) {
      this.threads.delete(thread);
      return undefined;
    }
    const id = r.ids[r.pos++]!;
    const recorded = this.events[id - 1]!;
    if (recorded.type !== type) {
      // The rest is written live, so the execution can still record how it ended.
      this.threads.clear();
      throw new ReplayDivergence(`The resumed execution diverged from its snapshot at event #${id}: the snapshot has ${recorded.type}, the run wrote ${type}.`);
    }
    r.lastTime = Date.parse(recorded.timestamp);
    return id;
  }

  /** Ends every thread's replay (the execution is ending). */
  end(): void {
    this.threads.clear();
  }

  /** True while `thread` still has recorded events to replay. */
  replaying(thread: string): boolean {
    const r = this.threads.get(thread);
    return r !== undefined && r.pos < r.ids.length;
  }

  /** The next recorded event of `thread`, if it is still replaying. */
  peek(thread: string): HistoryEvent | undefined {
    const r = this.threads.get(thread);
    return r && r.pos < r.ids.length ? this.events[r.ids[r.pos]! - 1] : undefined;
  }

  /** The time (ms) of the last recorded event `thread` consumed, while it has not gone live. */
  time(thread: string): number | undefined {
    return this.threads.get(thread)?.lastTime;
  }
}
