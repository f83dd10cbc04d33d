/**
 * Validator precision: one problem gives one diagnostic that names the fix. Misspelt fields get
 * a did-you-mean, a broken transition is one root diagnostic, literal intrinsic arguments are
 * type-checked, half-written JSONata delimiters are caught, and a trailing space after a path
 * is accepted as AWS accepts it.
 */
import { describe, expect, it } from 'vitest';
import { StateMachine } from '../../src/index.js';
import { validate } from '../../src/validate/index.js';
import { errors, single } from './helpers.js';

const errorMessages = (definition: unknown): string[] => validate(definition).diagnostics.filter((d) => d.severity === 'ERROR').map((d) => d.message);
const processor = { StartAt: 'Item', States: { Item: { Type: 'Succeed' } } };

describe('did-you-mean for misspelt fields', () => {
  it('names the field the state has (Resouce → Resource, InputPaht → InputPath)', () => {
    const def = single({ Type: 'Task', Resouce: 'arn:aws:states:::lambda:invoke', InputPaht: '$.a', End: true });
    const messages = errorMessages(def);
    expect(messages).toEqual([
      "Task state 'S' has no field 'Resouce'; did you mean 'Resource'?",
      "Task state 'S' has no field 'InputPaht'; did you mean 'InputPath'?",
    ]);
  });

  it('does not also report the required field the misspelling was meant to be', () => {
    const def = single({ Type: 'Task', Resouce: 'arn:aws:states:::lambda:invoke', End: true });
    expect(errors(def)).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Resouce']);
    // without the misspelling, the missing Resource is reported
    expect(errors(single({ Type: 'Task', End: true }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S']);
  });

  it('Item → Items in a JSONata Map', () => {
    const def = single({ Type: 'Map', QueryLanguage: 'JSONata', Item: '{% [1] %}', ItemProcessor: processor, End: true });
    expect(errorMessages(def)).toEqual(["Map state 'S' has no field 'Item'; did you mean 'Items'?"]);
  });

  it('in a JSONPath Map, names the JSONata field and its JSONPath counterpart', () => {
    const [message] = errorMessages(single({ Type: 'Map', Item: '$.x', ItemProcessor: processor, End: true }));
    expect(message).toContain("did you mean 'Items'?");
    expect(message).toContain("use 'ItemsPath'");
  });
});

describe('one broken transition, one root diagnostic', () => {
  it('states reached only through a misspelt Next are not also unreachable, nor is the end missing', () => {
    const def = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Bx' }, B: { Type: 'Pass', Next: 'C' }, C: { Type: 'Succeed' } } };
    expect(errors(def)).toEqual(['MISSING_TRANSITION_TARGET /States/A/Next']);
    expect(errorMessages(def)[0]).toContain("did you mean 'B'?");
  });

  it('a state unreachable even with the transition repaired is still reported', () => {
    const def = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Bx' }, B: { Type: 'Succeed' }, Orphan: { Type: 'Succeed' } } };
    expect(errors(def)).toEqual(['MISSING_TRANSITION_TARGET /States/A/Next', 'UNREACHABLE_STATE /States/Orphan']);
  });

  it('a target with no near miss folds the states it leaves unreached into its one diagnostic', () => {
    const def = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' }, B: { Type: 'Pass', Next: 'C' }, C: { Type: 'Succeed' } } };
    expect(errors(def)).toEqual(['MISSING_TRANSITION_TARGET /States/A/Next']);
    expect(errorMessages(def)[0]).toMatch(/'B', 'C'.*not reported unreachable until it is fixed/);
  });

  it('a misspelt StartAt is read as the state it names', () => {
    const def = { StartAt: 'Strt', States: { Start: { Type: 'Pass', Next: 'End' }, End: { Type: 'Succeed' } } };
    expect(errors(def)).toEqual(['MISSING_TRANSITION_TARGET /StartAt']);
  });
});

// AWS developer guide, "Intrinsic functions": the argument types of each function.
describe('intrinsic argument types, where the arguments are literals', () => {
  const pass = (value: string): Record<string, unknown> => single({ Type: 'Pass', Parameters: { 'v.$': value }, End: true });

  it('States.MathAdd takes numbers: a string literal is an error', () => {
    expect(errors(pass("States.MathAdd(1, '-1')"))).toEqual(['INVALID_INTRINSIC /States/S/Parameters/v.$']);
    expect(errorMessages(pass("States.MathAdd(1, '-1')"))[0]).toContain('second argument of States.MathAdd must be a number');
    expect(errors(pass('States.MathAdd(States.ArrayLength($$.Execution.Input.items), -1)'))).toEqual([]);
    expect(errors(pass('States.MathAdd($.a, $.b)'))).toEqual([]);
  });

  it('checks the documented literal values: hash algorithms, chunk size and step', () => {
    expect(errors(pass("States.Hash($.data, 'SHA-256')"))).toEqual([]);
    expect(errors(pass("States.Hash($.data, 'SHA-2')"))).toEqual(['INVALID_INTRINSIC /States/S/Parameters/v.$']);
    expect(errors(pass('States.JsonMerge($.a, $.b, false)'))).toEqual([]);
    // A deep merge is a boolean of the right type: accepted here, it fails the execution with
    // States.Runtime (test/conformance/cases/intrinsic/json-merge-deep-refused.json).
    expect(errors(pass('States.JsonMerge($.a, $.b, true)'))).toEqual([]);
    expect(errors(pass("States.JsonMerge($.a, $.b, 'no')"))).toEqual(['INVALID_INTRINSIC /States/S/Parameters/v.$']);
    expect(errors(pass('States.ArrayPartition($.a, 0)'))).toEqual(['INVALID_INTRINSIC /States/S/Parameters/v.$']);
    expect(errors(pass('States.ArrayRange(1, 9, 0)'))).toEqual(['INVALID_INTRINSIC /States/S/Parameters/v.$']);
  });

  it('knows what nested calls return', () => {
    expect(errors(pass("States.ArrayLength(States.Format('{}', $.x))"))).toEqual(['INVALID_INTRINSIC /States/S/Parameters/v.$']);
    expect(errors(pass("States.ArrayLength(States.StringSplit($.x, ','))"))).toEqual([]);
    expect(errors(pass("States.Format('{} items', States.ArrayLength($.a))"))).toEqual([]);
  });

  it('a call must start with its name: leading whitespace is refused', () => {
    expect(errors(pass(" States.Array('Foo', $.xyz)"))).toEqual(['INVALID_INTRINSIC /States/S/Parameters/v.$']);
  });
});

describe('JSONata delimiters', () => {
  const output = (value: string): Record<string, unknown> => single({ Type: 'Pass', QueryLanguage: 'JSONata', Output: value, End: true });

  it('a string that starts with {% but is not a whole {% … %} expression is reported', () => {
    expect(errors(output('{% 10 %'))).toEqual(['INVALID_JSONATA /States/S/Output']);
    expect(errors(output('{% $states.input'))).toEqual(['INVALID_JSONATA /States/S/Output']);
  });

  it('so is one that ends with %} without the opening, or has whitespace around the delimiters', () => {
    expect(errors(output('10 %}'))).toEqual(['INVALID_JSONATA /States/S/Output']);
    expect(errors(output(' {% 10 %}'))).toEqual(['INVALID_JSONATA /States/S/Output']);
  });

  it('well-formed expressions and plain literals pass; JSONPath states keep such text literal', () => {
    expect(errors(output('{% 10 %}'))).toEqual([]);
    expect(errors(output('{%\n  $states.input\n%}'))).toEqual([]);
    expect(errors(output('100 %'))).toEqual([]);
    expect(errors(single({ Type: 'Pass', Result: { text: '{% not JSONata here' }, End: true }))).toEqual([]);
  });
});

describe('a trailing space after a path', () => {
  const def = {
    StartAt: 'S',
    States: { S: { Type: 'Pass', InputPath: '$$.Execution.Input ', Parameters: { 'name.$': '$$.Execution.Name ', 'a.$': '$.a ' }, End: true } },
  };

  it('is accepted, as AWS accepts "$$.Execution.Name "', () => {
    expect(errors(def)).toEqual([]);
  });

  it('evaluates as the path without it', async () => {
    const result = await new StateMachine(def).run({ a: 1 }, { name: 'run-1' });
    expect(result.output).toEqual({ name: 'run-1', a: 1 });
  });

  it('a leading space is still not a path', () => {
    expect(errors(single({ Type: 'Pass', InputPath: ' $.a', End: true }))).toEqual(['INVALID_JSONPATH /States/S/InputPath']);
  });
});
