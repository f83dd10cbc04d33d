import { describe, expect, it } from 'vitest';
import { checkJsonata } from '../../../src/query/jsonata/index.js';

describe('checkJsonata', () => {
  it('accepts expressions that parse, with or without markers', () => {
    expect(checkJsonata('$states.input.a + 1')).toBeUndefined();
    expect(checkJsonata('{% $states.input.a + 1 %}')).toBeUndefined();
    expect(checkJsonata("{% $partition([1,2], 1) %}")).toBeUndefined();
  });

  it('reports the parse problem and position without throwing', () => {
    expect(checkJsonata('1 +')).toEqual({ message: 'Unexpected end of expression', position: 3 });
    expect(checkJsonata('{% a[1,2) %}')).toEqual({ message: 'Expected "]", got ","', position: 4 });
    expect(checkJsonata('"unterminated')?.message).toBe('String literal must be terminated by a matching quote');
    expect(checkJsonata('{% %}')?.message).toBe('Unexpected end of expression');
  });
});
