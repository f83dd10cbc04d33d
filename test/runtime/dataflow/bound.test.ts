/**
 * The payload-size bound the data flow leaves in `frame.outputBound`: a state's exit skips the
 * exact 256 KiB count when the bound is at most the quota, so the bound must never be below
 * the output's real JSON size (`jsonSize`), whatever the fields and the data. -1 means
 * "unknown" and is always allowed; the fixed cases below show it is known where it should be.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Catcher } from '../../../src/definition/types.js';
import { DataFlowError } from '../../../src/errors.js';
import { boundSize } from '../../../src/runtime/dataflow/bound.js';
import { jsonataFlow } from '../../../src/runtime/dataflow/jsonata.js';
import { jsonPathFlow, type JsonPathFields } from '../../../src/runtime/dataflow/jsonpath.js';
import { Frame, type ExecutionEnv } from '../../../src/runtime/frame.js';
import { jsonSize } from '../../../src/runtime/json-size.js';

const flag = globalThis as { __ASL_RUNTIME_NO_CODEGEN__?: boolean };
afterEach(() => {
  delete flag.__ASL_RUNTIME_NO_CODEGEN__;
});

/** A thread with variable `v`; the data flow reads nothing else of its environment here. */
function frameWith(inputBound: number): Frame {
  const variables = Object.create(null) as Record<string, unknown>;
  variables.v = { w: [1, 'two'] };
  const frame = new Frame({} as ExecutionEnv, variables, new AbortController().signal, 'test');
  frame.inputBound = inputBound;
  frame.outputBound = -7; // must be overwritten by every finish
  return frame;
}

const inputArb = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      a: fc.oneof(fc.jsonValue(), fc.record({ b: fc.jsonValue(), c: fc.array(fc.jsonValue()) }, { requiredKeys: [] })),
      n: fc.integer({ min: -2147483648, max: 2147483647 }),
      list: fc.array(fc.jsonValue(), { minLength: 1 }),
      'é"\\\n': fc.string(),
    },
    { requiredKeys: [] },
  ),
  fc.dictionary(fc.constantFrom('a', 'b', '__proto__', 'constructor', 'x y', '😀'), fc.jsonValue()).map((d) => JSON.parse(JSON.stringify(d)) as unknown),
);

const inputPaths = [undefined, '$', null, '$.a', '$.a.b', '$.list[0]', "$['é\"\\\\\\n']", '$..b', '$.list[*]', '$v', '$v.w'];
const templates: unknown[] = [
  undefined,
  { 'n.$': 'States.MathAdd($.n, 1)' },
  { 'x.$': '$', k: [1, { z: 'é' }], 'nested': { 'again.$': '$' } },
  { 'all.$': '$..b', 'var.$': '$v', 'f.$': "States.Format('{}-{}', $, $v.w)" },
  { 'j.$': 'States.JsonToString($)', 'u.$': 'States.Array($, $, $)' },
  [{ 'only.$': '$' }, 'constant'],
];
const resultPaths = [undefined, '$', null, '$.a', '$.a.b.c', '$.list[0]', "$['é\"x']", "$['__proto__']", '$.new', '$.n.deeper'];
const outputPaths = [undefined, '$', null, '$.a', '$.a.b', '$..b', '$v', '$.list[0]'];

type ResultSource = { kind: 'parameters' } | { kind: 'constant'; value: unknown } | { kind: 'work'; value: unknown };

const caseArb = fc.record({
  input: inputArb,
  slack: fc.nat({ max: 100 }),
  codegen: fc.boolean(),
  kind: fc.constantFrom<'result' | 'none'>('result', 'none'),
  InputPath: fc.constantFrom(...inputPaths),
  Parameters: fc.constantFrom(...templates),
  ResultSelector: fc.constantFrom(...templates),
  ResultPath: fc.constantFrom(...resultPaths),
  OutputPath: fc.constantFrom(...outputPaths),
  source: fc.oneof(
    fc.constant<ResultSource>({ kind: 'parameters' }),
    fc.jsonValue().map((value): ResultSource => ({ kind: 'constant', value })),
    fc.jsonValue().map((value): ResultSource => ({ kind: 'work', value })),
  ),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

/** Runs the flow as a state would; undefined when the data does not fit the paths (a States.* failure). */
function run(c: Case): { output: unknown; bound: number } | undefined {
  if (!c.codegen) flag.__ASL_RUNTIME_NO_CODEGEN__ = true;
  const fields: Record<string, unknown> = {};
  for (const key of ['InputPath', 'Parameters', 'ResultSelector', 'ResultPath', 'OutputPath'] as const) {
    if (c[key] !== undefined) fields[key] = c[key];
  }
  if (c.source.kind === 'constant') fields.Result = c.source.value;
  const flow = jsonPathFlow(fields as JsonPathFields, c.kind);
  delete flag.__ASL_RUNTIME_NO_CODEGEN__;
  const frame = frameWith(jsonSize(c.input) + c.slack);
  try {
    const selected = flow.select(c.input, frame);
    const params = flow.parameters(selected, c.input, frame);
    const result = c.source.kind === 'parameters' ? params : c.source.value;
    const output = flow.finish(c.input, selected, result, frame);
    return { output, bound: frame.outputBound };
  } catch (e) {
    if (e instanceof DataFlowError) return undefined;
    throw e;
  }
}

describe('frame.outputBound after a JSONPath finish', () => {
  it('is never below the exact JSON size of the output (property)', () => {
    let known = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = run(c);
        if (!r) return;
        expect(r.bound).not.toBe(-7);
        if (r.bound === -1) return;
        known++;
        expect(r.bound).toBeGreaterThanOrEqual(jsonSize(r.output));
      }),
      { numRuns: 600 },
    );
    // The property is checked on many cases, not vacuously on unknown bounds.
    expect(known).toBeGreaterThan(50);
  }, 60_000);

  it("holds when a Choice hands a rule's flow the value its own InputPath picked (property)", () => {
    // choice.ts builds each rule's flow from { Assign, OutputPath } only, then passes it the
    // state's selected input, which need not lie within the raw input (`"InputPath": "$$"`).
    fc.assert(
      fc.property(inputArb, inputArb, fc.constantFrom(...outputPaths), (raw, selected, OutputPath) => {
        const flow = jsonPathFlow(OutputPath === undefined ? {} : { OutputPath }, 'none');
        const frame = frameWith(jsonSize(raw));
        let output: unknown;
        try {
          output = flow.finish(raw, selected, undefined, frame);
        } catch (e) {
          if (e instanceof DataFlowError) return;
          throw e;
        }
        if (frame.outputBound !== -1) expect(frame.outputBound).toBeGreaterThanOrEqual(jsonSize(output));
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('after a Catch is never below the exact size either (property)', () => {
    const errorOutput = { Error: 'States.TaskFailed', Cause: 'é "quoted" \n' };
    fc.assert(
      fc.property(inputArb, fc.constantFrom(...resultPaths), fc.nat({ max: 50 }), (input, ResultPath, slack) => {
        const catcher = (ResultPath === undefined ? { ErrorEquals: ['States.ALL'], Next: 'X' } : { ErrorEquals: ['States.ALL'], Next: 'X', ResultPath }) as Catcher;
        const flow = jsonPathFlow({}, 'result', [catcher]);
        const frame = frameWith(jsonSize(input) + slack);
        let output: unknown;
        try {
          output = flow.caught(catcher, input, errorOutput, frame);
        } catch (e) {
          if (e instanceof DataFlowError) return;
          throw e;
        }
        expect(frame.outputBound).not.toBe(-7);
        if (frame.outputBound !== -1) expect(frame.outputBound).toBeGreaterThanOrEqual(jsonSize(output));
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('is known (not -1) for the common shapes', () => {
    const input = { counter: { n: 41 }, other: 'x'.repeat(100) };
    const exact = jsonSize(input);
    // A Pass that passes its input on: the input's own bound.
    const identity = jsonPathFlow({}, 'result');
    let frame = frameWith(exact);
    identity.finish(input, identity.select(input, frame), identity.parameters(identity.select(input, frame), input, frame), frame);
    expect(frame.outputBound).toBe(exact);
    // A Pass with a template written into the input: input + what was built + the path's key.
    const chain = jsonPathFlow({ Parameters: { 'n.$': 'States.MathAdd($.counter.n, 1)' }, ResultPath: '$.counter' }, 'result');
    frame = frameWith(exact);
    const built = chain.parameters(chain.select(input, frame), input, frame);
    const out = chain.finish(input, input, built, frame);
    expect(out).toEqual({ counter: { n: 42 }, other: 'x'.repeat(100) });
    expect(frame.outputBound).toBeGreaterThanOrEqual(jsonSize(out));
    expect(frame.outputBound).toBe(exact + jsonSize({ n: 42 }) + '"counter"'.length + 3);
    // Choice/Wait/Succeed pass on what InputPath picked; a null OutputPath gives {}.
    const choice = jsonPathFlow({ OutputPath: null }, 'none');
    frame = frameWith(exact);
    expect(choice.finish(input, input, undefined, frame)).toEqual({});
    expect(frame.outputBound).toBe(2);
    // Pass with Result: the constant's size, counted once.
    const result = { fixed: [1, 2, 3] };
    const pass = jsonPathFlow({ Result: result }, 'result');
    frame = frameWith(exact);
    pass.finish(input, input, result, frame);
    expect(frame.outputBound).toBe(jsonSize(result));
  });

  it('is unknown where the output is not part of the input (context, variables, lists built by wildcards)', () => {
    const input = { a: { b: 1 }, c: [{ b: 2 }] };
    for (const fields of [{ InputPath: '$v' }, { OutputPath: '$..b' }, { InputPath: '$.c[*]' }]) {
      const flow = jsonPathFlow(fields, 'none');
      const frame = frameWith(jsonSize(input));
      flow.finish(input, flow.select(input, frame), undefined, frame);
      expect(frame.outputBound, JSON.stringify(fields)).toBe(-1);
    }
  });
});

describe('boundSize', () => {
  it('is jsonSize for numbers (its integer path makes no string)', () => {
    for (const n of [0, -0, 9, 10, -9, -10, 99, 100, 2147483647, -2147483648, 1e21, 0.5, NaN, Infinity]) {
      expect(boundSize(n), String(n)).toBe(jsonSize(n));
    }
    fc.assert(fc.property(fc.oneof(fc.integer(), fc.double()), (n) => boundSize(n) === jsonSize(n)));
  });

  it('counts what JSON cannot hold as null, so array items are never undercounted', () => {
    expect(boundSize(undefined)).toBe(jsonSize([undefined]) - 2);
    expect(boundSize({ a: [1, 'é'] })).toBe(jsonSize({ a: [1, 'é'] }));
  });
});

describe('frame.outputBound after a JSONata finish', () => {
  it('is the input bound when the input passes on unchanged, else unknown', () => {
    const input = { a: 1 };
    let frame = frameWith(jsonSize(input));
    expect(jsonataFlow({}, 'none').finish(input, input, undefined, frame)).toBe(input);
    expect(frame.outputBound).toBe(jsonSize(input));
    frame = frameWith(jsonSize(input));
    jsonataFlow({}, 'result').finish(input, input, { big: 'result' }, frame);
    expect(frame.outputBound).toBe(-1);
  });
});
