/** Intrinsic for hash calculation: States.Hash. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { run, runFailure } from './helpers.js';

describe('States.Hash', () => {
  it('returns the lower-case hex digest (the developer guide example uses SHA-1)', () => {
    expect(run('States.Hash($.Data, $.Algorithm)', { Data: 'input data', Algorithm: 'SHA-1' })).toBe(
      'aaff4a450a104cd177d28d18d74485e8cae074b7',
    );
  });

  it.each([
    ['MD5', 'md5'],
    ['SHA-1', 'sha1'],
    ['SHA-256', 'sha256'],
    ['SHA-384', 'sha384'],
    ['SHA-512', 'sha512'],
  ])('supports %s', (algorithm, nodeName) => {
    expect(run(`States.Hash('Grüße', '${algorithm}')`)).toBe(createHash(nodeName).update('Grüße', 'utf8').digest('hex'));
  });

  it('fails on an algorithm AWS does not list, including a differently written one', () => {
    expect(runFailure("States.Hash('x', 'SHA-3')")).toContain(
      "Invalid arguments in States.Hash: the hashing algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, but was 'SHA-3'",
    );
    expect(runFailure("States.Hash('x', 'sha256')")).toContain("but was 'sha256'");
    expect(runFailure("States.Hash('x', 'toString')")).toContain("but was 'toString'");
  });

  // "The data you provide must be an object string containing 10,000 characters or less."
  it('accepts up to 10,000 characters of data and fails beyond', () => {
    expect(run("States.Hash($.s, 'MD5')", { s: 'a'.repeat(10_000) })).toHaveLength(32);
    expect(runFailure("States.Hash($.s, 'MD5')", { s: 'a'.repeat(10_001) })).toContain(
      'States.Hash: the input must be at most 10000 characters, but has 10001',
    );
  });

  it('fails when the data or the algorithm is not a string', () => {
    expect(runFailure("States.Hash($.o, 'MD5')", { o: { a: 1 } })).toContain('the first argument must be a string, but was object');
    expect(runFailure("States.Hash('x', 256)")).toContain('the second argument must be a string, but was number');
  });
});
