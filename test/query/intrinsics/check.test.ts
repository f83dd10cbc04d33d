/** checkIntrinsic: the validator's view, listing every problem and never throwing. */
import { describe, expect, it } from 'vitest';
import { checkIntrinsic } from '../../../src/query/intrinsics/index.js';

describe('checkIntrinsic', () => {
  it('finds nothing wrong with a valid call', () => {
    expect(checkIntrinsic("States.Format('{} and {}', $.a, States.UUID())")).toEqual([]);
  });

  it('reports a syntax error with its position', () => {
    expect(checkIntrinsic('States.Array(1,,2)')).toEqual([{ message: "Expected an argument but found ','", position: 15 }]);
  });

  it('reports unknown names with a did-you-mean suggestion', () => {
    expect(checkIntrinsic('States.ArrayLenght($.a)')).toEqual([
      { message: "Unknown intrinsic function 'States.ArrayLenght'. Did you mean 'States.ArrayLength'?", position: 0 },
    ]);
    expect(checkIntrinsic('Foo.Bar()')).toEqual([{ message: "Unknown intrinsic function 'Foo.Bar'", position: 0 }]);
  });

  it('reports every problem, including nested ones', () => {
    const problems = checkIntrinsic('States.MathAdd(1, States.UUID(2), States.Hsah($.a, $.b))');
    expect(problems).toEqual([
      { message: 'States.MathAdd takes exactly 2 arguments, but was given 3', position: 0 },
      { message: 'States.UUID takes exactly 0 arguments, but was given 1', position: 18 },
      { message: "Unknown intrinsic function 'States.Hsah'. Did you mean 'States.Hash'?", position: 34 },
    ]);
  });

  it('reports optional-argument and variadic arity in words', () => {
    expect(checkIntrinsic('States.MathRandom(1)')[0]?.message).toBe('States.MathRandom takes 2 to 3 arguments, but was given 1');
    expect(checkIntrinsic('States.Format()')[0]?.message).toBe('States.Format takes at least 1 argument, but was given 0');
  });

  it('reports a literal States.Format template whose {} count does not match', () => {
    expect(checkIntrinsic("States.Format('{} {}', $.a)")).toEqual([
      { message: 'States.Format: the template has 2 occurrence(s) of {} but 1 value(s) follow it', position: 0 },
    ]);
  });

  it('reports nesting deeper than 10', () => {
    let text = 'States.UUID()';
    for (let i = 0; i < 10; i++) text = `States.Array(${text})`;
    expect(checkIntrinsic(text)).toEqual([
      { message: 'Intrinsic functions can be nested at most 10 deep; States.UUID is at depth 11', position: 130 },
    ]);
  });

  it('never throws, whatever the text', () => {
    for (const text of ['', ')', "'", 'States.', 'States.Array((', '$$', '\\']) {
      expect(checkIntrinsic(text).length).toBeGreaterThan(0);
    }
  });
});
