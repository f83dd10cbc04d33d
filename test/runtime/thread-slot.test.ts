import { describe, expect, it } from 'vitest';
import { HistoryLog } from '../../src/runtime/history-log.js';

// A thread (Frame) that keeps its own index in the log's thread table writes events that read
// back exactly as if they had been written under its id: snapshots record `threads` per event.
describe('HistoryLog thread slots', () => {
  it('events written through a slot belong to the thread id of the slot, as events written by id do', () => {
    const log = new HistoryLog(() => 0);
    const slot = { threadId: 'Map[0][7]/', threadIndex: -1 };
    log.add('ExecutionStarted', 0, {});
    log.addState('PassStateEntered', 1, slot, 'P', {});
    log.addState('PassStateExited', 2, slot, 'P', {});
    log.add('ExecutionSucceeded', 1, {}, '');
    expect(log.threads).toEqual(['', 'Map[0][7]/', 'Map[0][7]/', '']);
    expect(log.threadOf(3)).toBe('Map[0][7]/');
    expect(slot.threadIndex).toBeGreaterThanOrEqual(0);
  });

  it('a slot and its id written by name side by side keep every event on the same thread', () => {
    const log = new HistoryLog(() => 0);
    const slot = { threadId: 'Par[0][1]/', threadIndex: -1 };
    log.add('ExecutionStarted', 0, {});
    log.add('PassStateEntered', 1, { name: 'A' }, 'Par[0][1]/');
    log.addState('PassStateExited', 2, slot, 'A', {});
    expect(log.threads).toEqual(['', 'Par[0][1]/', 'Par[0][1]/']);
    expect(log.read().map((e) => e.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited']);
  });
});
