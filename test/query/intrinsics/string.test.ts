/** Intrinsics for strings: States.Format (generic operation) and States.StringSplit. */
import { describe, expect, it } from 'vitest';
import { compileIntrinsic } from '../../../src/query/intrinsics/index.js';
import { run, runFailure, testPathCompiler } from './helpers.js';

describe('States.Format', () => {
  it('fills each {} with the matching argument (developer guide example)', () => {
    const input = { name: 'Arnav', template: 'Hello, my name is {}.' };
    expect(run("States.Format('Hello, my name is {}.', $.name)", input)).toBe('Hello, my name is Arnav.');
    expect(run('States.Format($.template, $.name)', input)).toBe('Hello, my name is Arnav.');
  });

  it('returns a template without placeholders as it is', () => {
    expect(run("States.Format('no placeholders')")).toBe('no placeholders');
  });

  // Recorded AWS executions: numbers as Java prints them, null as "null", objects and arrays
  // through Java's Map/List toString ({Arg1=1, Arg2=[]}), strings unquoted.
  it('prints non-string values as AWS does', () => {
    const input = { s: ' ', i: 1, d: 1.1, n: null, b: true, o: { Arg1: 1, Arg2: [] }, a: ['x', 2.5, { k: null }] };
    expect(run("States.Format('{}|{}|{}|{}|{}|{}|{}', $.s, $.i, $.d, $.n, $.b, $.o, $.a)", input)).toBe(
      ' |1|1.1|null|true|{Arg1=1, Arg2=[]}|[x, 2.5, {k=null}]',
    );
    expect(run("States.Format('{}', 0.0001)")).toBe('1.0E-4');
  });

  // AWS developer guide, "Reserved characters in intrinsic functions".
  it('treats escaped braces and quotes in a literal template as text', () => {
    expect(run("States.Format('\\{\\} is {}, it\\'s \\\\', $.v)", { v: 'empty' })).toBe("{} is empty, it's \\");
  });

  it('takes {} in a template that arrives as data as a placeholder', () => {
    expect(run('States.Format($.t, 1, 2)', { t: '{}+{}' })).toBe('1+2');
  });

  it('rejects a literal template whose {} count does not match at compile time', () => {
    expect(() => compileIntrinsic("States.Format('{} and {}', $.a)", testPathCompiler)).toThrow(
      'States.Format: the template has 2 occurrence(s) of {} but 1 value(s) follow it',
    );
  });

  it('fails at run time when a template from data does not match the arguments', () => {
    expect(runFailure('States.Format($.t, 1)', { t: 'none' })).toContain(
      'Invalid arguments in States.Format: the template has 0 occurrence(s) of {} but 1 value(s) were given',
    );
  });

  it('fails when the template is not a string', () => {
    expect(runFailure('States.Format($.t)', { t: 42 })).toContain('States.Format: the first argument must be a string, but was number');
  });
});

describe('States.StringSplit', () => {
  it('splits on a delimiter (developer guide example)', () => {
    expect(run('States.StringSplit($.inputString, $.splitter)', { inputString: '1,2,3,4,5', splitter: ',' })).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
  });

  it('splits on every character of a multi-character delimiter (developer guide example)', () => {
    expect(run("States.StringSplit('This.is+a,test=string', '.+,=')")).toEqual(['This', 'is', 'a', 'test', 'string']);
  });

  // Recorded AWS executions: " " split on "," is [" "]; "split on T and \nnew line" split on
  // "T\n" is ["split on ", " and ", "new line"].
  it('drops empty values and keeps whitespace', () => {
    expect(run("States.StringSplit(' ', ',')")).toEqual([' ']);
    expect(run("States.StringSplit(',a,,b,', ',')")).toEqual(['a', 'b']);
    expect(run('States.StringSplit($.s, $.d)', { s: 'split on T and \nnew line', d: 'T\n' })).toEqual([
      'split on ',
      ' and ',
      'new line',
    ]);
  });

  it('returns no values for an empty string and the whole string for an empty delimiter', () => {
    expect(run("States.StringSplit('', ',')")).toEqual([]);
    expect(run("States.StringSplit('abc', '')")).toEqual(['abc']);
  });

  it('splits on escaped reserved characters', () => {
    expect(run("States.StringSplit('a{b}c', '\\{\\}')")).toEqual(['a', 'b', 'c']);
  });

  it('fails on non-string arguments', () => {
    expect(runFailure("States.StringSplit(12, ',')")).toContain('Invalid arguments in States.StringSplit: the first argument must be a string, but was number');
    expect(runFailure("States.StringSplit('a', $.d)", { d: [','] })).toContain('the second argument must be a string, but was array');
  });
});
