import { describe, expect, it } from 'vitest';
import { testState } from '../../src/testing/index.js';
import { run } from '../helpers.js';

// AWS "Pass workflow state" and "Processing input and output".
describe('Pass state', () => {
  it('passes its input through by default', async () => {
    const r = await run({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, { a: 1 });
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: { a: 1 } });
    expect(r.types).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });

  it('Result replaces the input, then ResultPath merges it into the raw input', async () => {
    const r = await run(
      { StartAt: 'P', States: { P: { Type: 'Pass', Result: { x: 1 }, ResultPath: '$.res', End: true } } },
      { keep: true },
    );
    expect(r.output).toEqual({ keep: true, res: { x: 1 } });
  });

  it('Result is static: paths in it are not evaluated', async () => {
    const r = await run({ StartAt: 'P', States: { P: { Type: 'Pass', Result: { 'a.$': '$.x' }, End: true } } }, { x: 1 });
    expect(r.output).toEqual({ 'a.$': '$.x' });
  });

  it('applies InputPath, then Parameters, then ResultPath against the raw input, then OutputPath', async () => {
    const r = await run(
      {
        StartAt: 'P',
        States: {
          P: {
            Type: 'Pass',
            InputPath: '$.in',
            Parameters: { 'doubled.$': 'States.MathAdd($.n, $.n)' },
            ResultPath: '$.out',
            OutputPath: '$.out',
            End: true,
          },
        },
      },
      { in: { n: 4 }, other: 1 },
    );
    expect(r.output).toEqual({ doubled: 8 });
  });

  it('InputPath null gives {} and ResultPath null keeps the raw input', async () => {
    const a = await run({ StartAt: 'P', States: { P: { Type: 'Pass', InputPath: null, End: true } } }, { a: 1 });
    expect(a.output).toEqual({});
    const b = await run({ StartAt: 'P', States: { P: { Type: 'Pass', Result: 1, ResultPath: null, End: true } } }, { a: 1 });
    expect(b.output).toEqual({ a: 1 });
  });

  it('fails with States.Runtime and AWS cause when InputPath matches nothing', async () => {
    const r = await run({ StartAt: 'pass', States: { pass: { Type: 'Pass', InputPath: '$.nope', End: true } } }, { a: 1 });
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toBe("An error occurred while executing the state 'pass' (entered at the event id #2). Invalid path '$.nope' : No results for path: $['nope']");
    expect(r.types).toEqual(['ExecutionStarted', 'PassStateEntered', 'ExecutionFailed']);
  });

  it('fails with States.DataLimitExceeded when its output is over 256 KiB', async () => {
    const r = await run({ StartAt: 'P', States: { P: { Type: 'Pass', Result: 'x'.repeat(262_144), End: true } } });
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(r.cause).toContain("'P'");
  });

  it('treats __proto__ in inputs and templates as plain data', async () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}}');
    // JSON.parse, because an object literal's __proto__ key would set the prototype instead.
    const def = JSON.parse('{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"x.$":"$","__proto__":{"y":1}},"End":true}}}');
    const r = await run(def, input);
    expect(r.status).toBe('SUCCEEDED');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(r.output as object).sort()).toEqual(['__proto__', 'x']);
  });

  // A plain run takes Pass's fused data flow; testState's inspector takes the step-by-step one.
  // Both must give AWS's output ("Processing input and output": InputPath → Parameters or
  // Result → ResultPath over the raw input → OutputPath).
  const input = { in: { n: 4, s: 'a' }, other: 1 };
  const cases: [string, object, unknown][] = [
    ['no fields', {}, input],
    ['InputPath only', { InputPath: '$.in' }, { n: 4, s: 'a' }],
    ['InputPath null', { InputPath: null }, {}],
    ['Result replaces', { Result: { r: 1 } }, { r: 1 }],
    ['Result under ResultPath', { Result: [1], ResultPath: '$.in.r' }, { in: { n: 4, s: 'a', r: [1] }, other: 1 }],
    ['ResultPath null discards', { Result: 1, ResultPath: null }, input],
    ['Parameters with an intrinsic', { Parameters: { 'n.$': 'States.MathAdd($.in.n, 1)', k: 'x' } }, { n: 5, k: 'x' }],
    [
      'InputPath, Parameters, ResultPath over the raw input, OutputPath',
      { InputPath: '$.in', Parameters: { 'v.$': '$.s' }, ResultPath: '$.out', OutputPath: '$.out' },
      { v: 'a' },
    ],
    ['ResultPath overwrites a key', { InputPath: '$.in.n', ResultPath: '$.other' }, { in: { n: 4, s: 'a' }, other: 4 }],
  ];
  it.each(cases)('%s: the same output with and without an inspector', async (_name, fields, expected) => {
    const state = { Type: 'Pass', ...fields, End: true };
    const plain = await run({ StartAt: 'P', States: { P: state } }, input);
    expect(plain).toMatchObject({ status: 'SUCCEEDED', output: expected });
    const inspected = await testState(state, { input, inspectionLevel: 'DEBUG' });
    expect(inspected).toMatchObject({ status: 'SUCCEEDED', output: expected });
  });

  it('fails with States.Runtime from the fused data flow as from the step-by-step one', async () => {
    const state = { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.missing, 1)' }, End: true };
    const plain = await run({ StartAt: 'P', States: { P: state } }, { a: 1 });
    const reason = `The function 'States.MathAdd($.missing, 1)' had the following error: The JsonPath argument for the field '$.missing' could not be found in the input '{"a":1}'`;
    expect(plain).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: `An error occurred while executing the state 'P' (entered at the event id #2). ${reason}`,
    });
    expect(plain.types).toEqual(['ExecutionStarted', 'PassStateEntered', 'ExecutionFailed']);
    // testState runs the state under the name TestState.
    const inspected = await testState(state, { input: { a: 1 }, inspectionLevel: 'DEBUG' });
    expect(inspected).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: `An error occurred while executing the state 'TestState' (entered at the event id #2). ${reason}`,
    });
  });
});
