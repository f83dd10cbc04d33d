/** Definition text → compiled machine, or `InvalidDefinition` carrying the validator's diagnostics. */
import type { Diagnostic } from '../definition/diagnostic.js';
import { AslValidationError } from '../errors.js';
import { StateMachine } from '../runtime/state-machine.js';
import { validate } from '../validate/index.js';
import { ApiError } from './protocol.js';
import type { MachineType } from './registry.js';

/**
 * Compiles `definition` for a machine of `type` (EXPRESS also refuses `.sync`,
 * `.waitForTaskToken` and activities, as AWS does).
 * @throws ApiError `InvalidDefinition` whose message lists every error as AWS writes them.
 */
export function compileDefinition(definition: string, type: MachineType): StateMachine {
  const errors = validate(definition, { type, warnings: false }).diagnostics.filter((d) => d.severity === 'ERROR');
  if (errors.length) throw invalidDefinition(errors);
  try {
    return new StateMachine(definition);
  } catch (e) {
    if (e instanceof AslValidationError) throw invalidDefinition(e.diagnostics.filter((d) => d.severity === 'ERROR'));
    // A definition the validator passed but the compiler refused (reliability finding D6).
    throw new ApiError('InvalidDefinition', `Invalid State Machine Definition: '${e instanceof Error ? e.message : String(e)}'`);
  }
}

/** AWS's wording: `Invalid State Machine Definition: 'CODE: message at /pointer', …`. */
function invalidDefinition(errors: readonly Diagnostic[]): ApiError {
  const parts = errors.map((d) => `${d.code}: ${d.message}${d.location ? ` at ${d.location}` : ''}`);
  return new ApiError('InvalidDefinition', `Invalid State Machine Definition: '${parts.join("', '")}'`);
}
