import { join } from 'node:path';
import { expect } from 'vitest';
import type { LoadedStateMachine } from '../../src/templates/index.js';
import { validate } from '../../src/validate/index.js';

/** A fixture file's absolute path. */
export const fixture = (...parts: string[]): string => join(import.meta.dirname, 'fixtures', ...parts);

/** The machine with `id`, failing the test when the loader did not find it. */
export function machine(loaded: readonly LoadedStateMachine[], id: string): LoadedStateMachine {
  const found = loaded.find((m) => m.id === id);
  expect(found, `state machine ${id} among ${loaded.map((m) => m.id).join(', ')}`).toBeDefined();
  return found!;
}

/** Asserts that the definition is valid ASL, showing the diagnostics when it is not. */
export function expectValid(m: LoadedStateMachine): void {
  const result = validate(m.definition, { type: m.type });
  expect(result.diagnostics.filter((d) => d.severity === 'ERROR')).toEqual([]);
  expect(result.valid).toBe(true);
}
