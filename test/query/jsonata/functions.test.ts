import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DataFlowError } from '../../../src/errors.js';
import { compileJsonataTemplate } from '../../../src/query/jsonata/index.js';
import type { JsonataBindings } from '../../../src/query/jsonata/index.js';
import { bindings } from './helpers.js';

// The functions AWS documents in "JSONata functions provided by Step Functions"
// (developer guide, "Transforming data with JSONata in Step Functions").

function run(expr: string, input: unknown = {}, extra: Partial<JsonataBindings> = {}): Promise<unknown> {
  return compileJsonataTemplate(`{% ${expr} %}`, 'Output')(bindings({ states: { input, context: {} }, ...extra }));
}

async function cause(expr: string, input: unknown = {}): Promise<string> {
  const err = await run(expr, input).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DataFlowError);
  expect((err as DataFlowError).error).toBe('States.QueryEvaluationError');
  return (err as DataFlowError).cause;
}

describe('$partition', () => {
  it('splits an array into chunks, the last one possibly shorter', async () => {
    await expect(run('$partition([1,2,3,4,5,6,7,8,9], 3)')).resolves.toEqual([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    await expect(run('$partition([1,2,3,4,5], 2)')).resolves.toEqual([[1, 2], [3, 4], [5]]);
  });

  it('keeps a single chunk as a nested array (not unwrapped)', async () => {
    await expect(run('$partition($states.input.a, 1)', { a: [0] })).resolves.toEqual([[0]]);
    await expect(run('$partition($states.input.a, 5)', { a: [0, 1, 2] })).resolves.toEqual([[0, 1, 2]]);
  });

  it('fails for a size that is not a positive integer', async () => {
    expect(await cause('$partition([1,2], 0)')).toBe(
      "The JSONata expression '$partition([1,2], 0)' specified for the field 'Output' threw an error during evaluation: $partition: argument 2 (size) must be a positive integer, but was 0",
    );
    expect(await cause("$partition([1,2], 'a')")).toContain('must be a positive integer');
    expect(await cause('$partition([1,2], 1.5)')).toContain('must be a positive integer');
  });
});

describe('$range', () => {
  it('includes the end when a step lands on it', async () => {
    await expect(run('$range(0, 10, 2)')).resolves.toEqual([0, 2, 4, 6, 8, 10]);
    await expect(run('$range(0, 10, 3)')).resolves.toEqual([0, 3, 6, 9]);
  });

  it('counts down with a negative step', async () => {
    await expect(run('$range(5, 1, -2)')).resolves.toEqual([5, 3, 1]);
  });

  it('returns a single value unwrapped, as AWS records for $range(1, 9, 9)', async () => {
    await expect(run('$range(1, 9, 9)')).resolves.toBe(1);
  });

  it('returns nothing for an empty range', async () => {
    expect(await cause('$range(5, 1, 1)')).toContain('returned nothing (undefined).');
  });

  it('fails for a zero step or non-numeric bounds', async () => {
    expect(await cause('$range(0, 5, 0)')).toContain('argument 3 (step) must be a non-zero number');
    expect(await cause("$range('a', 5, 1)")).toContain('argument 1 (start) must be a number');
  });

  it('fails for a range too large to build', async () => {
    expect(await cause('$range(0, 1e9, 1)')).toContain('more than the limit');
  });
});

describe('$hash', () => {
  it.each([
    ['MD5', 'md5'],
    ['SHA-1', 'sha1'],
    ['SHA-256', 'sha256'],
    ['SHA-384', 'sha384'],
    ['SHA-512', 'sha512'],
  ])('computes %s as lower-case hex', async (algorithm, node) => {
    const expected = createHash(node).update('Hash this string').digest('hex');
    await expect(run(`$hash('Hash this string', '${algorithm}')`)).resolves.toBe(expected);
  });

  it('matches the SHA-256 digest AWS returns for the same string with States.Hash', async () => {
    await expect(run("$hash('Hash this string', 'SHA-256')")).resolves.toBe(
      '1cac63f39fd68d8c531f27b807610fb3d50f0fc3f186995767fb6316e7200a3e',
    );
  });

  it('fails for an unsupported algorithm or non-string data', async () => {
    expect(await cause("$hash('x', 'SHA-999')")).toContain(
      'argument 2 (algorithm) must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, but was "SHA-999"',
    );
    expect(await cause("$hash('x', 'sha256')")).toContain('must be one of');
    expect(await cause("$hash(1, 'MD5')")).toContain('argument 1 (data) must be a string');
  });
});

describe('$random', () => {
  it('uses the injected source without a seed', async () => {
    await expect(run('$random()', {}, { random: () => 0.125 })).resolves.toBe(0.125);
  });

  it('is deterministic for a seed, with java.util.Random values as on AWS', async () => {
    await expect(run('$random(42)')).resolves.toBe(0.7275636800328681);
    await expect(run('$random(0)')).resolves.toBe(0.730967787376657);
    await expect(run('[$random($states.input.seed), $random($states.input.seed)]', { seed: 7 })).resolves.toSatisfy(
      (r: unknown) => Array.isArray(r) && r[0] === r[1] && r[0] >= 0 && r[0] < 1,
    );
  });

  it('fails for a non-numeric seed', async () => {
    expect(await cause("$random('x')")).toContain('$random: the seed must be a number');
  });
});

describe('$uuid', () => {
  it('uses the injected source', async () => {
    await expect(run('$uuid()', {}, { uuid: () => 'u-1' })).resolves.toBe('u-1');
  });
});

describe('$parse', () => {
  it('parses a JSON string', async () => {
    await expect(run('$parse($states.input.s)', { s: 'true' })).resolves.toBe(true);
    await expect(run('$parse($states.input.s).a', { s: '{"a":[1,{"b":null}]}' })).resolves.toEqual([1, { b: null }]);
    await expect(run("$parse('\"text\"')")).resolves.toBe('text');
  });

  it('fails for invalid JSON or a non-string', async () => {
    expect(await cause("$parse('{bad')")).toContain('$parse: the string is not valid JSON');
    expect(await cause('$parse(1)')).toContain('$parse: argument 1 must be a string');
  });
});

describe('$eval', () => {
  it('is not available, also as a value', async () => {
    expect(await cause("$eval('1')")).toContain('T1006: Attempted to invoke a non-function');
    expect(await cause('$eval')).toContain('returned nothing (undefined).');
  });
});

describe('standard JSONata functions stay available', () => {
  it('evaluates built-ins', async () => {
    await expect(run('$sum($states.input.v) + 1', { v: [1, 2, 3] })).resolves.toBe(7);
    await expect(run("$number('2')")).resolves.toBe(2);
    await expect(run('$not($states.input.done)', { done: true })).resolves.toBe(false);
    await expect(run('$map([1,2], function($x){ $x * 10 })')).resolves.toEqual([10, 20]);
  });
});
