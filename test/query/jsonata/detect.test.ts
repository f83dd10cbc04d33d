import { describe, expect, it } from 'vitest';
import { expressionBody, isJsonataExpression } from '../../../src/query/jsonata/index.js';

// AWS "Transforming data with JSONata": a string is an expression when it starts with `{%`
// and ends with `%}`, with no whitespace outside the markers; every other string is a literal.
describe('isJsonataExpression', () => {
  it.each([
    ['{% $states.input %}'],
    ['{%$x%}'],
    ['{% %}'],
    ['{%%}'],
    ['{% 1 %}{% 2 %}'],
  ])('recognises %j', (s) => {
    expect(isJsonataExpression(s)).toBe(true);
  });

  it.each([
    [' {% $x %}'],
    ['{% $x %} '],
    ['{% $x'],
    ['$x %}'],
    ['{%}'],
    ['{%'],
    ['%}'],
    [''],
    ['text {% $x %}'],
    ['{ % $x % }'],
    ['$.path'],
    ['$variable'],
  ])('treats %j as a literal', (s) => {
    expect(isJsonataExpression(s)).toBe(false);
  });

  it('is false for non-strings', () => {
    for (const v of [undefined, null, 1, true, {}, ['{% $x %}']]) expect(isJsonataExpression(v)).toBe(false);
  });
});

describe('expressionBody', () => {
  it('strips the markers and surrounding whitespace', () => {
    expect(expressionBody('{% $doesNotExist %}')).toBe('$doesNotExist');
    expect(expressionBody('{%$x%}')).toBe('$x');
    expect(expressionBody('{%\n  $a +\n  $b\n%}')).toBe('$a +\n  $b');
  });
  it('trims a string without markers', () => {
    expect(expressionBody('  $x ')).toBe('$x');
  });
});
