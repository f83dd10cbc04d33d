/**
 * validate() never fails open (issue 11 §6): what it accepts compiles, what it cannot read is an
 * ERROR, and `new StateMachine()` agrees with it, rejecting only with AslValidationError.
 */
import { describe, expect, it } from 'vitest';
import { AslValidationError } from '../../src/errors.js';
import { StateMachine } from '../../src/runtime/state-machine.js';
import { validate } from '../../src/validate/index.js';
import { errors, single } from './helpers.js';

/** The constructor's verdict: 'built', or the codes and locations of its AslValidationError. */
function construct(definition: unknown): string[] | 'built' {
  try {
    new StateMachine(definition as object);
    return 'built';
  } catch (e) {
    if (!(e instanceof AslValidationError)) throw e;
    return e.diagnostics.filter((d) => d.severity === 'ERROR').map((d) => `${d.code} ${d.location}`);
  }
}

const pass = (fields: Record<string, unknown>) => single({ Type: 'Pass', End: true, ...fields });

// Jayway JsonPath, which AWS uses, never supported script expressions '[(…)]' (json-path/JsonPath#300).
describe('paths the runtime cannot compile are rejected', () => {
  it.each([
    ['InputPath', pass({ InputPath: '$[(@.length-1)]' }), 'INVALID_JSONPATH /States/S/InputPath'],
    ['OutputPath', pass({ OutputPath: '$[(@.length-1)]' }), 'INVALID_JSONPATH /States/S/OutputPath'],
    ['a template value', pass({ Parameters: { 'a.$': '$[(@.length-1)]' } }), 'INVALID_JSONPATH /States/S/Parameters/a.$'],
    ['a Choice Variable', single({ Type: 'Choice', Choices: [{ Variable: '$[(@.length-1)]', IsPresent: true, Next: 'E' }], Default: 'E' }, {}),
      'INVALID_JSONPATH /States/S/Choices/0/Variable'],
  ])('a script expression in %s', (_where, definition, expected) => {
    if (JSON.stringify(definition).includes('"E"')) (definition.States as Record<string, unknown>).E = { Type: 'Succeed' };
    expect(errors(definition)).toEqual([expected]);
    expect(construct(definition)).toEqual([expected]);
  });

  // AWS: ResultPath is a Reference Path, "which can only identify a single node" (Reference paths).
  it.each(['$.a,b', '$.a:b', '$.a?b', '$.a@b'])('ResultPath %s', (path) => {
    const definition = pass({ ResultPath: path });
    expect(errors(definition)).toEqual(['INVALID_REFERENCE_PATH /States/S/ResultPath']);
    expect(construct(definition)).toEqual(['INVALID_REFERENCE_PATH /States/S/ResultPath']);
  });

  it('a catcher ResultPath', () => {
    const definition = single({ Type: 'Task', Resource: 'arn:aws:states:::x', End: true, Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.a,b', Next: 'S' }] });
    expect(errors(definition)).toEqual(['INVALID_REFERENCE_PATH /States/S/Catch/0/ResultPath']);
  });
});

describe('a definition it cannot read is an ERROR, never valid', () => {
  it('a multi-megabyte string in JSON text is scanned without a stack overflow', () => {
    const text = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Comment: 'x'.repeat(8_500_000), Next: 'Nowhere' } } });
    const result = validate(text);
    expect(result.valid).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toContain('MISSING_TRANSITION_TARGET');
    expect(result.diagnostics.map((d) => d.code)).not.toContain('VALIDATOR_INTERNAL_ERROR');
  }, 60_000); // a hang guard for a loaded machine, not a speed assertion

  it('a Proxy whose trap throws', () => {
    const states = new Proxy({ A: { Type: 'Pass', End: true } }, { ownKeys() { throw new Error('trap'); } });
    const definition = { StartAt: 'A', States: states };
    expect(errors(definition)).toEqual(['INVALID_JSON_DESCRIPTION /States']);
    expect(construct(definition)).toEqual(['INVALID_JSON_DESCRIPTION /States']);
  });

  it('a getter that throws', () => {
    const state = { Type: 'Pass', End: true, get Comment(): string { throw new Error('no'); } };
    const definition = { StartAt: 'A', States: { A: state } };
    expect(errors(definition)).toEqual(['INVALID_JSON_DESCRIPTION /States/A/Comment']);
    expect(construct(definition)).toEqual(['INVALID_JSON_DESCRIPTION /States/A/Comment']);
  });

  it.each([
    ['NaN', NaN], ['Infinity', Infinity], ['a bigint', 1n], ['a function', () => 1], ['a symbol', Symbol('s')], ['a Date', new Date(0)], ['a Map', new Map()],
  ])('%s is not a JSON value', (_name, value) => {
    const definition = { StartAt: 'A', States: { A: { Type: 'Pass', End: true, Result: { v: value } } } };
    expect(errors(definition)).toEqual(['INVALID_JSON_DESCRIPTION /States/A/Result/v']);
    expect(construct(definition)).toEqual(['INVALID_JSON_DESCRIPTION /States/A/Result/v']);
  });

  it('a cycle', () => {
    const result: Record<string, unknown> = {};
    result.self = result;
    const definition = { StartAt: 'A', States: { A: { Type: 'Pass', End: true, Result: result } } };
    expect(errors(definition)).toEqual(['SCHEMA_VALIDATION_FAILED /States/A/Result/self']);
    expect(construct(definition)).toEqual(['SCHEMA_VALIDATION_FAILED /States/A/Result/self']);
  });

  it('a shared (not cyclic) sub-object is fine', () => {
    const retry = [{ ErrorEquals: ['States.ALL'] }];
    const definition = { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:::x', Retry: retry, Next: 'B' }, B: { Type: 'Task', Resource: 'arn:aws:states:::x', Retry: retry, End: true } } };
    expect(errors(definition)).toEqual([]);
  });
});

describe('object definitions are read once, as JSON', () => {
  it('a member whose value is undefined is absent, as in JSON.stringify', () => {
    const definition = { StartAt: 'A', Comment: undefined, States: { A: { Type: 'Pass', Next: undefined, End: true } } };
    expect(validate(definition).diagnostics).toEqual([]);
    expect(construct(definition)).toBe('built');
  });

  it('the constructor reads each member once and keeps its own copy', async () => {
    let reads = 0;
    const state: Record<string, unknown> = { Type: 'Pass', End: true };
    Object.defineProperty(state, 'Result', { enumerable: true, get: () => { reads++; return { n: reads }; } });
    const definition = { StartAt: 'A', States: { A: state } };
    const machine = new StateMachine(definition);
    expect(reads).toBe(1);
    (definition.States as Record<string, unknown>).A = { Type: 'Fail' };
    await expect(machine.run({})).resolves.toMatchObject({ status: 'SUCCEEDED', output: { n: 1 } });
  });
});

describe('whatever a hostile getter throws', () => {
  it.each([
    ['an object without a prototype', () => Object.create(null) as unknown],
    ['an Error whose message is not a string', () => Object.assign(new Error(), { message: 42 })],
    ['undefined', () => undefined],
  ])('%s is reported, not rethrown', (_name, thrown) => {
    const state = { Type: 'Pass', End: true, get Comment(): string { throw thrown(); } };
    const definition = { StartAt: 'A', States: { A: state } };
    expect(errors(definition)).toEqual(['INVALID_JSON_DESCRIPTION /States/A/Comment']);
    expect(construct(definition)).toEqual(['INVALID_JSON_DESCRIPTION /States/A/Comment']);
  });
});
