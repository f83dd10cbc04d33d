/** Intrinsics for arrays (AWS developer guide, "Intrinsics for arrays"). */
import { describe, expect, it } from 'vitest';
import { run, runFailure } from './helpers.js';

describe('States.Array', () => {
  it('returns its arguments in order, whatever their types', () => {
    expect(run("States.Array($.Id, 'two', 3, true, null, States.Array())", { Id: 123456 })).toEqual([
      123456,
      'two',
      3,
      true,
      null,
      [],
    ]);
  });

  it('returns an empty array when called with no arguments', () => {
    expect(run('States.Array()')).toEqual([]);
  });
});

describe('States.ArrayPartition', () => {
  it('splits an array into chunks, the last one holding the remainder', () => {
    expect(run('States.ArrayPartition($.inputArray, 4)', { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9],
    ]);
  });

  it('returns a single chunk when the chunk size exceeds the length, and no chunk for an empty array', () => {
    expect(run('States.ArrayPartition($.a, 5)', { a: [0, 1, 2] })).toEqual([[0, 1, 2]]);
    expect(run('States.ArrayPartition($.a, 3)', { a: [] })).toEqual([]);
  });

  // "If you specify a non-integer value for the second argument, Step Functions will round it off
  // to the nearest integer."
  it('rounds a non-integer chunk size to the nearest integer', () => {
    expect(run('States.ArrayPartition($.a, 1.5)', { a: [1, 2, 3, 4, 5] })).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('fails when the first argument is not an array', () => {
    expect(runFailure("States.ArrayPartition('abc', 2)")).toContain(
      'Invalid arguments in States.ArrayPartition: the first argument must be an array, but was string',
    );
  });

  it('fails when the chunk size is not a positive integer', () => {
    expect(runFailure('States.ArrayPartition($.a, 0)', { a: [1] })).toContain(
      'States.ArrayPartition: the chunk size must be a positive integer, but was 0',
    );
    expect(runFailure('States.ArrayPartition($.a, -2)', { a: [1] })).toContain('must be a positive integer');
    expect(runFailure("States.ArrayPartition($.a, '2')", { a: [1] })).toContain('the second argument must be a number, but was string');
  });
});

describe('States.ArrayContains', () => {
  it('tells whether the array holds the value', () => {
    const input = { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9], lookingFor: 5 };
    expect(run('States.ArrayContains($.inputArray, $.lookingFor)', input)).toBe(true);
    expect(run('States.ArrayContains($.inputArray, 10)', input)).toBe(false);
  });

  it('compares arrays and objects by value, ignoring member order', () => {
    const input = { items: [[1, 2], { a: 1, b: [true] }, null] };
    expect(run('States.ArrayContains($.items, $.v)', { ...input, v: [1, 2] })).toBe(true);
    expect(run('States.ArrayContains($.items, $.v)', { ...input, v: { b: [true], a: 1 } })).toBe(true);
    expect(run('States.ArrayContains($.items, null)', input)).toBe(true);
    expect(run('States.ArrayContains($.items, $.v)', { ...input, v: [2, 1] })).toBe(false);
  });

  it('finds nothing in an empty array, not even an empty array', () => {
    expect(run('States.ArrayContains($.a, $.a)', { a: [] })).toBe(false);
  });

  it('fails when the first argument is not an array', () => {
    expect(runFailure('States.ArrayContains($.a, 1)', { a: { x: 1 } })).toContain(
      'States.ArrayContains: the first argument must be an array, but was object',
    );
  });
});

describe('States.ArrayRange', () => {
  it('counts from the first to the last value inclusive, by the step', () => {
    expect(run('States.ArrayRange(1, 9, 2)')).toEqual([1, 3, 5, 7, 9]);
    expect(run('States.ArrayRange(0, 10, 3)')).toEqual([0, 3, 6, 9]);
    expect(run('States.ArrayRange(1, 9, 9)')).toEqual([1]);
  });

  it('counts down with a negative step, and is empty when the step points away from the end', () => {
    expect(run('States.ArrayRange(5, 1, -2)')).toEqual([5, 3, 1]);
    expect(run('States.ArrayRange(5, 1, 1)')).toEqual([]);
  });

  // "If you specify a non-integer value for any of the arguments, Step Functions will round it off
  // to the nearest integer."
  it('rounds non-integer arguments to the nearest integer', () => {
    expect(run('States.ArrayRange(0.6, 4.4, 1.5)')).toEqual([1, 3]);
  });

  // "The newly generated array can't contain more than 1000 items."
  it('allows 1000 items and fails beyond', () => {
    expect(run('States.ArrayRange(1, 1000, 1)')).toHaveLength(1000);
    expect(runFailure('States.ArrayRange(0, 1000, 1)')).toContain(
      'States.ArrayRange: the range would have 1001 items, more than the maximum of 1000',
    );
  });

  it('fails on a zero step or a non-number argument', () => {
    expect(runFailure('States.ArrayRange(1, 5, 0)')).toContain('States.ArrayRange: the step (third argument) must not be 0');
    expect(runFailure("States.ArrayRange('1', 5, 1)")).toContain('the first argument must be a number, but was string');
  });
});

describe('States.ArrayGetItem', () => {
  it('returns the item at a 0-based index', () => {
    expect(run('States.ArrayGetItem($.inputArray, $.index)', { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9], index: 5 })).toBe(6);
  });

  it('returns any kind of item, including null', () => {
    expect(run('States.ArrayGetItem($.a, 1)', { a: [{ x: 1 }, null] })).toBeNull();
  });

  it('fails when the index is outside the array', () => {
    expect(runFailure('States.ArrayGetItem($.a, 3)', { a: [1, 2, 3] })).toContain(
      'States.ArrayGetItem: the index 3 is out of bounds for an array of length 3',
    );
    expect(runFailure('States.ArrayGetItem($.a, -1)', { a: [1] })).toContain('the index -1 is out of bounds');
  });

  it('fails when the index is not an integer or the array is not an array', () => {
    expect(runFailure('States.ArrayGetItem($.a, 0.5)', { a: [1] })).toContain('the index must be an integer, but was 0.5');
    expect(runFailure("States.ArrayGetItem('abc', 0)")).toContain('the first argument must be an array, but was string');
  });
});

describe('States.ArrayLength', () => {
  it('returns the number of items', () => {
    expect(run('States.ArrayLength($.inputArray)', { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toBe(9);
    expect(run('States.ArrayLength($.a)', { a: [] })).toBe(0);
  });

  it('fails when the argument is not an array', () => {
    expect(runFailure('States.ArrayLength($.a)', { a: null })).toContain(
      'States.ArrayLength: the first argument must be an array, but was null',
    );
  });
});

describe('States.ArrayUnique', () => {
  it('removes duplicates, keeping first occurrences in order', () => {
    expect(run('States.ArrayUnique($.inputArray)', { inputArray: [1, 2, 3, 3, 3, 3, 3, 3, 4] })).toEqual([1, 2, 3, 4]);
  });

  it('compares every kind of JSON value by value', () => {
    const input = {
      a: [null, null, true, true, 1, 1, 1.1, 'x', 'x', [], [], [null], [null], { a: 1, b: 2 }, { b: 2, a: 1 }, { a: 1, b: 1 }],
    };
    expect(run('States.ArrayUnique($.a)', input)).toEqual([null, true, 1, 1.1, 'x', [], [null], { a: 1, b: 2 }, { a: 1, b: 1 }]);
  });

  it('fails when the argument is not an array', () => {
    expect(runFailure("States.ArrayUnique('aab')")).toContain('States.ArrayUnique: the first argument must be an array');
  });
});
