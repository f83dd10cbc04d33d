import { describe, expect, it } from 'vitest';
import { AslUsageError, RealClock, VirtualClock } from '../../src/index.js';

const flush = () => new Promise((r) => setImmediate(r));

describe('VirtualClock', () => {
  it('starts at the given time and skips straight to the next timer when only timers wait', async () => {
    const clock = new VirtualClock('2024-01-01T00:00:00Z');
    const order: string[] = [];
    const a = clock.sleep(5000).then(() => order.push(`a@${clock.now()}`));
    const b = clock.sleep(1000).then(() => order.push(`b@${clock.now()}`));
    await Promise.all([a, b]);
    const t0 = Date.parse('2024-01-01T00:00:00Z');
    expect(order).toEqual([`b@${t0 + 1000}`, `a@${t0 + 5000}`]);
  });

  it('holds still while something holds it', async () => {
    const clock = new VirtualClock(0);
    const release = clock.hold();
    let fired = false;
    void clock.sleep(1000).then(() => (fired = true));
    for (let i = 0; i < 5; i++) await flush();
    expect(fired).toBe(false);
    expect(clock.now()).toBe(0);
    release();
    for (let i = 0; i < 5; i++) await flush();
    expect(fired).toBe(true);
    expect(clock.now()).toBe(1000);
  });

  it('advance(ms) fires what falls due, in order, and ends at the target time', async () => {
    const clock = new VirtualClock(0, { autoAdvance: false });
    const seen: number[] = [];
    void clock.sleep(300).then(() => seen.push(clock.now()));
    void clock.sleep(100).then(() => seen.push(clock.now()));
    void clock.sleep(900).then(() => seen.push(clock.now()));
    await clock.advance(500);
    expect(seen).toEqual([100, 300]);
    expect(clock.now()).toBe(500);
    expect(clock.pendingTimers).toBe(1);
  });

  it('rejects a sleep when its signal aborts, and drops the timer', async () => {
    const clock = new VirtualClock(0, { autoAdvance: false });
    const ac = new AbortController();
    const p = clock.sleep(1000, ac.signal);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
    expect(clock.pendingTimers).toBe(0);
  });

  it('refuses an invalid start time', () => {
    expect(() => new VirtualClock('not a date')).toThrow(AslUsageError);
  });
});

describe('RealClock', () => {
  it('sleeps on real timers and can be aborted', async () => {
    const clock = new RealClock();
    await clock.sleep(1);
    const ac = new AbortController();
    const p = clock.sleep(60_000, ac.signal);
    ac.abort(new Error('cancelled'));
    await expect(p).rejects.toThrow('cancelled');
  });
});
