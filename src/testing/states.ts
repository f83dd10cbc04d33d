/**
 * Finds states by name anywhere in a definition (top level, Parallel branches and Map item
 * processors), since mocks and mock-config test cases name states at any depth. Reads the model
 * `validate()` built, so the testing toolkit sees states exactly as the engine runs them.
 */
import type { ValidatedDefinition } from '../definition/validated.js';
import { validate } from '../validate/index.js';

function isModel(v: unknown): v is ValidatedDefinition {
  return !!v && typeof v === 'object' && Array.isArray((v as ValidatedDefinition).states) && typeof (v as ValidatedDefinition).stateOf === 'function';
}

/**
 * Every state name (nested machines included) with its `Type`, from a machine's model
 * (`machine.model`) or a definition (validated here; an invalid one has no states to find).
 */
export function stateTypes(source: unknown): Map<string, string> {
  const model = isModel(source) ? source : validate(source).definition;
  const out = new Map<string, string>();
  for (const state of model?.states ?? []) if (!out.has(state.name)) out.set(state.name, state.type);
  return out;
}
