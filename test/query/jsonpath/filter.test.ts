import { describe, expect, it } from 'vitest';
import { compilePath, PathSyntaxError } from '../../../src/query/jsonpath/path.js';
import type { EvalScope } from '../../../src/query/scope.js';

const scope = (input: unknown, variables: Record<string, unknown> = {}): EvalScope => ({
  input,
  context: {},
  variables,
  random: () => 0.5,
  uuid: () => 'u',
});

const get = (path: string, input: unknown): unknown => compilePath(path).get(scope(input));

// AWS evaluates paths with Jayway JsonPath; these are its filter semantics.
describe('JSONPath filters (Jayway semantics)', () => {
  const items = [{ b: { c: 1 }, n: 1 }, { n: 2 }, { b: null, n: 3 }, { b: { c: 2 }, n: 4 }];

  it('an item lacking an intermediate field simply does not match', () => {
    expect(get('$.a[?(@.b.c == 1)].n', { a: items })).toEqual([1]);
    expect(get('$.a[?(@.b.c > 0)].n', { a: items })).toEqual([1, 4]);
  });

  it('a missing field is unequal to everything, so != matches it', () => {
    expect(get('$.a[?(@.b.c != 1)].n', { a: items })).toEqual([2, 3, 4]);
  });

  it('a bare path tests that the field exists (even when it holds null or false); ! negates', () => {
    expect(get('$.a[?(@.b)].n', { a: items })).toEqual([1, 3, 4]);
    expect(get('$.a[?(!@.b)].n', { a: items })).toEqual([2]);
  });

  it('$ inside a filter is the document root', () => {
    const input = { agent_id: 'w2', workers: [{ workerId: 'w1' }, { workerId: 'w2', ok: true }] };
    expect(get('$.workers[?(@.workerId == $.agent_id)]', input)).toEqual([{ workerId: 'w2', ok: true }]);
  });

  it('compares strings and numbers; a numeric string equals its number', () => {
    const a = [{ v: 1 }, { v: '1' }, { v: 'x' }, { v: 3 }];
    expect(get("$.a[?(@.v == 1)].v", { a })).toEqual([1, '1']);
    expect(get("$.a[?(@.v == 'x')].v", { a })).toEqual(['x']);
    expect(get('$.a[?(@.v >= 2)].v', { a })).toEqual([3]);
    expect(get("$.a[?(@.v < 'y')].v", { a })).toEqual(['1', 'x']);
  });

  it('supports && || and parentheses, in, nin, size, empty, subsetof, anyof, noneof, contains', () => {
    const a = [{ k: 'a', t: ['x', 'y'] }, { k: 'b', t: [] }, { k: 'c', t: ['z'] }];
    expect(get("$.a[?(@.k == 'a' || (@.k == 'c' && @.t size 1))].k", { a })).toEqual(['a', 'c']);
    expect(get("$.a[?(@.k in ['a','b'])].k", { a })).toEqual(['a', 'b']);
    expect(get("$.a[?(@.k nin ['a','b'])].k", { a })).toEqual(['c']);
    expect(get('$.a[?(@.t empty true)].k', { a })).toEqual(['b']);
    expect(get("$.a[?(@.t subsetof ['x','y','z'])].k", { a })).toEqual(['a', 'b', 'c']);
    expect(get("$.a[?(@.t anyof ['z'])].k", { a })).toEqual(['c']);
    expect(get("$.a[?(@.t noneof ['z'])].k", { a })).toEqual(['a', 'b']);
    expect(get("$.a[?(@.t contains 'y')].k", { a })).toEqual(['a']);
    expect(get('$.a[?(@.t.length() == 2)].k', { a })).toEqual(['a']);
  });

  it('=~ matches the whole value against a regex', () => {
    const a = [{ s: 'abc' }, { s: 'xabc' }, { s: 'ABC' }];
    expect(get('$.a[?(@.s =~ /abc/)].s', { a })).toEqual(['abc']);
    expect(get('$.a[?(@.s =~ /.*abc/i)].s', { a })).toEqual(['abc', 'xabc', 'ABC']);
  });

  it('a nested-quantifier regex does not backtrack (=~ and jsonpath-plus style .match())', () => {
    const a = [{ s: 'a'.repeat(50_000) + '!' }, { s: 'aaa' }];
    expect(get('$.a[?(@.s =~ /(a+)+/)].s', { a })).toEqual(['aaa']);
    expect((get('$.items[?(@.s.match(/(a+)+$/))]', { items: a }) as unknown[]).length).toBe(1);
  });

  it('refuses a regex RE2 cannot run, at compile time, with a typed error', () => {
    expect(() => compilePath('$.a[?(@.s =~ /(a)\\1/)]')).toThrow(PathSyntaxError);
    expect(() => compilePath('$.a[?(@.s =~ /(a)\\1/)]')).toThrow(/backreference/);
  });

  it('refuses an unquoted word as a value, as Jayway does, with a typed error', () => {
    expect(() => compilePath('$.langs[?(@.Code==es)]')).toThrow(PathSyntaxError);
    expect(() => compilePath('$.langs[?(@.Code==es)]')).toThrow("the unquoted word 'es' is not a value");
  });

  it('refuses script expressions and unknown functions with a typed error (no jsonpath-plus internals)', () => {
    expect(() => compilePath('$[(@.length-1)]')).toThrow(PathSyntaxError);
    expect(() => compilePath('$.a[?(@.s.constructor())]')).toThrow(PathSyntaxError);
  });

  it('never leaks JavaScript errors for odd items (null, numbers, strings)', () => {
    expect(get('$.a[?(@.b.c == 1)]', { a: [null, 1, 'x', [1], { b: 'str' }] })).toEqual([]);
  });
});

describe('JSONPath notation AWS accepts', () => {
  it('bracket notation with escaped quotes and backslashes selects the single key', () => {
    const input = { 'Test"Name': 1, "it's": 2, 'back\\slash': 3 };
    const p = compilePath(`$['Test\\"Name']`);
    expect(p.definite).toBe(true);
    expect(p.get(scope(input))).toBe(1);
    expect(get(`$['it\\'s']`, input)).toBe(2);
    expect(get(`$['back\\\\slash']`, input)).toBe(3);
  });

  it('$.[0].body means $[0].body', () => {
    expect(get('$.[0].body', [{ body: 'x' }])).toBe('x');
    expect(get('$.[*].body', [{ body: 'x' }, { body: 'y' }])).toEqual(['x', 'y']);
  });

  it('ignores trailing whitespace', () => {
    expect(get('$.a ', { a: 1 })).toBe(1);
  });
});

// D17: variables named after Object.prototype members.
describe('JSONPath variables named after Object.prototype members', () => {
  it('read back when assigned, and are absent otherwise', () => {
    const vars = Object.create(null) as Record<string, unknown>;
    for (const name of ['hasOwnProperty', 'constructor', 'toString']) {
      expect(compilePath(`$${name}`).get(scope({}, vars))).toBeUndefined();
      Object.defineProperty(vars, name, { value: { v: name }, enumerable: true });
      expect(compilePath(`$${name}.v`).get(scope({}, vars))).toBe(name);
    }
  });
});
