/** Glob syntax of `validate`'s file arguments: braces, `*`, `?`, `**`, classes. */
import { describe, expect, it } from 'vitest';
import { expandBraces, globToRegExp, isGlob } from '../../src/cli/expand.js';

describe('expandBraces', () => {
  it('expands alternatives, nested ones too, and leaves an unclosed brace alone', () => {
    expect(expandBraces('a.{json,yaml}')).toEqual(['a.json', 'a.yaml']);
    expect(expandBraces('x/{a,b{1,2}}/y')).toEqual(['x/a/y', 'x/b1/y', 'x/b2/y']);
    expect(expandBraces('{a,b}.{c,d}')).toEqual(['a.c', 'a.d', 'b.c', 'b.d']);
    expect(expandBraces('plain')).toEqual(['plain']);
    expect(expandBraces('a{b')).toEqual(['a{b']);
  });
});

describe('globToRegExp', () => {
  const matches = (glob: string, path: string) => globToRegExp(glob).test(path);

  it('* and ? stay within a folder; **/ crosses any number of them, none included', () => {
    expect(matches('*.json', 'a.json')).toBe(true);
    expect(matches('*.json', 'dir/a.json')).toBe(false);
    expect(matches('?.json', 'a.json')).toBe(true);
    expect(matches('?.json', 'ab.json')).toBe(false);
    expect(matches('**/*.json', 'a.json')).toBe(true);
    expect(matches('**/*.json', 'x/y/z/a.json')).toBe(true);
    expect(matches('x/**', 'x/y/z')).toBe(true);
  });

  it('reads dots, parentheses and + literally, and [...] / [!...] as classes', () => {
    expect(matches('a.json', 'aXjson')).toBe(false);
    expect(matches('(a)+.json', '(a)+.json')).toBe(true);
    expect(matches('[ab].json', 'b.json')).toBe(true);
    expect(matches('[!ab].json', 'b.json')).toBe(false);
    expect(matches('[!ab].json', 'c.json')).toBe(true);
  });

  it('isGlob tells patterns from paths', () => {
    expect(isGlob('machines/**/*.json')).toBe(true);
    expect(isGlob('machines/{a,b}.json')).toBe(true);
    expect(isGlob('machines/a.json')).toBe(false);
  });
});
