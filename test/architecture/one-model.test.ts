/**
 * One model from validate to run: `validate()` hands on the model it built, and the compiler
 * runs each state in the query language the validator resolved for it.
 */
import { describe, expect, it } from 'vitest';
import { AslValidationError, StateMachine, validate } from '../../src/index.js';

// A JSONata Map inside a JSONPath machine: its item processor sets no QueryLanguage, and its
// state uses JSONPath's Parameters, so the validator reads that state as JSONPath.
const mixed = {
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      QueryLanguage: 'JSONata',
      Items: '{% $states.input.items %}',
      ItemProcessor: { StartAt: 'Shape', States: { Shape: { Type: 'Pass', Parameters: { 'wrapped.$': '$' }, End: true } } },
      End: true,
    },
  },
};

describe('validate() returns the model it checked', () => {
  it('as `definition`, with every state, its query language and its transitions', () => {
    const r = validate(mixed);
    expect(r.valid).toBe(true);
    if (!r.valid) return;
    expect(r.definition.queryLanguage).toBe('JSONPath');
    expect(r.definition.states.map((s) => [s.name, s.type, s.queryLanguage, s.location])).toEqual([
      ['Each', 'Map', 'JSONata', '/States/Each'],
      ['Shape', 'Pass', 'JSONPath', '/States/Each/ItemProcessor/States/Shape'],
    ]);
    const choice = validate({ StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', IsPresent: true, Next: 'A' }], Default: 'B' }, A: { Type: 'Succeed' }, B: { Type: 'Fail' } } });
    expect(choice.valid && choice.definition.states[0]!.transitions).toEqual(['B', 'A']);
  });

  it('and no model when the definition is invalid', () => {
    const r = validate({ StartAt: 'Nowhere', States: { A: { Type: 'Succeed' } } });
    expect(r.valid).toBe(false);
    expect(r.definition).toBeUndefined();
  });
});

describe('the run uses the language the validator reported', () => {
  it('a JSONPath state inside a JSONata Map keeps its Parameters', async () => {
    const r = await new StateMachine(mixed).run({ items: [1, 2] });
    expect(r).toEqual({ status: 'SUCCEEDED', output: [{ wrapped: 1 }, { wrapped: 2 }] });
  });

  it('JSON text is parsed once: a syntax error keeps its line and column', () => {
    const text = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Succeed", }\n  }\n}';
    try {
      new StateMachine(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AslValidationError);
      expect((e as AslValidationError).diagnostics[0]).toMatchObject({ code: 'INVALID_JSON_DESCRIPTION', line: 4 });
    }
  });
});
