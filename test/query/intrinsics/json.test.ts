/** Intrinsics for JSON data manipulation. */
import { describe, expect, it } from 'vitest';
import { run, runFailure } from './helpers.js';

describe('States.JsonMerge', () => {
  // The developer guide example: shallow mode, json2's "a" replaces json1's "a" wholesale.
  it('merges shallowly, the second object winning', () => {
    const input = { json1: { a: { a1: 1, a2: 2 }, b: 2 }, json2: { a: { a3: 1, a4: 2 }, c: 3 } };
    expect(run('States.JsonMerge($.json1, $.json2, false)', input)).toEqual({ a: { a3: 1, a4: 2 }, b: 2, c: 3 });
  });

  it('leaves its inputs untouched', () => {
    const input = { x: { a: 1 }, y: { b: 2 } };
    run('States.JsonMerge($.x, $.y, false)', input);
    expect(input).toEqual({ x: { a: 1 }, y: { b: 2 } });
  });

  // "Currently, Step Functions only supports the shallow merging mode; therefore, you must specify
  // the boolean value as false."
  it('rejects deep merging', () => {
    expect(runFailure('States.JsonMerge($.x, $.y, true)', { x: {}, y: {} })).toContain(
      'Invalid arguments in States.JsonMerge: deep merging is not supported; the third argument must be false',
    );
  });

  it('fails when an argument has the wrong type', () => {
    expect(runFailure('States.JsonMerge($.x, $.y, false)', { x: [], y: {} })).toContain(
      'States.JsonMerge: the first argument must be a JSON object, but was array',
    );
    expect(runFailure('States.JsonMerge($.x, null, false)', { x: {} })).toContain('the second argument must be a JSON object, but was null');
    expect(runFailure("States.JsonMerge($.x, $.x, 'false')", { x: {} })).toContain('the third argument must be a boolean, but was string');
  });
});

describe('States.StringToJson', () => {
  it('parses an escaped JSON string', () => {
    expect(run('States.StringToJson($.escapedJsonString)', { escapedJsonString: '{"foo": "bar"}' })).toEqual({ foo: 'bar' });
    expect(run('States.StringToJson($.s)', { s: '[1, 2, "HelloWorld"]' })).toEqual([1, 2, 'HelloWorld']);
    expect(run("States.StringToJson('true')")).toBe(true);
    expect(run("States.StringToJson('\"text\"')")).toBe('text');
  });

  // Recorded AWS executions: an empty string yields null.
  it('returns null for an empty or blank string', () => {
    expect(run("States.StringToJson('')")).toBeNull();
    expect(run("States.StringToJson('  ')")).toBeNull();
  });

  it('fails on text that is not JSON', () => {
    expect(runFailure("States.StringToJson('{not json')")).toContain(
      'Invalid arguments in States.StringToJson: the argument is not a valid JSON string',
    );
  });

  it('fails on a non-string argument', () => {
    expect(runFailure('States.StringToJson($.o)', { o: { a: 1 } })).toContain('the first argument must be a string, but was object');
  });
});

describe('States.JsonToString', () => {
  it('serializes compactly, keeping member order', () => {
    expect(run('States.JsonToString($.unescapedJson)', { unescapedJson: { foo: 'bar', n: [1, null, true] } })).toBe(
      '{"foo":"bar","n":[1,null,true]}',
    );
  });

  it('serializes scalars, strings included', () => {
    expect(run('States.JsonToString($.v)', { v: 0 })).toBe('0');
    expect(run('States.JsonToString($.v)', { v: 'a"b' })).toBe('"a\\"b"');
    expect(run('States.JsonToString($.v)', { v: null })).toBe('null');
  });

  // AWS is a Java service: decimals print with Double.toString (1.1, 1.0E-4), integers plainly.
  it('prints numbers as AWS does', () => {
    expect(run('States.JsonToString($.v)', { v: 1.1 })).toBe('1.1');
    expect(run('States.JsonToString($.v)', { v: [0.0001, 12345678.5, 1e21, -0, 123456789012] })).toBe(
      '[1.0E-4,1.23456785E7,1.0E21,0,123456789012]',
    );
  });

  it('escapes control characters with upper-case hex, as Jackson does', () => {
    expect(run('States.JsonToString($.v)', { v: 'a\nb\u001fc/é' })).toBe('"a\\nb\\u001Fc/é"');
  });
});
