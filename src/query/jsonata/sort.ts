/**
 * `$sort(array [, function])` with JSONata's semantics in O(n log n): jsonata's own merge sort
 * copies the rest of the array at every step (quadratic time and memory; 20,000 items take
 * 4 s and 400 MB). Stable; the comparator gets `(a, b)` and a truthy result puts `b` first.
 * Without a comparator the array must hold only numbers or only strings (JSONata's D3070).
 * At most `evaluationLimits.maxSortItems` items (a 256 KiB payload holds about 128 Ki).
 */

import { evaluationLimits } from './guard.js';

type Comparator = (a: unknown, b: unknown) => unknown;

/** A JSONata lambda (has its own `apply`), a native function, or a built-in's record. */
function comparatorOf(fn: unknown): Comparator {
  if (typeof fn === 'function') return (a, b) => (fn as Comparator)(a, b);
  const f = fn as { apply?: unknown; implementation?: unknown } | null;
  if (f && typeof f.apply === 'function') {
    const apply = f.apply as (self: unknown, args: unknown[]) => unknown;
    return (a, b) => apply.call(f, undefined, [a, b]);
  }
  if (f && typeof f.implementation === 'function') {
    const impl = f.implementation as Comparator;
    return (a, b) => impl(a, b);
  }
  throw { code: 'T0410', index: 2, value: fn };
}

function allOf(items: readonly unknown[], type: 'number' | 'string'): boolean {
  return items.every((x) => typeof x === type);
}

/** The `$sort` binding. */
export async function sort(array: unknown, comparator?: unknown): Promise<unknown> {
  if (array === undefined) return undefined;
  const items = Array.isArray(array) ? Array.from(array as unknown[]) : [array];
  if (items.length <= 1) return items;
  if (items.length > evaluationLimits.maxSortItems) {
    throw new Error(`$sort: the array holds ${items.length} items, more than the limit of ${evaluationLimits.maxSortItems}`);
  }
  if (comparator === undefined) {
    if (!allOf(items, 'number') && !allOf(items, 'string')) throw { code: 'D3070', index: 1 };
    // Array.prototype.sort is stable, as jsonata's merge sort is.
    return items.sort((a, b) => ((a as number) > (b as number) ? 1 : (a as number) < (b as number) ? -1 : 0));
  }
  const swap = comparatorOf(comparator);
  let src = items;
  let dst: unknown[] = new Array(items.length);
  // Bottom-up merge sort: runs of width 1, 2, 4, … merged from src into dst.
  for (let width = 1; width < src.length; width *= 2) {
    for (let lo = 0; lo < src.length; lo += 2 * width) {
      const mid = Math.min(lo + width, src.length);
      const hi = Math.min(lo + 2 * width, src.length);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        dst[k++] = (await swap(src[i], src[j])) ? src[j++] : src[i++];
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    [src, dst] = [dst, src];
  }
  return src;
}
