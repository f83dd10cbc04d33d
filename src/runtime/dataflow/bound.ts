/**
 * Payload-size bounds (256 KiB quota): the data flow tells the state's exit an upper bound of
 * its output's JSON size, so the exit counts exactly only when the bound could pass the quota.
 * A bound must never be below `jsonSize` of the value; -1 means "unknown, count it".
 */
import { parsePathRoot, parseSimpleSegments } from '../../query/jsonpath/segments.js';
import { jsonSize } from '../json-size.js';

/** Bound unknown: the exit counts the value. */
export const UNKNOWN = -1;

/** JSON size of `{}` (what a null InputPath or OutputPath gives). */
export const EMPTY_OBJECT_SIZE = 2;

/**
 * `jsonSize`, except that a value JSON cannot hold counts as `null` (4 bytes), as it does when
 * it is an array item: a template's parts can then be added up without undercounting.
 */
export function boundSize(value: unknown): number {
  if (typeof value === 'number' && (value | 0) === value) return intSize(value);
  return value === undefined || typeof value === 'function' ? 4 : jsonSize(value);
}

/** Characters of a 32-bit integer in JSON (as `String(n).length`, without making the string). */
function intSize(n: number): number {
  let size = n < 0 ? 2 : 1;
  for (let m = n < 0 ? -n : n; m >= 10; m = Math.floor(m / 10)) size++;
  return size;
}

/**
 * Whether a path picks at most one value out of its input (`$`, `$.a.b[0]`): the value's JSON
 * is then part of the input's, so its size is within the input's bound. Context and variable
 * paths read something else, and wildcards or filters build lists that can be longer than the
 * input (`$..*` repeats every nested value).
 */
export function selectsWithinInput(path: string): boolean {
  const parsed = parsePathRoot(path.trimEnd());
  return parsed !== undefined && parsed.root.kind === 'input' && parseSimpleSegments(parsed.rest) !== undefined;
}
