/**
 * The Java behaviours AWS's service shows through intrinsics, checked against a JVM: number
 * printing (Double.toString) and java.util.Random for seeded States.MathRandom.
 */
import { describe, expect, it } from 'vitest';
import { javaNumberToString } from '../../../src/query/java/number.js';
import { JavaRandom, seededRandom } from '../../../src/query/java/random.js';
import { javaToString } from '../../../src/query/java/to-string.js';

describe('javaNumberToString', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [42, '42'],
    [-7, '-7'],
    [1e20, '100000000000000000000'],
    [1.1, '1.1'],
    [0.001, '0.001'],
    [1e-4, '1.0E-4'],
    [-2.5e-7, '-2.5E-7'],
    [1234567.5, '1234567.5'],
    [9999999.999, '9999999.999'],
    [12345678.5, '1.23456785E7'],
    [1e21, '1.0E21'],
    [0.1 + 0.2, '0.30000000000000004'],
  ])('prints %d as %s', (value, text) => {
    expect(javaNumberToString(value)).toBe(text);
  });
});

describe('javaToString', () => {
  it('prints containers like Java Map and List toString', () => {
    expect(javaToString({ a: [1, 'b', null], c: { d: true } })).toBe('{a=[1, b, null], c={d=true}}');
    expect(javaToString([])).toBe('[]');
    expect(javaToString({})).toBe('{}');
  });
});

describe('JavaRandom', () => {
  // Values printed by `new java.util.Random(seed).nextInt(bound)` on a JVM.
  it.each([
    [42n, 10, 0],
    [42n, 100, 30],
    [0n, 16, 11],
    [3n, 999, 239],
    [-7n, 1000000007, 577934662],
    [123456789012n, 7, 3],
  ])('new Random(%d).nextInt(%d) is %d', (seed, bound, expected) => {
    expect(new JavaRandom(seed).nextInt(bound)).toBe(expected);
  });
});

describe('JavaRandom.nextDouble and seededRandom ($random(seed))', () => {
  // Printed on a JVM by `r = new java.util.Random(seed)`: r.nextDouble(), r.nextDouble(), r.nextInt(10).
  it.each([
    [42n, 0.7275636800328681, 0.6832234717598454, 0],
    [0n, 0.730967787376657, 0.24053641567148587, 5],
    [-7n, 0.2691218093260761, 0.6731811902798038, 8],
    [123456789012n, 0.013835938433091277, 0.5246133121787082, 4],
  ])('new Random(%d) draws %d, %d, then nextInt(10) = %d', (seed, first, second, int) => {
    const r = new JavaRandom(seed);
    expect([r.nextDouble(), r.nextDouble(), r.nextInt(10)]).toEqual([first, second, int]);
    expect(seededRandom(Number(seed))).toBe(first);
  });

  it('truncates a fractional seed toward zero, as a Java (long) cast does', () => {
    expect(seededRandom(42.9)).toBe(seededRandom(42));
    expect(seededRandom(-7.5)).toBe(seededRandom(-7));
  });
});
