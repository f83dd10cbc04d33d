/**
 * Small codes for what a history log stores per event: the event type as one byte, the thread
 * as an index into the log's table of thread ids.
 */
import { AslUsageError } from '../errors.js';
import { HISTORY_EVENT_TYPES, type HistoryEventType } from './history.js';

const codes = new Map<string, number>(HISTORY_EVENT_TYPES.map((t, i) => [t, i]));
const types: string[] = [...HISTORY_EVENT_TYPES];

/**
 * The one-byte code of an event type. A type outside HISTORY_EVENT_TYPES (only reachable through
 * a cast) gets the next free code, so what is written is always read back as written.
 * @throws AslUsageError past 256 distinct types (only strings cast to event types get there)
 */
export function typeCode(type: HistoryEventType): number {
  const code = codes.get(type);
  if (code !== undefined) return code;
  if (types.length > 255) throw new AslUsageError(`Not a history event type: '${type}' (too many distinct types were written).`);
  codes.set(type, types.length);
  types.push(type);
  return types.length - 1;
}

/** The event type a code stands for. */
export function typeOf(code: number): HistoryEventType {
  return types[code] as HistoryEventType;
}

/**
 * The thread ids of one log, each stored once; events hold its index. Consecutive events mostly
 * come from one thread, so the last id is checked first; a few ids are searched in order, and a
 * map is made only once there are many (Map iterations).
 */
export class ThreadTable {
  private index: Map<string, number> | undefined = undefined;
  private readonly ids: string[] = [];
  private last: string | undefined = undefined;
  private lastIndex = -1;

  /** The index of `thread`, added if new. */
  of(thread: string): number {
    if (thread === this.last) return this.lastIndex;
    const ids = this.ids;
    let i: number | undefined;
    if (this.index === undefined) {
      i = ids.indexOf(thread);
      if (i < 0) {
        i = ids.push(thread) - 1;
        if (ids.length > LINEAR_SEARCH_MAX) this.index = new Map(ids.map((id, k) => [id, k]));
      }
    } else {
      i = this.index.get(thread);
      if (i === undefined) {
        i = ids.push(thread) - 1;
        this.index.set(thread, i);
      }
    }
    this.last = thread;
    this.lastIndex = i;
    return i;
  }

  /**
   * Adds `thread` without indexing it by id, for a thread that remembers its index itself
   * (HistoryLog's ThreadSlot): no map entry per Map iteration. Another entry for the same id
   * is harmless, since entries are only read by index.
   */
  add(thread: string): number {
    return this.ids.push(thread) - 1;
  }

  /** The thread id at `index`. */
  at(index: number): string {
    return this.ids[index]!;
  }
}

/** Up to this many thread ids, a lookup searches the list; past it, a map. */
const LINEAR_SEARCH_MAX = 8;
