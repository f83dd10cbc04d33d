import { describe, expect, it } from 'vitest';
import { compilePath } from '../../../src/query/jsonpath/path.js';
import type { EvalScope } from '../../../src/query/scope.js';

const scope = (input: unknown, variables: Record<string, unknown> = {}, context: unknown = {}): EvalScope => ({
  input,
  context,
  variables,
  random: () => 0.5,
  uuid: () => 'u',
});

describe('compilePath', () => {
  it('reads plain reference paths by direct access', () => {
    const p = compilePath("$.a['b c'][1].d");
    expect(p.definite).toBe(true);
    expect(p.get(scope({ a: { 'b c': [0, { d: 42 }] } }))).toBe(42);
  });

  it('returns undefined for a definite path that matches nothing, and explains like Jayway', () => {
    const p = compilePath('$.no.such.path');
    const s = scope({});
    expect(p.get(s)).toBeUndefined();
    expect(p.missReason(s)).toBe("Missing property in path $['no']");
    const leaf = compilePath('$.x');
    expect(leaf.missReason(s)).toBe("No results for path: $['x']");
  });

  it('keeps null as a value (a present field holding null is not missing)', () => {
    expect(compilePath('$.a').get(scope({ a: null }))).toBeNull();
  });

  it('does not follow prototype properties', () => {
    expect(compilePath('$.constructor').get(scope({}))).toBeUndefined();
    expect(compilePath('$.__proto__').get(scope({}))).toBeUndefined();
  });

  it('reads the context object with $$ and variables with $name', () => {
    expect(compilePath('$$.Execution.Name').get(scope({}, {}, { Execution: { Name: 'n' } }))).toBe('n');
    expect(compilePath('$order.items[0]').get(scope({}, { order: { items: ['x'] } }))).toBe('x');
    expect(compilePath('$missing').get(scope({}, {}))).toBeUndefined();
  });

  it('sees variables inherited from an outer scope', () => {
    const outer = { a: 1 };
    const inner = Object.create(outer) as Record<string, unknown>;
    expect(compilePath('$a').get(scope({}, inner))).toBe(1);
  });

  it('gives a list for indefinite paths (wildcards, slices, filters, recursive descent)', () => {
    const input = { items: [{ v: 1 }, { v: 5 }, { v: 9 }] };
    expect(compilePath('$.items[*].v').get(scope(input))).toEqual([1, 5, 9]);
    expect(compilePath('$.items[:2].v').get(scope(input))).toEqual([1, 5]);
    expect(compilePath('$.items[?(@.v > 2)].v').get(scope(input))).toEqual([5, 9]);
    expect(compilePath('$..v').get(scope(input))).toEqual([1, 5, 9]);
    // AWS returns an empty list when an indefinite path matches nothing (recorded behaviour).
    expect(compilePath('$.item.items[:1]').get(scope({}))).toEqual([]);
  });

  it('rejects text that is not a path', () => {
    expect(() => compilePath('a.b')).toThrow(/must start with/);
  });
});
