/**
 * Which thread wrote each event (snapshots record it; a resumed execution replays per thread):
 * the log gives back every event's thread as written, for a few threads (a Parallel) as for
 * thousands (a Map's iterations), in whatever order they interleave.
 */
import { describe, expect, it } from 'vitest';
import { HistoryLog } from '../../src/runtime/history-log.js';

describe('HistoryLog threads', () => {
  it('keeps each event\'s thread, from one thread to thousands, interleaved', () => {
    const log = new HistoryLog(() => 0);
    const threadOfEvent: string[] = [];
    for (let i = 0; i < 3_000; i++) {
      // A few threads first (a Parallel), then ever more (a Map), revisiting earlier ones.
      const thread = i < 40 ? ['', 'Par[0]', 'Par[1]'][i % 3]! : `Map[${(i * 7) % (i < 500 ? 12 : 1_000)}]`;
      log.add('PassStateEntered', i, undefined, thread);
      threadOfEvent.push(thread);
    }
    expect(log.threads).toEqual(threadOfEvent);
    for (const id of [1, 2, 3, 40, 41, 60, 501, 2_999, 3_000]) expect(log.threadOf(id)).toBe(threadOfEvent[id - 1]);
  });
});
