import { describe, expect, it } from 'vitest';
import { errorMatches, nextRetryDelay, retryDelayMs } from '../../src/runtime/retry.js';

// AWS "Handling errors in Step Functions workflows": Retry fields and error-name matching.
describe('error matching', () => {
  it('States.ALL matches any error but States.Runtime', () => {
    expect(errorMatches(['States.ALL'], 'Custom')).toBe(true);
    expect(errorMatches(['States.ALL'], 'States.Timeout')).toBe(true);
    expect(errorMatches(['States.ALL'], 'States.Runtime')).toBe(false);
  });

  it('States.TaskFailed matches task errors, not timeouts', () => {
    expect(errorMatches(['States.TaskFailed'], 'Lambda.Unknown')).toBe(true);
    expect(errorMatches(['States.TaskFailed'], 'States.Timeout')).toBe(false);
    expect(errorMatches(['States.TaskFailed'], 'States.HeartbeatTimeout')).toBe(false);
  });

  it('States.Timeout also matches a missed heartbeat', () => {
    expect(errorMatches(['States.Timeout'], 'States.HeartbeatTimeout')).toBe(true);
  });
});

describe('retry delays', () => {
  it('grow by BackoffRate, are capped by MaxDelaySeconds and drawn below the cap with FULL jitter', () => {
    const r = { ErrorEquals: ['E'], IntervalSeconds: 2, BackoffRate: 3, MaxDelaySeconds: 10 };
    expect([1, 2, 3].map((n) => retryDelayMs(r, n, () => 0))).toEqual([2000, 6000, 10000]);
    expect(retryDelayMs({ ...r, JitterStrategy: 'FULL' }, 2, () => 0.5)).toBe(3000);
    // Defaults: IntervalSeconds 1, BackoffRate 2.
    expect(retryDelayMs({ ErrorEquals: ['E'] }, 3, () => 0)).toBe(4000);
  });

  it('count attempts per retrier up to MaxAttempts (default 3)', () => {
    const retriers = [{ ErrorEquals: ['A'], MaxAttempts: 1 }, { ErrorEquals: ['States.ALL'] }];
    const counts: number[] = [];
    expect(nextRetryDelay(retriers, counts, 'A', () => 0)).toBe(1000);
    expect(nextRetryDelay(retriers, counts, 'A', () => 0)).toBeUndefined();
    expect([1, 2, 3, 4].map(() => nextRetryDelay(retriers, counts, 'B', () => 0))).toEqual([1000, 2000, 4000, undefined]);
    expect(nextRetryDelay(retriers, [], 'States.Runtime', () => 0)).toBeUndefined();
  });
});
