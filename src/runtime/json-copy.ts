import { stringSize } from './json-size.js';

/**
 * How deep the one-walk copy recurses before it leaves the value to the JSON text path (which
 * refuses data nested past MAX_JSON_DEPTH with its own cause, and reports cycles).
 */
const WALK_DEPTH = 256;

/** Marks a value the walk does not copy exactly as JSON text would. */
const OTHER: unique symbol = Symbol('not plain JSON data');

let total = 0;

/**
 * Plain JSON data (primitives, arrays and objects whose prototype is Object.prototype or null)
 * copied and sized in one walk: the copy is what `JSON.parse(JSON.stringify(value))` gives and
 * `size` the exact UTF-8 length of that JSON text, without building the text. Returns undefined
 * for anything else (a class instance, `toJSON`, a function, non-finite number, BigInt, cycle,
 * deep nesting): the caller then takes the JSON text path, which gives the same copy or the
 * problem in plain words.
 */
export function copyJsonData(value: unknown): { value: unknown; size: number } | undefined {
  total = 0;
  const copy = walk(value, 0);
  return copy === OTHER ? undefined : { value: copy, size: total };
}

function walk(v: unknown, depth: number): unknown {
  switch (typeof v) {
    case 'string':
      total += stringSize(v);
      return v;
    case 'number':
      if (!Number.isFinite(v)) return OTHER;
      // -0 is written as 0 (String() agrees), so the copy holds 0, as JSON.parse would.
      total += String(v).length;
      return v === 0 ? 0 : v;
    case 'boolean':
      total += v ? 4 : 5;
      return v;
    case 'object':
      if (v === null) {
        total += 4;
        return null;
      }
      if (depth >= WALK_DEPTH) return OTHER;
      return Array.isArray(v) ? walkArray(v, depth) : walkObject(v, depth);
    default:
      // undefined at the top, a function, a symbol or a BigInt: not data.
      return OTHER;
  }
}

function walkArray(a: unknown[], depth: number): unknown {
  if (Object.getPrototypeOf(a) !== Array.prototype || 'toJSON' in a) return OTHER;
  const n = a.length;
  const out = new Array<unknown>(n);
  total += n > 0 ? n + 1 : 2;
  for (let i = 0; i < n; i++) {
    const item = a[i];
    // JSON writes a missing element (a hole, undefined) as null; anything else that is not data stops the walk.
    if (item === undefined) {
      total += 4;
      out[i] = null;
      continue;
    }
    const c = walk(item, depth + 1);
    if (c === OTHER) return OTHER;
    out[i] = c;
  }
  return out;
}

function walkObject(o: object, depth: number): unknown {
  const proto: unknown = Object.getPrototypeOf(o);
  if ((proto !== Object.prototype && proto !== null) || 'toJSON' in o) return OTHER;
  const out: Record<string, unknown> = {};
  let first = true;
  total += 2;
  for (const key of Object.keys(o)) {
    const item = (o as Record<string, unknown>)[key];
    // JSON leaves an undefined member out.
    if (item === undefined) continue;
    const c = walk(item, depth + 1);
    if (c === OTHER) return OTHER;
    // An own "__proto__" member (from JSON.parse) stays a member, as JSON.parse makes it.
    if (key === '__proto__') Object.defineProperty(out, key, { value: c, writable: true, enumerable: true, configurable: true });
    else out[key] = c;
    total += (first ? 0 : 1) + stringSize(key) + 1;
    first = false;
  }
  return out;
}
