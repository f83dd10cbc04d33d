import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

const choice = (rule: object, extra: object = {}) => ({
  StartAt: 'C',
  States: {
    C: { Type: 'Choice', Choices: [{ ...rule, Next: 'Yes' }], Default: 'No', ...extra },
    Yes: { Type: 'Pass', Result: 'yes', End: true },
    No: { Type: 'Pass', Result: 'no', End: true },
  },
});

async function pick(rule: object, input: unknown): Promise<unknown> {
  return (await run(choice(rule, {}), input)).output;
}

// AWS "Choice workflow state": comparison operators, type tests, And/Or/Not, Default.
describe('Choice state', () => {
  it('compares strings, numbers, booleans and timestamps against literals', async () => {
    expect(await pick({ Variable: '$.s', StringEquals: 'a' }, { s: 'a' })).toBe('yes');
    expect(await pick({ Variable: '$.s', StringLessThan: 'b' }, { s: 'a' })).toBe('yes');
    expect(await pick({ Variable: '$.s', StringGreaterThanEquals: 'b' }, { s: 'a' })).toBe('no');
    expect(await pick({ Variable: '$.n', NumericEquals: 3 }, { n: 3 })).toBe('yes');
    expect(await pick({ Variable: '$.n', NumericLessThanEquals: 2.5 }, { n: 3 })).toBe('no');
    expect(await pick({ Variable: '$.n', NumericGreaterThan: 2 }, { n: 3 })).toBe('yes');
    expect(await pick({ Variable: '$.b', BooleanEquals: false }, { b: false })).toBe('yes');
    expect(await pick({ Variable: '$.t', TimestampLessThan: '2024-01-02T00:00:00Z' }, { t: '2024-01-01T23:59:59+00:00' })).toBe('yes');
    expect(await pick({ Variable: '$.t', TimestampEquals: '2024-01-01T01:00:00+01:00' }, { t: '2024-01-01T00:00:00Z' })).toBe('yes');
  });

  it('a value of the wrong type never matches (no error)', async () => {
    expect(await pick({ Variable: '$.n', NumericEquals: 42 }, { n: '42' })).toBe('no');
    expect(await pick({ Variable: '$.s', StringEquals: 'true' }, { s: true })).toBe('no');
    expect(await pick({ Variable: '$.t', TimestampEquals: '2024-01-01T00:00:00Z' }, { t: 'yesterday' })).toBe('no');
  });

  it('compares against another path with the …Path operators', async () => {
    expect(await pick({ Variable: '$.a', NumericLessThanPath: '$.b' }, { a: 1, b: 2 })).toBe('yes');
    expect(await pick({ Variable: '$.a', StringEqualsPath: '$.b' }, { a: 'x', b: 'y' })).toBe('no');
    expect(await pick({ Variable: '$.a', BooleanEqualsPath: '$$.Execution.Input.flag' }, { a: true, flag: true })).toBe('yes');
  });

  it('tests types and presence', async () => {
    expect(await pick({ Variable: '$.x', IsNull: true }, { x: null })).toBe('yes');
    expect(await pick({ Variable: '$.x', IsPresent: false }, {})).toBe('yes');
    expect(await pick({ Variable: '$.x', IsNumeric: true }, { x: 1.5 })).toBe('yes');
    expect(await pick({ Variable: '$.x', IsString: true }, { x: 1 })).toBe('no');
    expect(await pick({ Variable: '$.x', IsBoolean: true }, { x: false })).toBe('yes');
    expect(await pick({ Variable: '$.x', IsTimestamp: true }, { x: '2016-08-18T17:33:00Z' })).toBe('yes');
    expect(await pick({ Variable: '$.x', IsTimestamp: true }, { x: '2016-08-18 17:33:00Z' })).toBe('no');
  });

  it('StringMatches supports * wildcards and escaped \\* and \\\\', async () => {
    expect(await pick({ Variable: '$.f', StringMatches: 'log-*.txt' }, { f: 'log-2024.txt' })).toBe('yes');
    expect(await pick({ Variable: '$.f', StringMatches: 'a\\*b' }, { f: 'a*b' })).toBe('yes');
    expect(await pick({ Variable: '$.f', StringMatches: 'a\\*b' }, { f: 'axxb' })).toBe('no');
    expect(await pick({ Variable: '$.f', StringMatches: 'c:\\\\*' }, { f: 'c:\\dir' })).toBe('yes');
  });

  it('combines rules with And, Or and Not', async () => {
    const rule = { And: [{ Variable: '$.n', NumericGreaterThan: 0 }, { Not: { Variable: '$.n', NumericEquals: 5 } }, { Or: [{ Variable: '$.s', StringEquals: 'a' }, { Variable: '$.s', StringEquals: 'b' }] }] };
    expect(await pick(rule, { n: 1, s: 'b' })).toBe('yes');
    expect(await pick(rule, { n: 5, s: 'b' })).toBe('no');
  });

  it('the first matching rule wins; its output is the (filtered) input', async () => {
    const r = await run(
      {
        StartAt: 'C',
        States: {
          C: { Type: 'Choice', InputPath: '$.in', Choices: [{ Variable: '$.v', NumericGreaterThan: 0, Next: 'A' }, { Variable: '$.v', NumericGreaterThan: 1, Next: 'B' }] },
          A: { Type: 'Succeed' },
          B: { Type: 'Fail', Error: 'B' },
        },
      },
      { in: { v: 2 }, other: true },
    );
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: { v: 2 } });
    expect(r.types).toEqual(['ExecutionStarted', 'ChoiceStateEntered', 'ChoiceStateExited', 'SucceedStateEntered', 'SucceedStateExited', 'ExecutionSucceeded']);
  });

  it('fails with States.NoChoiceMatched when nothing matches and there is no Default', async () => {
    const r = await run({ StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.v', IsPresent: true, Next: 'X' }] }, X: { Type: 'Succeed' } } }, {});
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.NoChoiceMatched' });
  });

  // AWS Choice docs: "If the state input doesn't contain the $.type field, the execution fails
  // and an error is displayed in the execution history."
  it('fails with States.Runtime when a compared variable does not exist', async () => {
    const r = await run(choice({ Variable: '$.missing', NumericEquals: 1 }), {});
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(r.cause).toContain("'$.missing'");
  });

  it('runs a 100,000-iteration loop without growing the stack', async () => {
    const r = await run(
      {
        StartAt: 'Check',
        States: {
          Check: { Type: 'Choice', Choices: [{ Variable: '$.i', NumericGreaterThanEquals: 100000, Next: 'Done' }], Default: 'Inc' },
          Inc: { Type: 'Pass', Parameters: { 'i.$': 'States.MathAdd($.i, 1)' }, Next: 'Check' },
          Done: { Type: 'Succeed' },
        },
      },
      { i: 0 },
      // No history quota here: AWS would stop this loop at 25,000 events (see execution.test.ts).
      { includeExecutionData: false, maxHistoryEvents: Infinity },
    );
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: { i: 100000 } });
  }, 60_000);
});
