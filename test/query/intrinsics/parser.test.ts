/**
 * The intrinsic call syntax: nested calls, literals, AWS's string escapes and path arguments.
 * Malformed text is an IntrinsicSyntaxError that says where the problem is.
 */
import { describe, expect, it } from 'vitest';
import { IntrinsicSyntaxError } from '../../../src/query/intrinsics/index.js';
import { parseIntrinsic } from '../../../src/query/intrinsics/parser.js';

function syntaxError(text: string): IntrinsicSyntaxError {
  try {
    parseIntrinsic(text);
  } catch (error) {
    expect(error).toBeInstanceOf(IntrinsicSyntaxError);
    return error as IntrinsicSyntaxError;
  }
  throw new Error(`expected a syntax error for ${text}`);
}

describe('parsing intrinsic calls', () => {
  it('reads a call with no arguments', () => {
    expect(parseIntrinsic('States.UUID()')).toEqual({ kind: 'call', name: 'States.UUID', args: [], position: 0 });
  });

  it('reads every kind of literal argument', () => {
    const call = parseIntrinsic("States.Array('text', 42, -1.5, 2e3, true, false, null)");
    expect(call.args.map((arg) => (arg.kind === 'null' ? null : arg.kind === 'call' || arg.kind === 'path' ? arg.kind : arg.value))).toEqual([
      'text',
      42,
      -1.5,
      2000,
      true,
      false,
      null,
    ]);
  });

  it('keeps path arguments verbatim for the engine to compile', () => {
    const call = parseIntrinsic("States.Array($, $.a.b, $.a[0], $[0], $$.Execution.Id, $name, $name.field[0], $.abc.['def ghi'], $.x[?(@.y > 1)])");
    expect(call.args.map((arg) => (arg.kind === 'path' ? arg.path : arg.kind))).toEqual([
      '$',
      '$.a.b',
      '$.a[0]',
      '$[0]',
      '$$.Execution.Id',
      '$name',
      '$name.field[0]',
      "$.abc.['def ghi']",
      '$.x[?(@.y > 1)]',
    ]);
  });

  it('reads nested calls and records where each starts', () => {
    const call = parseIntrinsic("States.ArrayGetItem(States.StringSplit($.s, '-'), 0)");
    const inner = call.args[0];
    expect(inner).toMatchObject({ kind: 'call', name: 'States.StringSplit', position: 20 });
  });

  it('allows whitespace around the call and its arguments', () => {
    expect(parseIntrinsic("  States.Format( '{}' ,\n$.a )  ").args).toHaveLength(2);
  });

  // AWS developer guide, "Reserved characters in intrinsic functions": \' \{ \} and \\ stand for
  // the character itself.
  it("resolves the escapes \\' \\{ \\} and \\\\ in string literals", () => {
    const [arg] = parseIntrinsic("States.Array('it\\'s \\{x\\} a\\\\b')").args;
    expect(arg).toMatchObject({ kind: 'string', value: "it's {x} a\\b", raw: "it\\'s \\{x\\} a\\\\b" });
  });

  it('keeps real control characters inside string literals', () => {
    const [arg] = parseIntrinsic("States.Array('Hello\nWorld')").args;
    expect(arg).toMatchObject({ value: 'Hello\nWorld' });
  });

  it('rejects a backslash that escapes anything else (an "open escape backslash")', () => {
    const error = syntaxError("States.Array('a\\nb')");
    expect(error.position).toBe(15);
    expect(error.message).toContain('escape');
  });

  it.each([
    ["States.Format('abc", 14, 'Unterminated string'],
    ['States.Array(1,)', 15, 'Expected an argument'],
    ['States.Array(1 2)', 15, "Expected ',' or ')'"],
    ['States.Array(1', 14, "Expected ',' or ')'"],
    ['States.Array', 12, "Expected '(' after States.Array"],
    ['States.Array() extra', 15, 'after the end'],
    ['States.Array(foo)', 13, "Unexpected 'foo'"],
    ['States.Array(#)', 13, "Unexpected character '#'"],
    ['$.a', 0, 'Expected an intrinsic function name'],
    ["States.Array($['a)", 13, 'Unterminated quoted name'],
    ['States.Array($.a[0)', 13, 'Unbalanced brackets'],
  ])('reports the position of a syntax error in %s', (text, position, message) => {
    const error = syntaxError(text);
    expect(error.position).toBe(position);
    expect(error.reason).toContain(message);
    expect(error.message).toContain(`at character ${position}`);
  });
});
