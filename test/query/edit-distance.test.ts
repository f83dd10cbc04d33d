import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/query/edit-distance.js';

describe('editDistance (Levenshtein)', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['States.Format', 'States.Fromat', 2],
    ['flaw', 'lawn', 2],
    ['same', 'same', 0],
  ])('%j → %j is %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it('stops at max + 1 when the distance is larger', () => {
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
  });
});
