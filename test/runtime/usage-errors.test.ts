/**
 * Misuse of the public API is reported as AslUsageError (a typed, catchable error), never as a
 * bare TypeError or a broken clock or execution.
 */
import { describe, expect, it } from 'vitest';
import { AslUsageError, StateMachine, VirtualClock } from '../../src/index.js';

const hello = { StartAt: 'P', States: { P: { Type: 'Pass', Result: 'hi', End: true } } };

describe('AslUsageError for API misuse', () => {
  it('VirtualClock refuses a start time that is not a date', () => {
    expect(() => new VirtualClock('not a date')).toThrow(AslUsageError);
    expect(() => new VirtualClock(Number.NaN)).toThrow(/VirtualClock: invalid start time NaN/);
  });

  it('VirtualClock.advance refuses to run time backwards or by a non-number, and keeps its time', async () => {
    const clock = new VirtualClock(1_000);
    await expect(clock.advance(-1)).rejects.toThrow(AslUsageError);
    await expect(clock.advance(Number.NaN)).rejects.toThrow(AslUsageError);
    await expect(clock.advance(Number.POSITIVE_INFINITY)).rejects.toThrow(AslUsageError);
    expect(clock.now()).toBe(1_000);
    await clock.advance(0);
    expect(clock.now()).toBe(1_000);
  });

  it('Execution.on refuses an unknown event name and a listener that is not a function', async () => {
    const e = new StateMachine(hello).start({}, { clock: new VirtualClock(0) });
    expect(() => (e.on as (event: string, l: () => void) => void)('end', () => {})).toThrow(AslUsageError);
    expect(() => e.on('event', 'nope' as never)).toThrow(/listener must be a function, got string/);
    // The misuse leaves the execution running to its normal end.
    expect(await e.result).toEqual({ status: 'SUCCEEDED', output: 'hi' });
  });
});
