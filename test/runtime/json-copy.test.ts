import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyJsonData } from '../../src/runtime/json-copy.js';

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');

// The execution input is copied as JSON data and its size counted in UTF-8 bytes of JSON text
// (AWS quotas: 256 KiB payloads, "expressed as bytes in UTF-8 encoding").
describe('copyJsonData', () => {
  it('gives what a JSON text round trip gives, and the exact UTF-8 size of that text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = copyJsonData(value);
        expect(copy).toBeDefined();
        expect(copy!.value).toStrictEqual(JSON.parse(JSON.stringify(value)));
        expect(copy!.size).toBe(bytes(value));
      }),
      { numRuns: 300 },
    );
  });

  it('copies: nothing of the original is shared', () => {
    const inner = { b: [1, 2] };
    const original = { a: inner };
    const copy = copyJsonData(original)!.value as { a: { b: number[] } };
    expect(copy).toEqual(original);
    expect(copy.a).not.toBe(inner);
    expect(copy.a.b).not.toBe(inner.b);
  });

  it('writes undefined members as JSON does: left out of objects, null in arrays (holes too)', () => {
    // eslint-disable-next-line no-sparse-arrays
    const value = { gone: undefined, list: [1, undefined, , 3] };
    const copy = copyJsonData(value)!;
    expect(copy.value).toStrictEqual({ list: [1, null, null, 3] });
    expect(copy.size).toBe(bytes(value));
  });

  it('keeps an own "__proto__" member as a member, as JSON.parse makes it', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as object;
    const copy = copyJsonData(value)!.value as Record<string, unknown>;
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts objects without a prototype', () => {
    const value = Object.assign(Object.create(null) as object, { a: 'é' });
    expect(copyJsonData(value)).toEqual({ value: { a: 'é' }, size: bytes(value) });
  });

  it('leaves everything else to the JSON text path (undefined): it is not plain data', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    let deep: unknown = 1;
    for (let i = 0; i < 300; i++) deep = [deep];
    class Point {
      x = 1;
    }
    const others: unknown[] = [
      undefined,
      () => 1,
      Symbol('s'),
      10n,
      Number.NaN,
      Infinity,
      { a: Number.NEGATIVE_INFINITY },
      new Date(0),
      new Point(),
      { toJSON: () => 'x' },
      new Map([[1, 2]]),
      [1, () => 2],
      { f: () => 1 },
      cyclic,
      deep,
    ];
    for (const v of others) expect(copyJsonData(v)).toBeUndefined();
  });
});
