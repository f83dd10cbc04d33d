import { describe, expect, it } from 'vitest';
import { AslUsageError, StateMachine, VirtualClock } from '../../src/index.js';
import { run } from '../helpers.js';

const J = 'JSONata';
const nestedText = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
const pass = (state: object, extra: object = {}) => ({ StartAt: 'P', ...extra, States: { P: { Type: 'Pass', End: true, ...state } } });

// Issue 11: hostile data never hangs the process, and failures carry AWS error names.
describe('hostile data in Choice rules and expressions', () => {
  it('StringMatches with many stars answers at once against a long input (no backtracking)', async () => {
    const def = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.s', StringMatches: '*a*a*a*b', Next: 'Y' }], Default: 'N' },
        Y: { Type: 'Pass', Result: 'yes', End: true },
        N: { Type: 'Pass', Result: 'no', End: true },
      },
    };
    expect((await run(def, { s: 'a'.repeat(20_000) })).output).toBe('no');
    expect((await run(def, { s: 'a'.repeat(20_000) + 'b' })).output).toBe('yes');
  });

  it('StringMatches keeps AWS escapes: \\* is a literal star, \\\\ a literal backslash', async () => {
    const def = (pattern: string) => ({
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.s', StringMatches: pattern, Next: 'Y' }], Default: 'N' },
        Y: { Type: 'Succeed' },
        N: { Type: 'Fail', Error: 'N' },
      },
    });
    expect((await run(def('*\\**'), { s: 'x*y' })).status).toBe('SUCCEEDED');
    expect((await run(def('*\\**'), { s: 'xy' })).status).toBe('FAILED');
    expect((await run(def('a\\\\*'), { s: 'a\\b' })).status).toBe('SUCCEEDED');
    expect((await run(def('a*b*'), { s: 'ab' })).status).toBe('SUCCEEDED');
    expect((await run(def('*ab*ba*'), { s: 'aba' })).status).toBe('FAILED');
  });

  it('a JSONPath filter .match() with a nested-quantifier regex does not backtrack', async () => {
    const r = await run(pass({ Parameters: { 'hits.$': '$.items[?(@.s.match(/(a+)+$/))]' } }), { items: [{ s: 'a'.repeat(30_000) + '!' }, { s: 'aa' }] });
    expect(r.output).toEqual({ hits: [{ s: 'aa' }] });
  });

  it('a JSONata expression past its size budget fails the state with States.QueryEvaluationError', async () => {
    for (const expr of [
      '{% $count($sort($reverse([1..1000000]))) %}',
      '{% $map($range(1,1000), function($x){ $range(1,10000000) }) %}',
      '{% $count($map([1..1000], function($x){ $count([1..10000000]) })) %}',
    ]) {
      const r = await run(pass({ Output: expr }, { QueryLanguage: J }));
      expect(r.status, expr).toBe('FAILED');
      expect(r.error, expr).toBe('States.QueryEvaluationError');
    }
  });

  it('a filter over items lacking an intermediate field does not match them (Jayway), with no JavaScript error', async () => {
    const r = await run(pass({ Parameters: { 'm.$': '$.a[?(@.b.c == 1)]' } }), { a: [{ x: 1 }, { b: { c: 1 } }, { b: 2 }] });
    expect(r.output).toEqual({ m: [{ b: { c: 1 } }] });
  });

  it('$ inside a filter is the state input', async () => {
    const r = await run(pass({ Parameters: { 'w.$': '$.workers[?(@.workerId == $.agent_id)]' } }), { agent_id: 2, workers: [{ workerId: 1 }, { workerId: 2 }] });
    expect(r.output).toEqual({ w: [{ workerId: 2 }] });
  });
});

describe('one clock', () => {
  it('virtual time stands still while a long JSONata evaluation yields to the event loop', async () => {
    const def = pass({ Output: '{% $sum($map([1..100000], function($x){ $x * 2 })) %}' }, { QueryLanguage: J, TimeoutSeconds: 1 });
    const r = await new StateMachine(def).run({}, { clock: new VirtualClock('2030-01-01T00:00:00Z') });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toBe(10000100000);
  });

  it('JSONata $now() and $millis() read the execution clock', async () => {
    const machine = new StateMachine(pass({ Output: { now: '{% $now() %}', ms: '{% $millis() %}' } }, { QueryLanguage: J }));
    const r = await machine.run({}, { clock: new VirtualClock('2030-01-01T00:00:00Z') });
    expect(r.output).toEqual({ now: '2030-01-01T00:00:00.000Z', ms: Date.parse('2030-01-01T00:00:00Z') });
  });
});

// D17: variables named after Object.prototype members work like any other variable.
describe('variables named after Object.prototype members', () => {
  const names = ['hasOwnProperty', 'constructor', '__proto__', 'toString'];

  it('JSONata: assigned, read back, and later expressions still work', async () => {
    const assign = Object.fromEntries(names.map((n) => [n, `{% '${n}-value' %}`]));
    const read = Object.fromEntries(names.map((n) => [n, `{% $${n} %}`]));
    const def = {
      QueryLanguage: J,
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: assign, Next: 'B' },
        B: { Type: 'Pass', Output: { ...read, input: '{% $states.input %}' }, End: true },
      },
    };
    const r = await run(def, { k: 1 });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toEqual({ ...Object.fromEntries(names.map((n) => [n, `${n}-value`])), input: { k: 1 } });
  });

  it('JSONPath and intrinsics: assigned, read back by path and by States.Format', async () => {
    const assign = Object.fromEntries(names.map((n) => [n, `${n}-value`]));
    const def = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: assign, Next: 'B' },
        B: {
          Type: 'Pass',
          Parameters: { 'own.$': '$hasOwnProperty', 'proto.$': '$__proto__', 'text.$': "States.Format('{} {}', $toString, $constructor)" },
          End: true,
        },
      },
    };
    const r = await run(def, {});
    expect(r.output).toEqual({ own: 'hasOwnProperty-value', proto: '__proto__-value', text: 'toString-value constructor-value' });
  });
});

// D13: deep data and out-of-range numbers give AWS error names and causes in plain words.
describe('no JavaScript internals in causes', () => {
  it('States.StringToJson of text nested 5,000 deep fails with States.Runtime', async () => {
    const r = await run(pass({ Parameters: { 'v.$': 'States.StringToJson($.t)' } }), { t: nestedText(5000) });
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toContain('nested more than 1000 levels deep');
    expect(r.cause).not.toMatch(/RangeError|call stack/);
  });

  it('an execution input of 3,000-deep arrays is refused with a typed error in plain words', () => {
    const machine = new StateMachine(pass({}));
    const input = JSON.parse(nestedText(3000)) as unknown;
    expect(() => machine.start(input)).toThrow(AslUsageError);
    expect(() => machine.start(input)).toThrow('nested more than 1000 levels deep');
  });

  it('a Task handler result nested 2,000 deep fails with States.Runtime, not RangeError', async () => {
    const def = { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::deep', End: true } } };
    const r = await run(def, {}, { handlers: { 'arn:aws:states:::deep': () => JSON.parse(nestedText(2000)) as unknown } });
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toContain('nested more than 1000 levels deep');
  });

  it('Wait SecondsPath beyond a Java long fails as AWS words it; a representable-time overflow says out of range', async () => {
    const wait = { StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$.s', End: true } } };
    const huge = await run(wait, { s: 1.16e191 });
    expect(huge.error).toBe('States.Runtime');
    expect(huge.cause).toContain('The SecondsPath parameter cannot be parsed as a long value: $.s == 1.16e+191');
    const far = await run(wait, { s: 1e14 });
    expect(far.error).toBe('States.Runtime');
    expect(far.cause).toContain('The SecondsPath parameter references a value that is out of range');
  });
});

describe('integer …Path fields', () => {
  const map = (fields: object) => ({
    StartAt: 'M',
    States: { M: { Type: 'Map', ItemsPath: '$.items', ...fields, ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, End: true } },
  });

  it('MaxConcurrencyPath and ToleratedFailureCountPath accept an integer given as a string', async () => {
    const r = await run(map({ MaxConcurrencyPath: '$.c', ToleratedFailureCountPath: '$.t' }), { items: [1, 2], c: '1', t: '0' });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toEqual([1, 2]);
  });

  it('a value that is not an integer gives AWS\'s cause, the value quoted', async () => {
    const r = await run(map({ MaxConcurrencyPath: '$.c' }), { items: [1], c: {} });
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toContain('The MaxConcurrencyPath field refers to value "{}" which is not a valid integer: $.c');
    const s = await run(map({ MaxConcurrencyPath: '$.c' }), { items: [1], c: 'x' });
    expect(s.cause).toContain('refers to value "x" which is not a valid integer');
  });
});
