/** Durations as the CLI prints them (date-fns does the calendar arithmetic). */
import { describe, expect, it } from 'vitest';
import { formatDuration as formatElapsed } from '../../src/visual/duration.js';

describe('formatElapsed', () => {
  it.each([
    [3, '3 ms'],
    [999, '999 ms'],
    [1000, '1 s'],
    [4250, '4.2 s'],
    [60_000, '1 min 0 s'],
    [125_000, '2 min 5 s'],
    [3_600_000, '1 h 0 min'],
    [3_660_000, '1 h 1 min'],
    [(3 * 24 + 4) * 3_600_000, '3 d 4 h'],
  ])('%d ms is "%s"', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });

  it('counts months on the calendar from the start it is given', () => {
    const day = 86_400_000;
    // 31 days from 1 January is one month; from 1 February (28 days in 2023) it is a month and 3 days.
    expect(formatElapsed(31 * day, Date.UTC(2023, 0, 1))).toBe('1 mo 0 d');
    expect(formatElapsed(31 * day, Date.UTC(2023, 1, 1))).toBe('1 mo 3 d');
  });

  it('gives nothing for a negative or non-finite span', () => {
    expect(formatElapsed(-1)).toBe('');
    expect(formatElapsed(Number.NaN)).toBe('');
  });
});
