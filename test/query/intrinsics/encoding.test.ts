/** Intrinsics for data encoding and decoding (Base64 of the UTF-8 bytes of a string). */
import { describe, expect, it } from 'vitest';
import { run, runFailure } from './helpers.js';

describe('States.Base64Encode', () => {
  it('encodes the UTF-8 bytes of a string', () => {
    expect(run('States.Base64Encode($.input)', { input: 'Data to encode' })).toBe('RGF0YSB0byBlbmNvZGU=');
    expect(run("States.Base64Encode('Grüße ✓')")).toBe(Buffer.from('Grüße ✓').toString('base64'));
  });

  it('encodes the empty string as the empty string', () => {
    expect(run("States.Base64Encode('')")).toBe('');
  });

  // "This function takes a data string of up to 10,000 characters to encode."
  it('accepts up to 10,000 characters and fails beyond', () => {
    expect(run('States.Base64Encode($.s)', { s: 'a'.repeat(10_000) })).toHaveLength(13_336);
    expect(runFailure('States.Base64Encode($.s)', { s: 'a'.repeat(10_001) })).toContain(
      'States.Base64Encode: the input must be at most 10000 characters, but has 10001',
    );
  });

  it('fails on a non-string argument', () => {
    expect(runFailure('States.Base64Encode(42)')).toContain('States.Base64Encode: the first argument must be a string, but was number');
  });
});

describe('States.Base64Decode', () => {
  it('decodes to a UTF-8 string', () => {
    expect(run('States.Base64Decode($.base64)', { base64: 'RGF0YSB0byBlbmNvZGU=' })).toBe('Data to encode');
    expect(run("States.Base64Decode('')")).toBe('');
  });

  it('accepts input without padding', () => {
    expect(run("States.Base64Decode('SGk')")).toBe('Hi');
  });

  it('fails on text that is not Base64', () => {
    expect(runFailure("States.Base64Decode('not base64!')")).toContain('States.Base64Decode: the input is not a valid Base64 string');
    expect(runFailure("States.Base64Decode('QUJDR')")).toContain('not a valid Base64 string');
  });

  // "This function takes a Base64 encoded data string of up to 10,000 characters to decode."
  it('accepts up to 10,000 characters and fails beyond', () => {
    expect(run('States.Base64Decode($.s)', { s: 'QUJD'.repeat(2500) })).toHaveLength(7500);
    expect(runFailure('States.Base64Decode($.s)', { s: 'QUJD'.repeat(2500) + 'QQ==' })).toContain('at most 10000 characters');
  });

  it('fails on a non-string argument', () => {
    expect(runFailure('States.Base64Decode($.a)', { a: ['x'] })).toContain('the first argument must be a string, but was array');
  });
});
