/** Intrinsic for unique identifier generation: States.UUID. */
import { describe, expect, it } from 'vitest';
import { compileIntrinsic } from '../../../src/query/intrinsics/index.js';
import { run, testPathCompiler } from './helpers.js';

describe('States.UUID', () => {
  it("returns the execution's injected UUID, a fresh one per evaluation", () => {
    let n = 0;
    const uuid = (): string => `00000000-0000-4000-8000-00000000000${n++}`;
    const evaluate = compileIntrinsic('States.Array(States.UUID(), States.UUID())', testPathCompiler);
    expect(run('States.UUID()', {}, { uuid })).toBe('00000000-0000-4000-8000-000000000000');
    expect(evaluate({ input: {}, context: {}, variables: {}, random: Math.random, uuid })).toEqual([
      '00000000-0000-4000-8000-000000000001',
      '00000000-0000-4000-8000-000000000002',
    ]);
  });

  it('takes no arguments', () => {
    expect(() => compileIntrinsic("States.UUID('seed')", testPathCompiler)).toThrow('States.UUID takes exactly 0 arguments, but was given 1');
  });
});
