import { describe, expect, it } from 'vitest';
import { compileResultPath } from '../../../src/query/jsonpath/result-path.js';
import { DataFlowError } from '../../../src/errors.js';
import { PathSyntaxError } from '../../../src/query/jsonpath/path.js';

// AWS "ResultPath": "$" replaces the input, null discards the result, a path writes into a copy.
describe('compileResultPath', () => {
  it('"$" (the default) makes the result the output', () => {
    expect(compileResultPath('$')({ a: 1 }, 'r')).toBe('r');
    expect(compileResultPath(undefined)({ a: 1 }, 'r')).toBe('r');
  });

  it('null keeps the input and discards the result', () => {
    const input = { a: 1 };
    expect(compileResultPath(null)(input, 'r')).toBe(input);
  });

  it('writes at a path, creating missing objects, without mutating the input', () => {
    const input = { a: { keep: true }, b: 2 };
    const out = compileResultPath('$.a.x.y')(input, 5);
    expect(out).toEqual({ a: { keep: true, x: { y: 5 } }, b: 2 });
    expect(input).toEqual({ a: { keep: true }, b: 2 });
  });

  it('overwrites an existing value', () => {
    expect(compileResultPath('$.a')({ a: 1 }, 2)).toEqual({ a: 2 });
  });

  it('fails with States.ResultPathMatchFailure when the input cannot hold the result', () => {
    try {
      compileResultPath('$.a')('not an object', 1);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DataFlowError);
      expect((e as DataFlowError).error).toBe('States.ResultPathMatchFailure');
    }
  });

  it('treats __proto__ as a plain key', () => {
    const out = compileResultPath("$['__proto__']")({}, { polluted: true }) as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

// D6: what the runtime cannot compile is a typed error the validator can report too.
describe('compileResultPath refusals', () => {
  it('refuses a path that is not a reference path with PathSyntaxError', () => {
    for (const p of ['$.a,b', '$.a:b', '$.a?b', '$.a@b', '$..a', '$.a[*]']) {
      expect(() => compileResultPath(p), p).toThrow(PathSyntaxError);
    }
  });
});
