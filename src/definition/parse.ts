import { AslValidationError } from '../errors.js';
import type { MachineDefinition } from './types.js';

/**
 * Turns JSON text or an already-parsed object into a definition object. Only JSON syntax is
 * checked here; `validate()` checks the shape.
 */
export function parseDefinition(definition: unknown): unknown {
  if (typeof definition !== 'string') return definition;
  try {
    return JSON.parse(definition) as unknown;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new AslValidationError([
      { severity: 'ERROR', code: 'INVALID_JSON_DESCRIPTION', message: `Definition is not valid JSON: ${message}`, location: '', path: [] },
    ]);
  }
}

export type { MachineDefinition };
