/** Structure and graph checks (AWS developer guide: "State machine structure", "Transitions"). */
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/validate/index.js';
import { errors, LAMBDA, single } from './helpers.js';

// The "Hello World" machine from the developer guide's state machine structure page, in spirit.
const hello = {
  Comment: 'A simple minimal example of the States language',
  StartAt: 'Hello World',
  States: { 'Hello World': { Type: 'Task', Resource: LAMBDA, End: true } },
};

describe('structure', () => {
  it('accepts a minimal valid definition', () => {
    const r = validate(hello);
    expect(r).toMatchObject({ valid: true, diagnostics: [] });
    // The validated definition is handed on: a plain copy of the input, with its model.
    expect(r.definition?.definition).toEqual(hello);
    expect(r.definition?.definition).not.toBe(hello);
  });

  it('MISSING_DESCRIPTION for null, undefined and empty text', () => {
    expect(errors(null)).toEqual(['MISSING_DESCRIPTION ']);
    expect(errors(undefined)).toEqual(['MISSING_DESCRIPTION ']);
    expect(errors('   ')).toEqual(['MISSING_DESCRIPTION ']);
  });

  it('SCHEMA_VALIDATION_FAILED when the definition is not an object', () => {
    expect(errors([1, 2])).toEqual(['SCHEMA_VALIDATION_FAILED ']);
    expect(errors('42')).toEqual(['SCHEMA_VALIDATION_FAILED ']);
  });

  it('INVALID_JSON_DESCRIPTION with the line and column of the syntax error', () => {
    const result = validate('{\n  "StartAt": "A",\n  "States": {,}\n}');
    expect(result.valid).toBe(false);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'INVALID_JSON_DESCRIPTION', line: 3, column: 14 });
  });

  it('reports an unknown top-level field with a suggestion', () => {
    const result = validate({ ...hello, Startat: 'x' });
    expect(result.diagnostics.map((d) => `${d.code} ${d.location}`)).toEqual(['SCHEMA_VALIDATION_FAILED /Startat']);
    expect(result.diagnostics[0]?.message).toContain("'StartAt'");
  });

  it('requires StartAt and States', () => {
    expect(errors({ States: hello.States })).toContain('SCHEMA_VALIDATION_FAILED ');
    expect(errors({ StartAt: 'A' })).toContain('SCHEMA_VALIDATION_FAILED ');
    expect(errors({ StartAt: 'A', States: {} })).toContain('SCHEMA_VALIDATION_FAILED /States');
  });

  it('checks Version and TimeoutSeconds', () => {
    expect(errors({ ...hello, Version: '2.0' })).toEqual(['SCHEMA_VALIDATION_FAILED /Version']);
    expect(errors({ ...hello, TimeoutSeconds: 0 })).toEqual(['SCHEMA_VALIDATION_FAILED /TimeoutSeconds']);
  });
});

describe('transitions and graph', () => {
  it('MISSING_TRANSITION_TARGET for StartAt, with a suggestion', () => {
    const result = validate({ StartAt: 'Hello Wrld', States: hello.States });
    expect(result.diagnostics.map((d) => `${d.code} ${d.location}`)).toContain('MISSING_TRANSITION_TARGET /StartAt');
    expect(result.diagnostics[0]?.message).toContain("did you mean 'Hello World'");
  });

  it('MISSING_TRANSITION_TARGET for Next, Default, Choices[].Next and Catch[].Next', () => {
    const def = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Next: 'Nope' },
        B: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'Gone' }], Default: 'Missing' },
        C: { Type: 'Task', Resource: LAMBDA, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Lost' }], End: true },
      },
    };
    const found = errors(def);
    expect(found).toContain('MISSING_TRANSITION_TARGET /States/A/Next');
    expect(found).toContain('MISSING_TRANSITION_TARGET /States/B/Default');
    expect(found).toContain('MISSING_TRANSITION_TARGET /States/B/Choices/0/Next');
    expect(found).toContain('MISSING_TRANSITION_TARGET /States/C/Catch/0/Next');
  });

  it('does not allow a transition into a Parallel branch', () => {
    const def = {
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'Pass', End: true } } }], Next: 'Jump' },
        Jump: { Type: 'Pass', Next: 'Inner' },
      },
    };
    expect(errors(def)).toEqual(['MISSING_TRANSITION_TARGET /States/Jump/Next', 'MISSING_END_STATE /States']);
  });

  it('does not allow a transition out of a Map ItemProcessor', () => {
    const def = {
      StartAt: 'M',
      States: {
        M: { Type: 'Map', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', Next: 'Done' } } }, Next: 'Done' },
        Done: { Type: 'Succeed' },
      },
    };
    expect(errors(def)).toEqual(['MISSING_TRANSITION_TARGET /States/M/ItemProcessor/States/I/Next', 'MISSING_END_STATE /States/M/ItemProcessor/States']);
  });

  it('UNREACHABLE_STATE for a state no transition reaches', () => {
    const def = { StartAt: 'A', States: { A: { Type: 'Succeed' }, Orphan: { Type: 'Pass', End: true } } };
    expect(errors(def)).toEqual(['UNREACHABLE_STATE /States/Orphan']);
  });

  it('reaches states through Catch and Choice Default', () => {
    const def = {
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: LAMBDA, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'C' }], End: true },
        C: { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Ok' }], Default: 'Bad' },
        Ok: { Type: 'Succeed' },
        Bad: { Type: 'Fail', Error: 'Bad', Cause: 'bad input' },
      },
    };
    expect(errors(def)).toEqual([]);
  });

  it('MISSING_END_STATE when no terminal state is reachable', () => {
    const def = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } } };
    expect(errors(def)).toEqual(['MISSING_END_STATE /States']);
  });

  it('DUPLICATE_STATE_NAME across branches of a Parallel', () => {
    const branch = { StartAt: 'Same', States: { Same: { Type: 'Pass', End: true } } };
    const def = single({ Type: 'Parallel', Branches: [branch, branch], End: true });
    expect(errors(def)).toEqual(['DUPLICATE_STATE_NAME /States/S/Branches/1/States/Same']);
  });

  it('DUPLICATE_STATE_NAME for a repeated key in JSON text, with its position', () => {
    const text = '{"StartAt":"A","States":{\n"A":{"Type":"Succeed"},\n"A":{"Type":"Succeed"}}}';
    const result = validate(text);
    expect(result.diagnostics.map((d) => `${d.code} ${d.location} ${d.line}:${d.column}`)).toEqual(['DUPLICATE_STATE_NAME /States/A 3:1']);
  });

  it('INVALID_STATE_NAME for names longer than 80 characters', () => {
    const name = 'x'.repeat(81);
    expect(errors({ StartAt: name, States: { [name]: { Type: 'Succeed' } } })).toEqual([`INVALID_STATE_NAME /States/${name}`]);
  });

  it('rejects End together with Next, and neither', () => {
    const def = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B', End: true }, B: { Type: 'Succeed' } } };
    expect(errors(def)).toEqual(['SCHEMA_VALIDATION_FAILED /States/A/End']);
    expect(errors(single({ Type: 'Pass' }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S', 'MISSING_END_STATE /States']);
  });

  it('Succeed and Fail take neither Next nor End', () => {
    expect(errors(single({ Type: 'Succeed', End: true }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/End']);
  });

  it('gives line and column for text input', () => {
    const text = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } }, null, 2);
    const d = validate(text).diagnostics.find((x) => x.code === 'MISSING_TRANSITION_TARGET');
    expect(d).toMatchObject({ location: '/States/A/Next', line: 6, column: 7 });
  });
});
