/**
 * Property tests of validate() against generated definitions (valid ones, invalid ones, random
 * mutations of valid ones, arbitrary JSON and hostile strings): it never throws, never mutates
 * its input, and accepts exactly what `new StateMachine()` builds (issue 11 §6).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAgreement } from './agreement.js';
import { definitionArb, hostileString, jsonValue, mutatedArb } from './arbitraries.js';
import { Findings, FUZZING, params, TIMEOUT, validateRuns } from './budget.js';

function run(name: string, arb: fc.Arbitrary<unknown>, small: number): void {
  const findings = new Findings();
  fc.assert(fc.property(arb, (definition) => { checkAgreement(definition, findings); }), params(validateRuns(small)));
  if (FUZZING) console.log(findings.summary(name));
  expect(findings.list()).toEqual([]);
}

describe('validate() and new StateMachine() agree', () => {
  it('on generated definitions, mostly valid', () => run('validate: clean definitions', definitionArb({ wild: false }), 100), TIMEOUT);

  it('on generated definitions with invalid and hostile values', () => run('validate: wild definitions', definitionArb({ wild: true }), 100), TIMEOUT);

  it('on random mutations of valid definitions', () => run('validate: mutated definitions', mutatedArb(definitionArb({ wild: false })), 100), TIMEOUT);

  it('on arbitrary JSON values and strings', () => run('validate: arbitrary values', fc.oneof(jsonValue, hostileString, fc.jsonValue()), 100), TIMEOUT);
});
