/** Intrinsics for arrays (AWS developer guide, "Intrinsics for arrays"). */
import { arrayArg, fail, intArg, numberArg } from './args.js';
import { jsonEquals } from './equality.js';
import type { IntrinsicDefinition } from './types.js';

/** AWS: "The newly generated array can't contain more than 1000 items." */
export const MAX_RANGE_ITEMS = 1000;

/** `States.Array(a, b, …)`: the argument values, in order. */
export const array: IntrinsicDefinition = {
  name: 'States.Array',
  minArgs: 0,
  maxArgs: Infinity,
  invoke: (args) => [...args],
};

/** `States.ArrayPartition(array, size)`: chunks of `size` items, the last one possibly shorter. */
export const arrayPartition: IntrinsicDefinition = {
  name: 'States.ArrayPartition',
  minArgs: 2,
  maxArgs: 2,
  invoke(args) {
    const fn = this.name;
    const items = arrayArg(fn, args, 0);
    // AWS rounds a non-integer chunk size to the nearest integer; it must then be positive.
    const size = intArg(fn, args, 1);
    if (size <= 0) fail(fn, `the chunk size must be a positive integer, but was ${args[1] as number}`);
    const chunks: unknown[][] = [];
    for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
    return chunks;
  },
};

/** `States.ArrayContains(array, value)`: whether an item equals `value` (deep JSON equality). */
export const arrayContains: IntrinsicDefinition = {
  name: 'States.ArrayContains',
  minArgs: 2,
  maxArgs: 2,
  invoke(args) {
    const items = arrayArg(this.name, args, 0);
    return items.some((item) => jsonEquals(item, args[1]));
  },
};

/** `States.ArrayRange(first, last, step)`: `first`, `first + step`, … up to and including `last`. */
export const arrayRange: IntrinsicDefinition = {
  name: 'States.ArrayRange',
  minArgs: 3,
  maxArgs: 3,
  invoke(args) {
    const fn = this.name;
    // AWS rounds non-integer arguments to the nearest integer.
    const first = intArg(fn, args, 0);
    const last = intArg(fn, args, 1);
    const step = intArg(fn, args, 2);
    if (step === 0) fail(fn, 'the step (third argument) must not be 0');
    const count = (last - first) / step < 0 ? 0 : Math.floor((last - first) / step) + 1;
    if (count > MAX_RANGE_ITEMS) {
      fail(fn, `the range would have ${count} items, more than the maximum of ${MAX_RANGE_ITEMS}`);
    }
    return Array.from({ length: count }, (_, i) => first + i * step);
  },
};

/** `States.ArrayGetItem(array, index)`: the item at a 0-based index. */
export const arrayGetItem: IntrinsicDefinition = {
  name: 'States.ArrayGetItem',
  minArgs: 2,
  maxArgs: 2,
  invoke(args) {
    const fn = this.name;
    const items = arrayArg(fn, args, 0);
    const index = numberArg(fn, args, 1);
    if (!Number.isInteger(index)) fail(fn, `the index must be an integer, but was ${index}`);
    if (index < 0 || index >= items.length) {
      fail(fn, `the index ${index} is out of bounds for an array of length ${items.length}`);
    }
    return items[index];
  },
};

/** `States.ArrayLength(array)`. */
export const arrayLength: IntrinsicDefinition = {
  name: 'States.ArrayLength',
  minArgs: 1,
  maxArgs: 1,
  invoke(args) {
    return arrayArg(this.name, args, 0).length;
  },
};

/** `States.ArrayUnique(array)`: the items without duplicates, first occurrences kept in order. */
export const arrayUnique: IntrinsicDefinition = {
  name: 'States.ArrayUnique',
  minArgs: 1,
  maxArgs: 1,
  invoke(args) {
    const unique: unknown[] = [];
    for (const item of arrayArg(this.name, args, 0)) {
      if (!unique.some((kept) => jsonEquals(kept, item))) unique.push(item);
    }
    return unique;
  },
};
