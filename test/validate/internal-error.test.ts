/** A bug inside the validator makes the definition invalid instead of letting it through (issue 11 §6). */
import { describe, expect, it, vi } from 'vitest';
import { AslValidationError } from '../../src/errors.js';
import { StateMachine } from '../../src/runtime/state-machine.js';
import { validate } from '../../src/validate/index.js';

// stands in for any check that throws
vi.mock('../../src/validate/graph.js', () => ({ checkGraph: () => { throw new RangeError('Maximum call stack size exceeded'); } }));

const definition = { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };

describe('an internal validator error', () => {
  it('is an ERROR, so the definition is not valid', () => {
    for (const input of [definition, JSON.stringify(definition)]) {
      const result = validate(input);
      expect(result.valid).toBe(false);
      expect(result.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['ERROR VALIDATOR_INTERNAL_ERROR']);
    }
  });

  it('makes the constructor throw AslValidationError', () => {
    expect(() => new StateMachine(definition)).toThrow(AslValidationError);
  });
});
