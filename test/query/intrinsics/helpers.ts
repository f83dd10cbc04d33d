/**
 * Test support: a deliberately small path compiler (the engine supplies the real one) and a scope
 * with pinned randomness, so every test drives `compileIntrinsic` the way the engine will.
 */
import { expect } from 'vitest';
import { DataFlowError } from '../../../src/errors.js';
import { compileIntrinsic } from '../../../src/query/intrinsics/index.js';
import type { EvalScope, Evaluator } from '../../../src/query/scope.js';

const SEGMENT = /\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\['([^']*)'\]/y;

/** Supports `$`, `$$`, `$name` followed by `.field`, `[0]` and `['field']` segments. */
export function testPathCompiler(path: string): Evaluator {
  const root = /^(\$\$|\$[A-Za-z_][A-Za-z0-9_]*|\$)/.exec(path)?.[0];
  if (!root) throw new Error(`not a path: ${path}`);
  const steps: (string | number)[] = [];
  SEGMENT.lastIndex = root.length;
  while (SEGMENT.lastIndex < path.length) {
    const match = SEGMENT.exec(path);
    if (!match) throw new Error(`unsupported path: ${path}`);
    steps.push(match[2] !== undefined ? Number(match[2]) : (match[1] ?? match[3])!);
  }
  return (scope) => {
    let value: unknown;
    if (root === '$') value = scope.input;
    else if (root === '$$') value = scope.context;
    else {
      const name = root.slice(1);
      if (!(name in scope.variables)) return undefined;
      value = scope.variables[name];
    }
    for (const step of steps) {
      if (value === null || typeof value !== 'object') return undefined;
      if (typeof step === 'number' ? !Array.isArray(value) || step >= value.length : !Object.hasOwn(value, step)) {
        return undefined;
      }
      value = (value as Record<string | number, unknown>)[step];
    }
    return value;
  };
}

export function scope(input: unknown = {}, overrides: Partial<EvalScope> = {}): EvalScope {
  return {
    input,
    context: { Execution: { Id: 'arn:aws:states:us-east-1:123456789012:execution:Demo:run-1' } },
    variables: {},
    random: () => 0.5,
    uuid: () => '11111111-2222-4333-8444-555555555555',
    ...overrides,
  };
}

/** Compiles `text` and evaluates it against `input` (or a full scope). */
export function run(text: string, input: unknown = {}, overrides: Partial<EvalScope> = {}): unknown {
  return compileIntrinsic(text, testPathCompiler)(scope(input, overrides));
}

/** Runs `text`, expecting AWS's run-time failure; returns the cause for further checks. */
export function runFailure(text: string, input: unknown = {}, overrides: Partial<EvalScope> = {}): string {
  let caught: unknown;
  try {
    run(text, input, overrides);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DataFlowError);
  const failure = caught as DataFlowError;
  expect(failure.error).toBe('States.Runtime');
  expect(failure.cause.startsWith(`The function '${text.trim()}' had the following error: `)).toBe(true);
  return failure.cause;
}
