/** Turns the validator's model of a valid definition into the public ValidatedDefinition. */
import type { MachineDefinition, StateDefinition, StateType } from '../definition/types.js';
import type { ValidatedDefinition, ValidatedState } from '../definition/validated.js';
import { get, isObject, toPointer } from './diagnostics.js';
import type { Model, StateInfo } from './model.js';

/** Every state a state can go to: Next, Default, each Choice rule's and each catcher's Next. */
function transitionsOf(node: Record<string, unknown>): string[] {
  const out: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === 'string' && !out.includes(v)) out.push(v);
  };
  add(get(node, 'Next'));
  add(get(node, 'Default'));
  for (const list of [get(node, 'Choices'), get(node, 'Catch')]) {
    if (Array.isArray(list)) for (const item of list) if (isObject(item)) add(get(item, 'Next'));
  }
  return out;
}

function toState(info: StateInfo): ValidatedState {
  return {
    name: info.name,
    type: get(info.node, 'Type') as StateType,
    queryLanguage: info.language,
    location: toPointer(info.path),
    path: info.path,
    depth: info.machine.level,
    transitions: transitionsOf(info.node),
    node: info.node as unknown as StateDefinition,
  };
}

/** The model of a definition that has no ERROR diagnostic. */
export function validatedDefinition(definition: Record<string, unknown>, model: Model): ValidatedDefinition {
  const states = model.states.map(toState);
  const byNode = new Map<object, ValidatedState>(states.map((s) => [s.node, s]));
  return {
    definition: definition as unknown as MachineDefinition,
    queryLanguage: model.topLanguage,
    states,
    stateOf: (node) => byNode.get(node),
  };
}
