/**
 * The Java behaviours AWS's service shows through intrinsics, checked against a JVM: number
 * printing (Double.toString) and java.util.Random for seeded States.MathRandom.
 */
import { describe, expect, it } from 'vitest';
import { javaNumberToString } from '../../../src/query/intrinsics/java/number.js';
import { JavaRandom } from '../../../src/query/intrinsics/java/random.js';
import { javaToString } from '../../../src/query/intrinsics/java/to-string.js';

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
