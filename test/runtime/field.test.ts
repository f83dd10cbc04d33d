import { describe, expect, it } from 'vitest';
import { compileField } from '../../src/runtime/dataflow/field.js';
import { mapCount, taskSeconds, waitSeconds } from '../../src/runtime/dataflow/field-types.js';
import type { Frame } from '../../src/runtime/frame.js';
import { isPromise } from '../../src/runtime/maybe.js';
import { run } from '../helpers.js';

/** Just enough of a Frame for literal and JSONPath reads: a scope over the input and a clock. */
const scope = (input: unknown) => ({ input, context: {}, variables: {} });
const frame = {
  scope,
  transientScope: scope,
  now: () => 1_000,
} as unknown as Frame;

describe('compileField (literal / …Path / {% %})', () => {
  it('is absent when neither the field nor its …Path twin is set', () => {
    expect(compileField({ field: 'TimeoutSeconds', literal: undefined, path: undefined, jsonata: false }, taskSeconds)).toBeUndefined();
  });

  it('reads literals and paths synchronously (no promise on the hot path)', () => {
    const literal = compileField({ field: 'MaxConcurrency', literal: 3, jsonata: false }, mapCount)!;
    const path = compileField({ field: 'MaxConcurrency', literal: undefined, path: '$.n', jsonata: false }, mapCount)!;
    const a = literal({}, {}, frame);
    const b = path({ n: 4 }, {}, frame);
    expect(isPromise(a) || isPromise(b)).toBe(false);
    expect([a, b]).toEqual([3, 4]);
  });

  it('reads a …Path from the effective input, not the raw input', () => {
    const read = compileField({ field: 'Seconds', literal: undefined, path: '$.s', jsonata: false }, waitSeconds)!;
    expect(read({ s: 2 }, { s: 99 }, frame)).toBe(3_000);
  });

  it('checks an expression result against the field type (AWS: TimeoutSeconds is a positive integer)', async () => {
    const task = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: {}, TimeoutSeconds: '{% 0 %}', End: true };
    const r = await run({ QueryLanguage: 'JSONata', StartAt: 'T', States: { T: task } }, {});
    expect(r.error).toBe('States.QueryEvaluationError');
    expect(r.cause).toContain("The JSONata expression '0' specified for the field 'TimeoutSeconds' returned an unexpected result type. Expected 'positive integer', but was 'number' for value: 0");
  });
});

// AWS "Wait workflow state" with JSONata: Timestamp must evaluate to a timestamp string. The
// cause names the JSON type of the result, so null is 'null' (not JavaScript's 'object').
describe('typed results name the JSON type', () => {
  it('a Timestamp expression that gives null', async () => {
    const r = await run({ QueryLanguage: 'JSONata', StartAt: 'W', States: { W: { Type: 'Wait', Timestamp: '{% null %}', End: true } } }, {});
    expect(r.error).toBe('States.QueryEvaluationError');
    expect(r.cause).toContain("specified for the field 'Timestamp' returned an unexpected result type. Expected 'timestamp', but was 'null' for value: null");
  });

  it('a Timestamp expression that gives an array', async () => {
    const r = await run({ QueryLanguage: 'JSONata', StartAt: 'W', States: { W: { Type: 'Wait', Timestamp: '{% [1] %}', End: true } } }, {});
    expect(r.cause).toContain("Expected 'timestamp', but was 'array' for value: [1]");
  });
});
