/**
 * Paths, payload templates, intrinsic functions, JSONata expressions, variables and Choice rules
 * (developer guide: "Using JSONPath paths", "Reference paths", "Intrinsic functions",
 * "Transforming data with JSONata", "Passing data between states with variables", "Choice state").
 */
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/validate/index.js';
import { checkPath } from '../../src/validate/paths.js';
import { codes, errors, LAMBDA, single } from './helpers.js';

const jsonata = { QueryLanguage: 'JSONata' };

describe('JSONPath syntax', () => {
  it('accepts the documented path forms', () => {
    for (const p of ['$', '$.a', "$['a b']", '$.a[0]', '$..a', '$.a[*]', '$[?(@.x > 1)]', '$$.Execution.Id', '$varName.x', '$.a[1:3]', "$.a['x','y']", '$.a.length()', '$$.Map.Item.Value', "$.abc.['def ghi']", "$.detail['order-id']", '$.a-b.c_d', '$[0]']) {
      expect(checkPath(p), p).toBeUndefined();
    }
  });

  it('rejects malformed paths', () => {
    for (const p of ['a', '$.', '$.a[', '$.a]', '$[?(@.x > 1]', "$['a]", '$.a[]']) expect(checkPath(p), p).toBeDefined();
  });

  it('reference paths allow only members and single indexes', () => {
    for (const p of ['$', '$.a.b', "$['a b'].c", '$.a[0]', "$.abc.['def ghi']"]) expect(checkPath(p, { reference: true }), p).toBeUndefined();
    for (const p of ['$..a', '$.a[*]', '$.a[?(@.x)]', '$.a[1:2]', '$.a[0,1]', '$.a.length()']) expect(checkPath(p, { reference: true }), p).toBeDefined();
  });

  it('INVALID_JSONPATH in InputPath and in a `.$` value', () => {
    expect(errors(single({ Type: 'Pass', InputPath: '$.a[', End: true }))).toEqual(['INVALID_JSONPATH /States/S/InputPath']);
    expect(errors(single({ Type: 'Pass', Parameters: { 'x.$': 'a.b' }, End: true }))).toEqual(['INVALID_JSONPATH /States/S/Parameters/x.$']);
    expect(errors(single({ Type: 'Pass', Parameters: { nested: [{ 'x.$': '$.ok' }], 'y.$': '$$.Execution.Id', 'z.$': '$myVar.field' }, End: true }))).toEqual([]);
  });

  it('ResultPath is a reference path without $$ or variables', () => {
    expect(errors(single({ Type: 'Pass', ResultPath: '$$.Execution', End: true }))).toEqual(['INVALID_REFERENCE_PATH /States/S/ResultPath']);
    expect(errors(single({ Type: 'Pass', ResultPath: '$.a[*]', End: true }))).toEqual(['INVALID_REFERENCE_PATH /States/S/ResultPath']);
    expect(errors(single({ Type: 'Pass', ResultPath: '$myVar', End: true }))).toEqual(['INVALID_REFERENCE_PATH /States/S/ResultPath']);
    expect(errors(single({ Type: 'Pass', ResultPath: null, End: true }))).toEqual([]);
    expect(errors(single({ Type: 'Pass', ResultPath: '$.result.value', End: true }))).toEqual([]);
  });

  it('catcher ResultPath is checked too', () => {
    const def = { StartAt: 'S', States: { S: { Type: 'Task', Resource: LAMBDA, Catch: [{ ErrorEquals: ['E'], ResultPath: '$..err', Next: 'F' }], End: true }, F: { Type: 'Fail' } } };
    expect(errors(def)).toEqual(['INVALID_REFERENCE_PATH /States/S/Catch/0/ResultPath']);
  });

  it('*Path fields are reference paths', () => {
    expect(errors(single({ Type: 'Wait', SecondsPath: '$.waits[*]', End: true }))).toEqual(['INVALID_REFERENCE_PATH /States/S/SecondsPath']);
    expect(errors(single({ Type: 'Map', ItemsPath: '$.items', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Succeed' } } }, End: true }))).toEqual([]);
  });
});

describe('intrinsic functions', () => {
  it('accepts valid calls', () => {
    expect(errors(single({ Type: 'Pass', Parameters: { 'msg.$': "States.Format('Hello, {}', $.name)", 'id.$': 'States.UUID()' }, End: true }))).toEqual([]);
  });

  it('INVALID_INTRINSIC for a syntax error', () => {
    expect(errors(single({ Type: 'Pass', Parameters: { 'msg.$': "States.Format('Hello, {}', $.name" }, End: true }))).toEqual(['INVALID_INTRINSIC /States/S/Parameters/msg.$']);
  });

  it('INVALID_INTRINSIC for an unknown function', () => {
    expect(errors(single({ Type: 'Pass', Parameters: { 'n.$': 'States.Frobnicate($.a)' }, End: true }))).toEqual(['INVALID_INTRINSIC /States/S/Parameters/n.$']);
  });
});

describe('JSONata', () => {
  it('accepts expressions and literals', () => {
    const def = single({ Type: 'Pass', Output: { a: '{% $states.input.a + 1 %}', b: 'plain {% text', c: [1, '{% $x %}'] }, Assign: { x: '{% $states.input %}' }, End: true }, jsonata);
    expect(errors(def)).toEqual([]);
  });

  it('INVALID_JSONATA for a syntax error', () => {
    expect(errors(single({ Type: 'Pass', Output: { a: '{% $states.input. %}' }, End: true }, jsonata))).toEqual(['INVALID_JSONATA /States/S/Output/a']);
    expect(errors(single({ Type: 'Pass', Output: '{%  %}', End: true }, jsonata))).toEqual(['INVALID_JSONATA /States/S/Output']);
  });

  it('$states.result only in Output/Assign of Task, Parallel and Map', () => {
    expect(errors(single({ Type: 'Pass', Output: '{% $states.result %}', End: true }, jsonata))).toEqual(['INVALID_JSONATA /States/S/Output']);
    expect(errors(single({ Type: 'Task', Resource: LAMBDA, Output: '{% $states.result.Payload %}', End: true }, jsonata))).toEqual([]);
    expect(errors(single({ Type: 'Task', Resource: LAMBDA, Arguments: { a: '{% $states.result %}' }, End: true }, jsonata))).toEqual(['INVALID_JSONATA /States/S/Arguments/a']);
  });

  it('$states.errorOutput only inside Catch', () => {
    const def = (catchOutput: unknown, stateOutput: unknown) => ({
      QueryLanguage: 'JSONata',
      StartAt: 'S',
      States: {
        S: { Type: 'Task', Resource: LAMBDA, Output: stateOutput, Catch: [{ ErrorEquals: ['States.ALL'], Output: catchOutput, Next: 'F' }], End: true },
        F: { Type: 'Fail' },
      },
    });
    expect(errors(def('{% $states.errorOutput %}', '{% $states.result %}'))).toEqual([]);
    expect(errors(def('{% $states.errorOutput %}', '{% $states.errorOutput %}'))).toEqual(['INVALID_JSONATA /States/S/Output']);
  });

  it('JSONata Choice rules use Condition, not Variable', () => {
    const ok = { QueryLanguage: 'JSONata', StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.n > 1 %}', Next: 'D' }], Default: 'D' }, D: { Type: 'Succeed' } } };
    expect(errors(ok)).toEqual([]);
    const bad = { QueryLanguage: 'JSONata', StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 1, Next: 'D' }], Default: 'D' }, D: { Type: 'Succeed' } } };
    const found = errors(bad);
    expect(found).toContain('FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE /States/C/Choices/0/Variable');
    expect(found).toContain('SCHEMA_VALIDATION_FAILED /States/C/Choices/0');
  });
});

describe('variables', () => {
  it('INVALID_VARIABLE_NAME', () => {
    expect(errors(single({ Type: 'Pass', Assign: { '1abc': 1 }, End: true }))).toEqual(['INVALID_VARIABLE_NAME /States/S/Assign/1abc']);
    expect(errors(single({ Type: 'Pass', Assign: { states: 1 }, End: true }))).toEqual(['INVALID_VARIABLE_NAME /States/S/Assign/states']);
    expect(errors(single({ Type: 'Pass', Assign: { 'a.b': 1 }, End: true }))).toEqual(['INVALID_VARIABLE_NAME /States/S/Assign/a.b']);
    expect(errors(single({ Type: 'Pass', Assign: { 'x.$': '$.a', café_2: 'ok' }, End: true }))).toEqual([]);
  });

  it('Succeed and Fail cannot Assign', () => {
    expect(errors(single({ Type: 'Succeed', Assign: { x: 1 } }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Assign']);
  });
});

describe('Choice rules (JSONPath)', () => {
  const choice = (rule: Record<string, unknown>) => ({ StartAt: 'C', States: { C: { Type: 'Choice', Choices: [rule], Default: 'D' }, D: { Type: 'Succeed' } } });

  it('accepts rules with And / Or / Not', () => {
    const rule = { And: [{ Variable: '$.a', IsPresent: true }, { Not: { Variable: '$.a', StringEquals: 'x' } }, { Or: [{ Variable: '$.n', NumericLessThanPath: '$.m' }] }], Next: 'D' };
    expect(errors(choice(rule))).toEqual([]);
  });

  it('exactly one comparison operator', () => {
    expect(errors(choice({ Variable: '$.a', StringEquals: 'x', NumericEquals: 1, Next: 'D' }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/C/Choices/0/NumericEquals']);
    expect(errors(choice({ Variable: '$.a', Next: 'D' }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/C/Choices/0']);
  });

  it('needs Variable, and rejects Condition', () => {
    expect(errors(choice({ StringEquals: 'x', Next: 'D' }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/C/Choices/0']);
    expect(errors(choice({ Condition: true, Next: 'D' }))).toContain('FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE /States/C/Choices/0/Condition');
  });

  it('And must be non-empty and Not a single rule; nested rules have no Next', () => {
    expect(errors(choice({ And: [], Next: 'D' }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/C/Choices/0/And']);
    expect(errors(choice({ Not: [{ Variable: '$.a', IsNull: true }], Next: 'D' }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/C/Choices/0/Not']);
    expect(errors(choice({ Not: { Variable: '$.a', IsNull: true, Next: 'D' }, Next: 'D' }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/C/Choices/0/Not/Next']);
  });

  it('Choices must not be empty; top-level rules need Next', () => {
    expect(errors({ StartAt: 'C', States: { C: { Type: 'Choice', Choices: [], Default: 'D' }, D: { Type: 'Succeed' } } })).toEqual(['SCHEMA_VALIDATION_FAILED /States/C/Choices']);
    expect(errors(choice({ Variable: '$.a', IsNull: true }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/C/Choices/0']);
  });

  it('INVALID_JSONPATH in Variable and *Path operators', () => {
    expect(errors(choice({ Variable: 'a', IsNull: true, Next: 'D' }))).toEqual(['INVALID_JSONPATH /States/C/Choices/0/Variable']);
    expect(errors(choice({ Variable: '$.a', StringEqualsPath: '$.[', Next: 'D' }))).toEqual(['INVALID_JSONPATH /States/C/Choices/0/StringEqualsPath']);
  });
});

describe('warnings', () => {
  it('NO_DOLLAR for a path in a key without .$', () => {
    expect(codes(single({ Type: 'Pass', Parameters: { input: '$.a', fn: 'States.UUID()' }, End: true }))).toEqual(['NO_DOLLAR /States/S/Parameters/input', 'NO_DOLLAR /States/S/Parameters/fn']);
  });

  it('NO_PATH for a path in a literal field', () => {
    expect(codes(single({ Type: 'Fail', Error: '$.error' }))).toEqual(['NO_PATH /States/S/Error']);
  });

  it('PASS_RESULT_IS_STATIC for paths in a Pass Result', () => {
    expect(codes(single({ Type: 'Pass', Result: { 'x.$': '$.a' }, End: true }))).toEqual(['PASS_RESULT_IS_STATIC /States/S/Result/x.$']);
  });

  it('warnings: false leaves them out; warnings never make a definition invalid', () => {
    const def = single({ Type: 'Pass', Result: { 'x.$': '$.a' }, End: true });
    expect(validate(def).valid).toBe(true);
    expect(validate(def, { warnings: false }).diagnostics).toEqual([]);
  });
});

describe('variable scopes', () => {
  it('warns when a Map iteration assigns a variable of the outer scope', () => {
    const def = {
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { total: 0 }, Next: 'M' },
        M: { Type: 'Map', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', Assign: { total: 1, local: 2 }, End: true } } }, End: true },
      },
    };
    const result = validate(def);
    expect(result.valid).toBe(true);
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.location}`)).toEqual(['WARNING VARIABLE_SCOPE_CONFLICT /States/M/ItemProcessor/States/I/Assign/total']);
  });
});

describe('payload templates', () => {
  it("rejects 'a' and 'a.$' in the same object", () => {
    expect(errors(single({ Type: 'Pass', Parameters: { a: 1, 'a.$': '$.a' }, End: true }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Parameters/a.$']);
  });

  it('a `.$` value must be a string', () => {
    expect(errors(single({ Type: 'Pass', Parameters: { 'a.$': 1 }, End: true }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Parameters/a.$']);
  });

  it('warns about other repeated keys in JSON text', () => {
    const text = '{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"x":1,"x":2},"End":true}}}';
    expect(validate(text).diagnostics.map((d) => `${d.severity} ${d.code} ${d.location}`)).toEqual(['WARNING DUPLICATE_KEY /States/A/Parameters/x']);
  });
});
