import { afterEach, describe, expect, it } from 'vitest';
import { DataFlowError } from '../../../src/errors.js';
import { compileJsonataTemplate, type JsonataBindings } from '../../../src/query/jsonata/index.js';
import { evaluationLimits } from '../../../src/query/jsonata/guard.js';
import { bindings } from './helpers.js';

function run(expr: string, extra: Partial<JsonataBindings> = {}): Promise<unknown> {
  return compileJsonataTemplate(`{% ${expr} %}`, 'Output')(bindings(extra));
}

async function cause(expr: string, extra: Partial<JsonataBindings> = {}): Promise<string> {
  const err = await run(expr, extra).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DataFlowError);
  expect((err as DataFlowError).error).toBe('States.QueryEvaluationError');
  return (err as DataFlowError).cause;
}

const input = (s: unknown): Partial<JsonataBindings> => ({ states: { input: { s }, context: {} } });

// Author-written regular expressions run on a linear-time engine (RE2): a pattern that
// backtracks catastrophically elsewhere answers at once here, with the same results.
describe('JSONata regular expressions', () => {
  const evil = 'a'.repeat(30_000) + '!';

  it('$match, $contains, $replace and $split with a nested-quantifier pattern do not backtrack', async () => {
    await expect(run('$match($states.input.s, /(a+)+$/)', input(evil))).rejects.toThrow(/returned nothing/);
    await expect(run('$contains($states.input.s, /(a+)+$/)', input(evil))).resolves.toBe(false);
    await expect(run("$replace($states.input.s, /(a+)+b/, 'x') = $states.input.s", input(evil))).resolves.toBe(true);
    await expect(run('$count($split($states.input.s, /(a|aa)+b/))', input(evil))).resolves.toBe(1);
  });

  it('keeps JSONata results: offsets, groups, flags, $n substitutions and every match', async () => {
    await expect(run('$match("ab12cd345", /[0-9]+/)')).resolves.toEqual([
      { match: '12', index: 2, groups: [] },
      { match: '345', index: 6, groups: [] },
    ]);
    await expect(run('$match("key=val", /(\\w+)=(\\w+)/).groups')).resolves.toEqual(['key', 'val']);
    await expect(run('$contains("HELLO", /hello/i)')).resolves.toBe(true);
    await expect(run('$replace("2024-01-02", /(\\d+)-(\\d+)-(\\d+)/, "$3/$2/$1")')).resolves.toBe('02/01/2024');
    await expect(run('$split("a1b22c", /[0-9]+/)')).resolves.toEqual(['a', 'b', 'c']);
    await expect(run('"x😀y" ~> $match(/y/)')).resolves.toEqual({ match: 'y', index: 3, groups: [] });
    // A group that did not take part is undefined (null in JSON), as with JavaScript's engine.
    await expect(run('$match("ab", /(x)?b/).groups')).resolves.toEqual([null]);
  });

  it('a pattern RE2 cannot run (backreference, lookahead) fails the state with a clear cause', async () => {
    expect(await cause('$match("aa", /(a)\\1/)')).toContain('uses a backreference, which the linear-time regex engine (RE2) does not support');
    expect(await cause('$contains("ab", /a(?=b)/)')).toContain('uses a lookahead');
  });

  it('an unsupported pattern that is never used does not fail the expression', async () => {
    await expect(run('false ? $match("aa", /(a)\\1/) : "ok"')).resolves.toBe('ok');
  });
});

// Budgets: a runaway expression fails the state with States.QueryEvaluationError instead of
// exhausting memory or blocking the process (AWS: "Expression evaluation timeout").
describe('JSONata evaluation budgets', () => {
  afterEach(() => {
    evaluationLimits.maxMilliseconds = 5_000;
  });

  it('fails $sort of a million items on the sort limit', async () => {
    expect(await cause('$count($sort($reverse([1..1000000])))')).toContain('$sort: the array holds 1000000 items, more than the limit of 100000');
  });

  it('fails $map over 10-million-item ranges on the size budget', async () => {
    expect(await cause('$map($range(1,1000), function($x){ $range(1,10000000) })')).toContain('more than the limit of 1000000');
  });

  it('fails counting 10-million-item range operators on the size budget', async () => {
    expect(await cause('$count($map([1..1000], function($x){ $count([1..10000000]) }))')).toContain(
      'Memory limit exceeded: an array of 10000000 items',
    );
  });

  it('fails a string that outgrows the size budget', async () => {
    expect(await cause('$reduce([1..30], function($acc, $x){ $acc & $acc }, "ab")')).toContain('Memory limit exceeded: a string of');
  });

  it('fails an evaluation past its time budget with AWS\'s timeout cause', async () => {
    evaluationLimits.maxMilliseconds = 0;
    expect(await cause('$sum($map([1..5000], function($x){ $x * 2 }))')).toContain('Expression evaluation timeout: Check for infinite loop');
  });

  it('ends a slow order-by (jsonata sorts in quadratic time) on the time budget', async () => {
    evaluationLimits.maxMilliseconds = 50;
    expect(await cause('$count([1..20000]^(-$))')).toContain('Expression evaluation timeout');
    evaluationLimits.maxMilliseconds = 5_000;
    await expect(run('[3,1,2]^(-$)')).resolves.toEqual([3, 2, 1]);
  });
});

describe('$sort', () => {
  it('sorts numbers and strings, and is stable with a comparator', async () => {
    await expect(run('$sort([3,1,2])')).resolves.toEqual([1, 2, 3]);
    await expect(run('$sort(["b","a","c"])')).resolves.toEqual(['a', 'b', 'c']);
    await expect(
      run('$sort([{"k":2,"n":"a"},{"k":1,"n":"b"},{"k":2,"n":"c"},{"k":1,"n":"d"}], function($l,$r){ $l.k > $r.k }).n'),
    ).resolves.toEqual(['b', 'd', 'a', 'c']);
  });

  it('sorts 100,000 items, its limit (jsonata\'s own sort would need minutes)', async () => {
    await expect(run('$sort($reverse([1..100000]))[99999]')).resolves.toBe(100000);
    await expect(run('$sort($reverse([1..3000]), function($a, $b){ $a > $b })[2999]')).resolves.toBe(3000);
  });

  it('refuses a mixed array without a comparator, as JSONata does (D3070)', async () => {
    expect(await cause('$sort([1,"a"])')).toContain('D3070');
  });
});

// One clock: $now() and $millis() read the execution's clock when one is given.
describe('$now and $millis', () => {
  it('read the injected clock', async () => {
    const now = () => Date.parse('2030-01-01T00:00:00Z');
    await expect(run('$now()', { now })).resolves.toBe('2030-01-01T00:00:00.000Z');
    await expect(run('$millis()', { now })).resolves.toBe(now());
  });
});

// D17: variable names that are Object.prototype members behave like any other name.
describe('variables named after Object.prototype members', () => {
  const names = ['hasOwnProperty', 'constructor', '__proto__', 'toString', 'valueOf'];

  it('read back and do not break other variables or $states', async () => {
    const variables: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const name of names) Object.defineProperty(variables, name, { value: { v: name }, enumerable: true });
    variables.plain = 1;
    for (const name of names) await expect(run(`$${name}.v`, { variables })).resolves.toBe(name);
    await expect(run('$plain + 1', { variables })).resolves.toBe(2);
    await expect(run('$states.input', { variables })).resolves.toEqual({});
  });

  it('can be bound inside an expression', async () => {
    await expect(run('($hasOwnProperty := 1; $__proto__ := {"a": 2}; $hasOwnProperty + $__proto__.a)')).resolves.toBe(3);
  });
});

// D2: a long evaluation lets timers run (a stop() or a timeout is not held up until it ends).
describe('long evaluations', () => {
  it('yield to the event loop while they run', async () => {
    let timerRan = false;
    let timerRanBeforeEnd = false;
    setTimeout(() => {
      timerRan = true;
    }, 0);
    await run('$sum($map([1..100000], function($x){ $x * 2 }))').then(() => {
      timerRanBeforeEnd = timerRan;
    });
    expect(timerRanBeforeEnd).toBe(true);
  });
});
