/** Reads a definition for drawing: JSON text or an object, validated as the runtime would. */
import type { MachineDefinition } from '../definition/types.js';
import { parseDefinition } from '../definition/parse.js';
import { AslValidationError } from '../errors.js';
import { validate } from '../validate/index.js';

/**
 * Parses and validates `definition`. An invalid one throws {@link AslValidationError} with the
 * validator's diagnostics, so a drawing never shows a machine the runtime would refuse.
 */
export function loadDefinition(definition: unknown): MachineDefinition {
  // Validating the text itself gives diagnostics with line and column.
  const result = validate(definition, { warnings: false });
  if (!result.valid) throw new AslValidationError(result.diagnostics);
  return parseDefinition(definition) as MachineDefinition;
}
