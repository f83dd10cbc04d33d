/** Intrinsics for Math operations. */
import { JavaRandom } from '../../java/random.js';
import { fail, INT_MAX, INT_MIN, intArg, roundedArg } from './args.js';
import type { IntrinsicDefinition } from './types.js';

/**
 * `States.MathRandom(start, end[, seed])`: an integer in [start, end). AWS rounds non-integer
 * bounds to the nearest integer. With a seed the result is reproducible (a Java service's
 * `new Random(seed).nextInt(end - start)`); without one it comes from the execution's injected
 * random source, so tests can pin it.
 */
export const mathRandom: IntrinsicDefinition = {
  name: 'States.MathRandom',
  minArgs: 2,
  maxArgs: 3,
  invoke(args, scope) {
    const fn = this.name;
    const start = intArg(fn, args, 0);
    const end = intArg(fn, args, 1);
    if (end <= start) fail(fn, `the end (${end}) must be greater than the start (${start})`);
    const bound = end - start;
    if (bound > INT_MAX) fail(fn, `the range from ${start} to ${end} is too large`);
    if (args.length === 3) {
      const seed = roundedArg(fn, args, 2);
      return start + new JavaRandom(BigInt(seed)).nextInt(bound);
    }
    return start + Math.floor(scope.random() * bound);
  },
};

/**
 * `States.MathAdd(a, b)`. AWS rounds each argument to the nearest integer before adding (recorded:
 * 1.5 + 1.51 = 4, -1.49 + -1.5 = -2) and accepts values in the Java `int` range.
 */
export const mathAdd: IntrinsicDefinition = {
  name: 'States.MathAdd',
  minArgs: 2,
  maxArgs: 2,
  invoke(args) {
    const fn = this.name;
    const sum = intArg(fn, args, 0) + intArg(fn, args, 1);
    if (sum < INT_MIN || sum > INT_MAX) fail(fn, `the sum ${sum} is outside the range ${INT_MIN} to ${INT_MAX}`);
    return sum;
  },
  binary(a, b, scope) {
    // Two Java ints need no rounding or checks; only their sum can leave the range. `| 0`
    // turns -0 into 0, as rounding does in invoke.
    if (typeof a === 'number' && typeof b === 'number' && (a | 0) === a && (b | 0) === b) {
      const sum = a + b;
      if (sum >= INT_MIN && sum <= INT_MAX) return sum | 0;
    }
    return this.invoke([a, b], scope);
  },
};
