/** Intrinsics for Math operations. */
import { describe, expect, it } from 'vitest';
import { run, runFailure } from './helpers.js';

describe('States.MathAdd', () => {
  it('adds two integers (the developer guide subtracts one from 111)', () => {
    expect(run('States.MathAdd($.value1, $.step)', { value1: 111, step: -1 })).toBe(110);
  });

  // "If you specify a non-integer value for one or both the arguments, Step Functions will round
  // it off to the nearest integer." Each argument is rounded before adding, halves towards
  // positive infinity (Java's Math.round): recorded AWS results 1.5 + 1.51 = 4, -1.49 + -1.5 = -2,
  // 2.5 + 0 = 3, -1.5 + 0 = -1.
  it.each([
    [1.49, 1.5, 3],
    [1.5, 1.51, 4],
    [-1.49, -1.5, -2],
    [2.5, 0, 3],
    [-1.5, 0, -1],
    [-2.5, 0, -2],
    [-0.5, 0.5, 1],
    [-0.4, 0, 0],
  ])('rounds each argument: %d + %d = %d', (a, b, sum) => {
    expect(run('States.MathAdd($.a, $.b)', { a, b })).toBe(sum);
  });

  // "You must specify integer values in the range of -2147483648 and 2147483647."
  it('accepts the Java int range and fails outside it', () => {
    expect(run('States.MathAdd(2147483647, -2147483648)')).toBe(-1);
    expect(runFailure('States.MathAdd(2147483648, 0)')).toContain(
      'Invalid arguments in States.MathAdd: the first argument must be between -2147483648 and 2147483647, but was 2147483648',
    );
    expect(runFailure('States.MathAdd(2147483647, 1)')).toContain('the sum 2147483648 is outside the range');
  });

  it('fails on non-number arguments', () => {
    expect(runFailure("States.MathAdd('1', 2)")).toContain('States.MathAdd: the first argument must be a number, but was string');
    expect(runFailure('States.MathAdd(1, $.b)', { b: null })).toContain('the second argument must be a number, but was null');
  });
});

describe('States.MathRandom', () => {
  it('draws from the injected random source, start inclusive and end exclusive', () => {
    expect(run('States.MathRandom($.start, $.end)', { start: 1, end: 999 }, { random: () => 0 })).toBe(1);
    expect(run('States.MathRandom(1, 999)', {}, { random: () => 0.9999999 })).toBe(998);
    expect(run('States.MathRandom(-10, 10)', {}, { random: () => 0.5 })).toBe(0);
  });

  // "If you specify a non-integer value for the start number or end number argument, Step
  // Functions will round it off to the nearest integer."
  it('rounds non-integer bounds to the nearest integer', () => {
    expect(run('States.MathRandom(12.5, 44.51)', {}, { random: () => 0 })).toBe(13);
    expect(run('States.MathRandom(12.5, 44.51)', {}, { random: () => 0.9999999 })).toBe(44);
  });

  // "If you use this function with the same seed value, it will return identical numbers."
  it('returns the same number for the same seed, without using the random source', () => {
    const never = (): number => {
      throw new Error('unseeded');
    };
    const first = run('States.MathRandom(0, 999, 3)', {}, { random: never });
    expect(run('States.MathRandom(0, 999, 3)', {}, { random: never })).toBe(first);
    // The same sequence as java.util.Random(3).nextInt(999), offset by the start.
    expect(first).toBe(239);
    expect(run('States.MathRandom(100, 1099, 3)', {}, { random: never })).toBe(339);
  });

  it('fails when the end is not above the start', () => {
    expect(runFailure('States.MathRandom(5, 5)')).toContain('Invalid arguments in States.MathRandom: the end (5) must be greater than the start (5)');
  });

  it('fails on non-number arguments', () => {
    expect(runFailure("States.MathRandom(1, '9')")).toContain('the second argument must be a number, but was string');
    expect(runFailure("States.MathRandom(1, 9, 'seed')")).toContain('the third argument must be a number, but was string');
  });
});
