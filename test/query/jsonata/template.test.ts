import { describe, expect, it } from 'vitest';
import { DataFlowError } from '../../../src/errors.js';
import { compileJsonataTemplate, JsonataSyntaxError } from '../../../src/query/jsonata/index.js';
import { bindings } from './helpers.js';

async function failure(p: Promise<unknown>): Promise<DataFlowError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DataFlowError);
  return err as DataFlowError;
}

describe('literals', () => {
  it('passes JSON literals through unchanged, including path-like and marker-like strings', async () => {
    const value = [null, 0, 0.1, true, 'string', [], '$nosuchvar', '$.no.such.path', ' {% $x %}', { k: 'v' }];
    await expect(compileJsonataTemplate(value, 'Output')(bindings())).resolves.toEqual(value);
    await expect(compileJsonataTemplate({}, 'Arguments')(bindings())).resolves.toEqual({});
    await expect(compileJsonataTemplate(0, 'Output')(bindings())).resolves.toBe(0);
    await expect(compileJsonataTemplate('plain', 'Output')(bindings())).resolves.toBe('plain');
  });

  it('returns one frozen constant and does not freeze or share the definition', async () => {
    const definition = { a: { b: [1, 2] } };
    const template = compileJsonataTemplate(definition, 'Output');
    const first = (await template(bindings())) as typeof definition;
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.a.b)).toBe(true);
    expect(Object.isFrozen(definition)).toBe(false);
    definition.a.b.push(3);
    expect(await template(bindings())).toEqual({ a: { b: [1, 2] } });
    expect(template(bindings())).toBe(template(bindings())); // the same resolved promise
  });

  it('freezes literal parts of a template that also holds expressions', async () => {
    const result = (await compileJsonataTemplate({ x: '{% 1 %}', lit: { deep: [1] } }, 'Output')(bindings())) as {
      lit: { deep: number[] };
    };
    expect(Object.isFrozen(result.lit.deep)).toBe(true);
  });
});

describe('expressions', () => {
  it('evaluates a whole-field expression', async () => {
    const t = compileJsonataTemplate('{% $states.input.n * 2 %}', 'Seconds');
    await expect(t(bindings({ states: { input: { n: 21 }, context: {} } }))).resolves.toBe(42);
  });

  it('evaluates expressions nested in objects and arrays, keeping keys and order', async () => {
    const t = compileJsonataTemplate(
      { a: 'lit', b: ['{% 1 + 1 %}', 3, { c: '{% $states.input.x %}' }], d: { e: '{% true %}' } },
      'Output',
    );
    const out = await t(bindings({ states: { input: { x: 'X' }, context: {} } }));
    expect(out).toEqual({ a: 'lit', b: [2, 3, { c: 'X' }], d: { e: true } });
    expect(Object.keys(out as object)).toEqual(['a', 'b', 'd']);
  });

  it('keeps a "__proto__" key as data', async () => {
    const def = JSON.parse('{"__proto__": "{% 1 %}", "x": 2}') as unknown;
    const out = (await compileJsonataTemplate(def, 'Output')(bindings())) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'x']);
    expect(JSON.stringify(out)).toBe('{"__proto__":1,"x":2}');
  });

  it('binds each $states member', async () => {
    const states = { input: { i: 1 }, context: { Execution: { Id: 'arn' } }, result: { r: 2 }, errorOutput: { Error: 'E' } };
    const t = compileJsonataTemplate(
      {
        input: '{% $states.input %}',
        context: '{% $states.context.Execution.Id %}',
        result: '{% $states.result.r %}',
        errorOutput: '{% $states.errorOutput.Error %}',
      },
      'Output',
    );
    await expect(t(bindings({ states }))).resolves.toEqual({ input: { i: 1 }, context: 'arn', result: 2, errorOutput: 'E' });
  });

  it('reads workflow variables, including inherited ones, with inner scopes shadowing outer', async () => {
    const outer = { shared: 'outer', onlyOuter: 1 };
    const inner = Object.assign(Object.create(outer) as Record<string, unknown>, { shared: 'inner' });
    const t = compileJsonataTemplate(['{% $shared %}', '{% $onlyOuter %}'], 'Output');
    await expect(t(bindings({ variables: inner }))).resolves.toEqual(['inner', 1]);
  });

  it('accepts frozen variables, and a variable named "states" does not hide $states', async () => {
    const variables = Object.freeze({ states: 'var', partition: 'var', v: 1 });
    const t = compileJsonataTemplate(['{% $states.input %}', '{% $partition([1,2], 1) %}', '{% $v %}'], 'Output');
    await expect(t(bindings({ variables, states: { input: 'in', context: {} } }))).resolves.toEqual(['in', [[1], [2]], 1]);
  });

  it('normalises JSONata sequences to plain arrays', async () => {
    const input = { items: [{ n: 3 }, { n: 9 }] };
    const out = await compileJsonataTemplate('{% $states.input.items.n %}', 'Output')(bindings({ states: { input, context: {} } }));
    expect(out).toEqual([3, 9]);
    expect(Object.getOwnPropertyNames(out)).toEqual(['0', '1', 'length']);
    expect(Object.getPrototypeOf(out)).toBe(Array.prototype);
  });

  it('keeps single-item arrays from the input and variables as arrays', async () => {
    const t = compileJsonataTemplate(['{% $states.input %}', '{% $states.input.a %}', '{% $v %}'], 'Output');
    await expect(t(bindings({ states: { input: { a: [1] }, context: {} }, variables: { v: ['x'] } }))).resolves.toEqual([
      { a: [1] },
      [1],
      ['x'],
    ]);
  });

  it('returns copies that share nothing with the input', async () => {
    const input = { obj: { a: [1] } };
    const out = (await compileJsonataTemplate('{% $states.input.obj %}', 'Output')(
      bindings({ states: { input, context: {} } }),
    )) as { a: number[] };
    expect(out).toEqual({ a: [1] });
    out.a.push(2);
    expect(input.obj.a).toEqual([1]);
  });

  it('evaluates expressions in document order, so injected sources are consumed deterministically', async () => {
    const t = compileJsonataTemplate({ a: '{% $uuid() %}', b: ['{% $uuid() %}'], c: '{% $uuid() %}' }, 'Output');
    await expect(t(bindings())).resolves.toEqual({
      a: '00000000-0000-4000-8000-000000000000',
      b: ['00000000-0000-4000-8000-000000000001'],
      c: '00000000-0000-4000-8000-000000000002',
    });
  });

  it('can be evaluated many times with different bindings', async () => {
    const t = compileJsonataTemplate({ v: '{% $states.input %}' }, 'Output');
    const results = await Promise.all([1, 2, 3].map((input) => t(bindings({ states: { input, context: {} } }))));
    expect(results).toEqual([{ v: 1 }, { v: 2 }, { v: 3 }]);
  });

  it('supports regular expressions and local bindings', async () => {
    await expect(compileJsonataTemplate('{% $contains("hello$world", /^hello\\$/) %}', 'Output')(bindings())).resolves.toBe(true);
    await expect(compileJsonataTemplate('{% ($x := 2; $x * 3) %}', 'Output')(bindings())).resolves.toBe(6);
  });

  it('reads $now()/$millis() from the injected clock when one is given', async () => {
    const t = compileJsonataTemplate(['{% $now() %}', '{% $millis() %}', "{% $now('[Y0001]') %}"], 'Output');
    const clock = Date.UTC(2024, 0, 2, 3, 4, 5, 6);
    await expect(t(bindings({ now: () => clock }))).resolves.toEqual(['2024-01-02T03:04:05.006Z', clock, '2024']);
  });
});

describe('evaluation errors', () => {
  it('fails with AWS cause when an expression returns nothing, naming the nested field path', async () => {
    const err = await failure(compileJsonataTemplate({ result: '{% $doesNotExist %}' }, 'Output')(bindings()));
    expect(err.error).toBe('States.QueryEvaluationError');
    expect(err.cause).toBe(
      "The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).",
    );
  });

  it('names deeper paths with "/" per key and [i] per array item', async () => {
    const err = await failure(compileJsonataTemplate({ a: { b: [1, { c: '{% $nope %}' }] } }, 'Arguments')(bindings()));
    expect(err.cause).toBe(
      "The JSONata expression '$nope' specified for the field 'Arguments/a/b[1]/c' returned nothing (undefined).",
    );
    const top = await failure(compileJsonataTemplate('{% $states.input.missing %}', 'Items')(bindings()));
    expect(top.cause).toContain("'$states.input.missing' specified for the field 'Items' returned nothing");
  });

  it('reports a JSONata runtime error with its code and message', async () => {
    const err = await failure(compileJsonataTemplate({ r: '{% $sum("a") %}' }, 'Output')(bindings()));
    expect(err.error).toBe('States.QueryEvaluationError');
    expect(err.cause).toBe(
      'The JSONata expression \'$sum("a")\' specified for the field \'Output/r\' threw an error during evaluation. T0412: Argument 1 of function "sum" must be an array of "numbers"',
    );
  });

  it('reports calling an unknown function', async () => {
    const err = await failure(compileJsonataTemplate('{% $noSuchFunction(1) %}', 'Output')(bindings()));
    expect(err.cause).toBe(
      "The JSONata expression '$noSuchFunction(1)' specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function",
    );
  });

  it('does not provide $eval (AWS removes it)', async () => {
    const err = await failure(compileJsonataTemplate({ r: '{% $eval("1+1") %}' }, 'Output')(bindings()));
    expect(err.cause).toBe(
      'The JSONata expression \'$eval("1+1")\' specified for the field \'Output/r\' threw an error during evaluation. T1006: Attempted to invoke a non-function',
    );
  });

  it('fails for a function result', async () => {
    for (const expr of ['{% function($x){$x} %}', '{% $sum %}', '{% /abc/ %}', '{% {"f": $sum} %}']) {
      const err = await failure(compileJsonataTemplate(expr, 'Output')(bindings()));
      expect(err.error).toBe('States.QueryEvaluationError');
      expect(err.cause).toMatch(/specified for the field 'Output' returned a value that is not valid JSON: a function$/);
    }
  });

  it('fails for values JSON cannot hold', async () => {
    const err = await failure(compileJsonataTemplate('{% 1/0 %}', 'Output')(bindings()));
    expect(err.cause).toBe(
      "The JSONata expression '1/0' specified for the field 'Output' returned a value that is not valid JSON: Infinity",
    );
    const nested = await failure(compileJsonataTemplate('{% [1, -1/0] %}', 'Output')(bindings()));
    expect(nested.cause).toMatch(/not valid JSON: -Infinity$/);
  });

  it('reports runaway recursion as AWS does', async () => {
    const err = await failure(
      compileJsonataTemplate('{% ($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(1000000)) %}', 'Output')(bindings()),
    );
    expect(err.cause).toMatch(/threw an error during evaluation: Stack overflow error/);
  });

  it('stops an endless tail-recursive loop with a timeout cause', async () => {
    const err = await failure(compileJsonataTemplate('{% ($f := function($n){ $f($n + 1) }; $f(0)) %}', 'Output')(bindings()));
    expect(err.cause).toMatch(/threw an error during evaluation: Expression evaluation timeout: Check for infinite loop$/);
  }, 20_000);

  it('stops at the first failing expression', async () => {
    let calls = 0;
    const t = compileJsonataTemplate({ a: '{% $nope %}', b: '{% $uuid() %}' }, 'Output');
    await failure(t(bindings({ uuid: () => String(++calls) })));
    expect(calls).toBe(0);
  });
});

describe('syntax errors', () => {
  it('throws JsonataSyntaxError at compile time with the expression, field and position', () => {
    let caught: unknown;
    try {
      compileJsonataTemplate({ a: ['{% $x[1,2) %}'] }, 'Output');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(JsonataSyntaxError);
    const err = caught as JsonataSyntaxError;
    expect(err.expression).toBe('$x[1,2)');
    expect(err.field).toBe('Output/a[0]');
    expect(err.code).toBe('S0202');
    expect(err.position).toBeGreaterThan(0);
    expect(err.message).toContain("'$x[1,2)'");
    expect(err.detail).toBe('Expected "]", got ","');
  });

  it('rejects empty expressions', () => {
    expect(() => compileJsonataTemplate('{% %}', 'Output')).toThrow(JsonataSyntaxError);
    expect(() => compileJsonataTemplate('{%%}', 'Output')).toThrow(JsonataSyntaxError);
  });
});
