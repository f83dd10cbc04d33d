/**
 * Per-state checks, each fixture written from the AWS Step Functions developer guide pages for
 * the state type (Task, Wait, Fail, Map, Parallel, Choice) and "Handling errors" (Retry/Catch).
 */
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/validate/index.js';
import { errors, LAMBDA, single } from './helpers.js';

const itemProcessor = { StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } };

describe('type and query-language dispatch', () => {
  it('suggests a state type', () => {
    const result = validate(single({ Type: 'Tsk', Resource: LAMBDA, End: true }));
    expect(result.diagnostics.map((d) => `${d.code} ${d.location}`)).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Type']);
    expect(result.diagnostics[0]?.message).toContain("'Task'");
    expect(result.diagnostics[0]?.stateName).toBe('S');
  });

  it('requires Type', () => {
    expect(errors(single({ End: true }))).toContain('SCHEMA_VALIDATION_FAILED /States/S');
  });

  it("suggests 'Items' for a Map state's 'Item' field (JSONata)", () => {
    const result = validate(single({ Type: 'Map', Item: [1, 2], ItemProcessor: itemProcessor, End: true }, { QueryLanguage: 'JSONata' }));
    expect(result.diagnostics.map((d) => `${d.code} ${d.location}`)).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Item']);
    expect(result.diagnostics[0]?.message).toMatch(/Map state 'S' has no field 'Item'; did you mean 'Items'\?/);
  });

  it("names the JSONata counterpart of 'Parameters'", () => {
    const result = validate(single({ Type: 'Task', Resource: LAMBDA, Parameters: {}, End: true }, { QueryLanguage: 'JSONata' }));
    expect(result.diagnostics.map((d) => `${d.code} ${d.location}`)).toEqual(['FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE /States/S/Parameters']);
    expect(result.diagnostics[0]?.message).toContain("'Arguments'");
  });

  it("rejects 'Arguments' in a JSONPath state", () => {
    expect(errors(single({ Type: 'Task', Resource: LAMBDA, Arguments: {}, End: true }))).toEqual(['FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE /States/S/Arguments']);
  });

  it('a JSONPath machine may contain JSONata states', () => {
    const def = { StartAt: 'A', States: { A: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input %}', Next: 'B' }, B: { Type: 'Pass', InputPath: '$.x', End: true } } };
    expect(errors(def)).toEqual([]);
  });

  it('a JSONata machine may not contain JSONPath states', () => {
    expect(errors(single({ Type: 'Pass', QueryLanguage: 'JSONPath', End: true }, { QueryLanguage: 'JSONata' }))).toEqual(['FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE /States/S/QueryLanguage']);
  });

  it('checks nested states with the nested language', () => {
    const def = single({ Type: 'Map', Items: '{% $states.input.list %}', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', Result: 1, End: true } } }, End: true }, { QueryLanguage: 'JSONata' });
    expect(errors(def)).toEqual(['FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE /States/S/ItemProcessor/States/I/Result']);
  });

  it('reports a Choice state with Next as a field it cannot have', () => {
    expect(errors({ StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', IsNull: true, Next: 'D' }], Next: 'D' }, D: { Type: 'Succeed' } } }))
      .toEqual(['SCHEMA_VALIDATION_FAILED /States/C/Next']);
  });
});

describe('field types and ranges (schema)', () => {
  it('Task requires Resource', () => {
    expect(errors(single({ Type: 'Task', End: true }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S']);
  });

  it('TimeoutSeconds must be a positive integer', () => {
    expect(errors(single({ Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 0, End: true }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/TimeoutSeconds']);
    expect(errors(single({ Type: 'Task', Resource: LAMBDA, TimeoutSeconds: '5', End: true }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/TimeoutSeconds']);
  });

  it('JSONata fields take a literal or an expression', () => {
    expect(errors(single({ Type: 'Task', Resource: LAMBDA, TimeoutSeconds: '{% $states.input.t %}', End: true }, { QueryLanguage: 'JSONata' }))).toEqual([]);
    expect(errors(single({ Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 'soon', End: true }, { QueryLanguage: 'JSONata' }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/TimeoutSeconds']);
  });

  it('Fail Error and Cause are strings', () => {
    expect(errors(single({ Type: 'Fail', Error: 42, Cause: 'x' }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Error']);
  });

  it('Map MaxConcurrency is a non-negative integer; ProcessorConfig Mode is an enum', () => {
    expect(errors(single({ Type: 'Map', MaxConcurrency: -1, ItemProcessor: itemProcessor, End: true }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/MaxConcurrency']);
    expect(errors(single({ Type: 'Map', ItemProcessor: { ...itemProcessor, ProcessorConfig: { Mode: 'PARALLEL' } }, End: true })))
      .toEqual(['SCHEMA_VALIDATION_FAILED /States/S/ItemProcessor/ProcessorConfig/Mode']);
  });

  it('unknown fields inside nested objects get a suggestion', () => {
    const result = validate(single({ Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['X'], MaxAttempt: 2 }], End: true }));
    expect(result.diagnostics.map((d) => `${d.code} ${d.location}`)).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Retry/0/MaxAttempt']);
    expect(result.diagnostics[0]?.message).toContain("'MaxAttempts'");
  });

  it('Parallel needs a non-empty Branches array; branches are closed objects', () => {
    expect(errors(single({ Type: 'Parallel', Branches: [], End: true }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Branches']);
    const branch = { StartAt: 'B', States: { B: { Type: 'Succeed' } }, Extra: 1 };
    expect(errors(single({ Type: 'Parallel', Branches: [branch], End: true }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Branches/0/Extra']);
  });
});

describe('Retry and Catch', () => {
  const task = (extra: Record<string, unknown>) => single({ Type: 'Task', Resource: LAMBDA, End: true, ...extra });

  it('retrier bounds', () => {
    expect(errors(task({ Retry: [{ ErrorEquals: ['E'], IntervalSeconds: 0 }] }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Retry/0/IntervalSeconds']);
    expect(errors(task({ Retry: [{ ErrorEquals: ['E'], MaxAttempts: -1 }] }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Retry/0/MaxAttempts']);
    expect(errors(task({ Retry: [{ ErrorEquals: ['E'], BackoffRate: 0.5 }] }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Retry/0/BackoffRate']);
    expect(errors(task({ Retry: [{ ErrorEquals: ['E'], MaxDelaySeconds: 0 }] }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Retry/0/MaxDelaySeconds']);
    expect(errors(task({ Retry: [{ ErrorEquals: ['E'], JitterStrategy: 'HALF' }] }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Retry/0/JitterStrategy']);
    expect(errors(task({ Retry: [{ ErrorEquals: [] }] }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Retry/0/ErrorEquals']);
    expect(errors(task({ Retry: [{ ErrorEquals: ['E'], IntervalSeconds: 3, MaxAttempts: 0, BackoffRate: 1.5, MaxDelaySeconds: 10, JitterStrategy: 'FULL' }] }))).toEqual([]);
  });

  it("'States.ALL' must be alone and in the last retrier / catcher", () => {
    expect(errors(task({ Retry: [{ ErrorEquals: ['States.ALL', 'E'] }] }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Retry/0/ErrorEquals']);
    const def = {
      StartAt: 'S',
      States: {
        S: { Type: 'Task', Resource: LAMBDA, End: true, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }, { ErrorEquals: ['E'], Next: 'F' }] },
        F: { Type: 'Fail' },
      },
    };
    expect(errors(def)).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Catch/0/ErrorEquals']);
  });

  it('a catcher needs Next', () => {
    expect(errors(task({ Catch: [{ ErrorEquals: ['E'] }] }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Catch/0']);
  });
});

describe('mutually exclusive fields', () => {
  it('TimeoutSeconds / TimeoutSecondsPath and HeartbeatSeconds / HeartbeatSecondsPath', () => {
    expect(errors(single({ Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 10, TimeoutSecondsPath: '$.t', End: true }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/TimeoutSecondsPath']);
    expect(errors(single({ Type: 'Task', Resource: LAMBDA, HeartbeatSeconds: 10, HeartbeatSecondsPath: '$.h', End: true }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/HeartbeatSecondsPath']);
  });

  it('HeartbeatSeconds must be smaller than TimeoutSeconds', () => {
    expect(errors(single({ Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 10, HeartbeatSeconds: 10, End: true }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/HeartbeatSeconds']);
    expect(errors(single({ Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 10, HeartbeatSeconds: 9, End: true }))).toEqual([]);
  });

  it('Wait takes exactly one of Seconds, SecondsPath, Timestamp, TimestampPath', () => {
    expect(errors(single({ Type: 'Wait', End: true }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S']);
    expect(errors(single({ Type: 'Wait', Seconds: 10, Timestamp: '2016-03-14T01:59:00Z', End: true }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Timestamp']);
    expect(errors(single({ Type: 'Wait', Timestamp: '2016-03-14T01:59:00Z', End: true }))).toEqual([]);
    expect(errors(single({ Type: 'Wait', Timestamp: 'March 14', End: true }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Timestamp']);
  });

  it('Fail Error / ErrorPath and Cause / CausePath', () => {
    expect(errors(single({ Type: 'Fail', Error: 'E', ErrorPath: '$.e' }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/ErrorPath']);
    expect(errors(single({ Type: 'Fail', Cause: 'C', CausePath: '$.c' }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/CausePath']);
    expect(errors(single({ Type: 'Fail', ErrorPath: "States.Format('E{}', $.code)", CausePath: '$$.Execution.Id' }))).toEqual([]);
  });

  it('Map: ItemProcessor / Iterator, ItemSelector / Parameters, MaxConcurrency / MaxConcurrencyPath', () => {
    expect(errors(single({ Type: 'Map', ItemProcessor: itemProcessor, Iterator: { StartAt: 'J', States: { J: { Type: 'Succeed' } } }, End: true })))
      .toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Iterator']);
    expect(errors(single({ Type: 'Map', ItemProcessor: itemProcessor, ItemSelector: {}, Parameters: {}, End: true }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Parameters']);
    expect(errors(single({ Type: 'Map', ItemProcessor: itemProcessor, MaxConcurrency: 1, MaxConcurrencyPath: '$.m', End: true }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/MaxConcurrencyPath']);
    expect(errors(single({ Type: 'Map', End: true }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S']);
  });

  it('a DISTRIBUTED Map needs ExecutionType', () => {
    const processor = { ...itemProcessor, ProcessorConfig: { Mode: 'DISTRIBUTED' } };
    expect(errors(single({ Type: 'Map', ItemProcessor: processor, End: true }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/ItemProcessor/ProcessorConfig']);
  });
});

describe('resources', () => {
  it('INVALID_RESOURCE for a value that is not a URI', () => {
    expect(errors(single({ Type: 'Task', Resource: 'my-function', End: true }))).toEqual(['INVALID_RESOURCE /States/S/Resource']);
  });

  it('a placeholder a template left is an error in both modes (AWS refuses it as a resource)', () => {
    const def = single({ Type: 'Task', Resource: '${MyFunctionArn}', End: true });
    expect(errors(def)).toEqual(['UNRESOLVED_PLACEHOLDER /States/S/Resource']);
    expect(errors(def, { strictResources: true })).toEqual(['UNRESOLVED_PLACEHOLDER /States/S/Resource']);
  });

  it('strict mode accepts Lambda, activity and service integration ARNs', () => {
    for (const r of [LAMBDA, 'arn:aws:states:us-east-1:123456789012:activity:Worker', 'arn:aws:states:::lambda:invoke', 'arn:aws:states:::states:startExecution.sync:2', 'arn:aws:states:::aws-sdk:s3:listBuckets', 'arn:aws:states:::sqs:sendMessage.waitForTaskToken']) {
      expect(errors(single({ Type: 'Task', Resource: r, End: true }), { strictResources: true })).toEqual([]);
    }
  });

  it('EXPRESS rejects .sync, .waitForTaskToken and activities', () => {
    expect(errors(single({ Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', End: true }), { type: 'EXPRESS' })).toEqual(['INVALID_RESOURCE /States/S/Resource']);
    expect(errors(single({ Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', End: true }), { type: 'STANDARD' })).toEqual([]);
  });
});

describe('Map labels', () => {
  it('INVALID_LABEL_NAME and DUPLICATE_LABEL_NAME', () => {
    expect(errors(single({ Type: 'Map', Label: 'my label', ItemProcessor: itemProcessor, End: true }))).toEqual(['INVALID_LABEL_NAME /States/S/Label']);
    const def = {
      StartAt: 'A',
      States: {
        A: { Type: 'Map', Label: 'Batch', ItemProcessor: itemProcessor, Next: 'B' },
        B: { Type: 'Map', Label: 'Batch', ItemProcessor: { StartAt: 'Item2', States: { Item2: { Type: 'Pass', End: true } } }, End: true },
      },
    };
    expect(errors(def)).toEqual(['DUPLICATE_LABEL_NAME /States/B/Label']);
  });
});

describe('nested query language', () => {
  it('a JSONata machine cannot have a JSONPath branch', () => {
    const def = single({ Type: 'Parallel', Branches: [{ QueryLanguage: 'JSONPath', StartAt: 'B', States: { B: { Type: 'Succeed' } } }], End: true }, { QueryLanguage: 'JSONata' });
    expect(errors(def)).toEqual(['FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE /States/S/Branches/0/QueryLanguage']);
  });

  it('a JSONata branch in a JSONPath machine uses JSONata', () => {
    const def = single({ Type: 'Parallel', Branches: [{ QueryLanguage: 'JSONata', StartAt: 'B', States: { B: { Type: 'Pass', Output: '{% 1 %}', End: true } } }], End: true });
    expect(errors(def)).toEqual([]);
  });
});
