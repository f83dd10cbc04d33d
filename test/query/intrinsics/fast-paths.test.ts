/**
 * The fixed-arity call paths and MathAdd's integer fast path must be invisible: the same values
 * and the same error causes as the general implementation (`invoke` on an argument array).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mathAdd } from '../../../src/query/intrinsics/functions/math.js';
import { compileIntrinsic } from '../../../src/query/intrinsics/index.js';
import type { EvalScope } from '../../../src/query/scope.js';
import { testPathCompiler } from './helpers.js';

const scope = (input: unknown): EvalScope => ({ input, context: {}, variables: {}, random: () => 0.25, uuid: () => 'u' });

function outcome(run: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: run() };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

const edgeNumbers = [0, -0, 1, -1, 1.5, -1.5, 2.5, 2147483647, -2147483648, 2147483648, -2147483649, 1e300, 0.1, NaN, Infinity, -Infinity];
const odd = ['1', null, true, [1], { a: 1 }, undefined];

describe('States.MathAdd fast path', () => {
  it('gives what invoke gives for edge values, including -0, halves, the int bounds and non-numbers', () => {
    for (const a of [...edgeNumbers, ...odd]) {
      for (const b of [...edgeNumbers, ...odd]) {
        const fast = outcome(() => mathAdd.binary!(a, b, scope(null)));
        const general = outcome(() => mathAdd.invoke([a, b], scope(null)));
        expect(fast, `${String(a)} + ${String(b)}`).toEqual(general);
        if ('value' in fast) expect(Object.is(fast.value, -0), 'no -0 result').toBe(false);
      }
    }
  });

  it('gives what invoke gives for any two numbers (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double(), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })), fc.oneof(fc.integer(), fc.double()), (a, b) => {
        expect(outcome(() => mathAdd.binary!(a, b, scope(null)))).toEqual(outcome(() => mathAdd.invoke([a, b], scope(null))));
      }),
    );
  });
});

describe('fixed-arity calls', () => {
  // 0, 1, 2, 3 and more arguments each take their own call path; values from the developer
  // guide's "Intrinsic functions" page.
  const calls: [string, unknown, unknown][] = [
    ['States.Array()', {}, []],
    ['States.UUID()', {}, 'u'],
    ['States.ArrayLength($.list)', { list: [1, 2, 3] }, 3],
    ['States.MathAdd($.a, States.MathAdd($.a, 1))', { a: 3 }, 7],
    ['States.MathAdd($.value1, $.step)', { value1: 111, step: -1 }, 110],
    ['States.ArrayContains($.list, 2)', { list: [1, 2] }, true],
    // A literal argument on either side, or both, is passed as its value.
    ['States.MathAdd($.n, 1)', { n: 41 }, 42],
    ['States.MathAdd(-1, $.n)', { n: 41 }, 40],
    ['States.MathAdd(2, 3)', {}, 5],
    ["States.ArrayContains($.list, 'b')", { list: ['a', 'b'] }, true],
    ['States.ArrayContains($.list, null)', { list: [1] }, false],
    ['States.ArrayRange(1, 9, 2)', {}, [1, 3, 5, 7, 9]],
    ['States.JsonMerge($.a, $.b, false)', { a: { x: 1, y: 0 }, b: { y: 2 } }, { x: 1, y: 2 }],
    ["States.Format('{} {} {}', 1, 'two', $.a)", { a: 'three' }, '1 two three'],
    ['States.Array(1, 2, 3, 4, $.a)', { a: 5 }, [1, 2, 3, 4, 5]],
  ];

  it.each(calls)('%s', (text, input, expected) => {
    expect(compileIntrinsic(text, testPathCompiler)(scope(input))).toEqual(expected);
  });

  it("fails with AWS's wording through the two-argument path too", () => {
    expect(outcome(() => compileIntrinsic('States.MathAdd($.a, $.b)', testPathCompiler)(scope({ a: 2147483647, b: 1 })))).toEqual({
      error: expect.stringContaining("The function 'States.MathAdd($.a, $.b)' had the following error: Invalid arguments in States.MathAdd"),
    });
    expect(outcome(() => compileIntrinsic('States.MathAdd(2147483647, $.b)', testPathCompiler)(scope({ b: 1 })))).toEqual({
      error: expect.stringContaining("The function 'States.MathAdd(2147483647, $.b)' had the following error: Invalid arguments in States.MathAdd"),
    });
    expect(outcome(() => compileIntrinsic('States.MathAdd($.missing, 1)', testPathCompiler)(scope({})))).toEqual({
      error: expect.stringContaining("The JsonPath argument for the field '$.missing' could not be found in the input"),
    });
  });
});
