/** validate() never throws, never hangs and never mutates its input, whatever it is given. */
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/validate/index.js';
import { LAMBDA } from './helpers.js';

/** Small deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = ['Type', 'Task', 'Pass', 'Map', 'Choice', 'Parallel', 'Next', 'End', 'States', 'StartAt', 'Branches', 'ItemProcessor', 'Iterator',
  'Choices', 'And', 'Not', 'Variable', 'Catch', 'Retry', 'ErrorEquals', 'Parameters', 'x.$', 'Assign', 'Output', 'QueryLanguage', 'JSONata',
  '__proto__', 'constructor', '$.a', '{% $x %}', '{% ( %}', "States.Format('{}')", 'States.ALL', '\u0000', '\ud800', 'A', 'B', ''];

function randomValue(r: () => number, depth: number): unknown {
  const pick = r();
  if (depth > 6 || pick < 0.3) {
    const leaves = [null, true, false, 0, -1, 1.5, 1e308, WORDS[Math.floor(r() * WORDS.length)], ''];
    return leaves[Math.floor(r() * leaves.length)];
  }
  if (pick < 0.45) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
  const obj: Record<string, unknown> = {};
  const n = Math.floor(r() * 5);
  for (let i = 0; i < n; i++) {
    const key = WORDS[Math.floor(r() * WORDS.length)]!; // r() is in [0, 1)
    Object.defineProperty(obj, key, { value: randomValue(r, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return obj;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

describe('robustness', () => {
  it('handles odd top-level inputs', () => {
    for (const input of [null, undefined, 0, 'x', '{', '[]', '"\\u0000"', [], {}, { States: null }, { StartAt: 1, States: [] }, new Date(0), Symbol('s'), () => 1, BigInt(1)]) {
      const result = validate(input);
      expect(result.valid).toBe(false);
    }
  });

  it('survives random definitions (object and text) without throwing or internal errors', () => {
    const r = rng(42);
    for (let i = 0; i < 1500; i++) {
      const value = r() < 0.5 ? randomValue(r, 0) : { StartAt: 'A', States: { A: randomValue(r, 2), B: randomValue(r, 2) } };
      const result = validate(value);
      expect(result.diagnostics.filter((d) => d.code === 'VALIDATOR_INTERNAL_ERROR'), JSON.stringify(value)).toEqual([]);
      const text = JSON.stringify(value);
      if (text !== undefined) validate(text);
    }
  });

  it('survives random text', () => {
    const r = rng(7);
    const chars = '{}[]":,.$ \n\tabc01-eE+\\u';
    for (let i = 0; i < 1000; i++) {
      const text = Array.from({ length: Math.floor(r() * 40) }, () => chars[Math.floor(r() * chars.length)]).join('');
      const result = validate(text);
      expect(result.diagnostics.every((d) => d.code !== 'VALIDATOR_INTERNAL_ERROR')).toBe(true);
    }
  });

  it('reports TOO_DEEPLY_NESTED for 10,000 levels of nesting, object and text', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10000; i++) deep = { a: deep };
    const def = { StartAt: 'A', States: { A: { Type: 'Pass', Result: deep, End: true } } };
    expect(validate(def).diagnostics.map((d) => d.code)).toEqual(['TOO_DEEPLY_NESTED']);
    const text = '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Result":' + '['.repeat(10000) + ']'.repeat(10000) + '}}}';
    expect(validate(text).diagnostics.map((d) => d.code)).toEqual(['TOO_DEEPLY_NESTED']);
    expect(validate('['.repeat(10000)).diagnostics.map((d) => d.code)).toEqual(['INVALID_JSON_DESCRIPTION']);
  });

  it('handles deeply nested Parallel states below the limit', () => {
    let machine: Record<string, unknown> = { StartAt: 'L0', States: { L0: { Type: 'Pass', End: true } } };
    for (let i = 1; i < 150; i++) machine = { StartAt: `L${i}`, States: { [`L${i}`]: { Type: 'Parallel', Branches: [machine], End: true } } };
    // A hang would hit vitest's per-test timeout; no timing is asserted here.
    expect(validate(machine).valid).toBe(true);
  });

  it('treats __proto__ keys as plain data', () => {
    const text = '{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"__proto__":{"x.$":"$.a"}},"End":true},"__proto__":{"Type":"Pass","End":true}}}';
    const result = validate(text);
    expect(result.diagnostics.map((d) => `${d.code} ${d.location}`)).toEqual(['UNREACHABLE_STATE /States/__proto__']);
    expect(({} as Record<string, unknown>).Type).toBeUndefined();
  });

  it('does not mutate its input', () => {
    const def = deepFreeze({
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', Branches: [{ StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, Parameters: { 'a.$': '$.x' }, End: true } } }], Next: 'M' },
        M: { Type: 'Map', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, End: true },
      },
    });
    const before = JSON.stringify(def);
    expect(validate(def).valid).toBe(true);
    expect(JSON.stringify(def)).toBe(before);
  });
});

describe('robustness: non-JSON object graphs and extreme text', () => {
  it('cyclic objects end with an error instead of hanging', () => {
    const params: Record<string, unknown> = {};
    params.a = params;
    params.b = params;
    const def = { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: params, End: true } } };
    const result = validate(def);
    expect(result.valid).toBe(false);
  });

  it('deeply nested choice rules below the limit', () => {
    let rule: Record<string, unknown> = { Variable: '$.a', IsPresent: true };
    for (let i = 0; i < 400; i++) rule = { Not: rule };
    const def = { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ ...rule, Next: 'D' }], Default: 'D' }, D: { Type: 'Succeed' } } };
    expect(validate(def).diagnostics).toEqual([]);
  });

  it('1,000,000 levels of JSON text', () => {
    const text = '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Result":' + '['.repeat(1_000_000) + ']'.repeat(1_000_000) + '}}}';
    expect(validate(text).diagnostics.map((d) => d.code)).toEqual(['TOO_DEEPLY_NESTED']);
  }, 60_000); // a hang guard for a loaded CI machine, not a speed assertion
});
