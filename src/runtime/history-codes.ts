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
 * come from one thread, so the last id is checked before the map.
 */
export class ThreadTable {
  private readonly index = new Map<string, number>();
  private readonly ids: string[] = [];
  private last: string | undefined;
  private lastIndex = -1;

  /** The index of `thread`, added if new. */
  of(thread: string): number {
    if (thread === this.last) return this.lastIndex;
    let i = this.index.get(thread);
    if (i === undefined) {
      i = this.ids.length;
      this.ids.push(thread);
      this.index.set(thread, i);
    }
    this.last = thread;
    this.lastIndex = i;
    return i;
  }

  /** The thread id at `index`. */
  at(index: number): string {
    return this.ids[index]!;
  }
}
