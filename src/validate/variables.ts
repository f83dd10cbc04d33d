/**
 * Variable scope check: a Parallel branch or Map iteration cannot assign a variable that an
 * enclosing scope assigns. AWS's exact validation rule is not documented, so this is a WARNING.
 */
import { get, isObject, type Collector, type Path } from './diagnostics.js';
import type { MachineInfo, Model, StateInfo } from './model.js';

/** Every (name, location) a state assigns: state-level, Choice rules and catchers. */
function assignments(state: StateInfo): { name: string; path: Path }[] {
  const found: { name: string; path: Path }[] = [];
  const collect = (assign: unknown, at: Path): void => {
    if (!isObject(assign)) return;
    for (const key of Object.keys(assign)) found.push({ name: key.endsWith('.$') ? key.slice(0, -2) : key, path: [...at, key] });
  };
  collect(get(state.node, 'Assign'), [...state.path, 'Assign']);
  for (const list of ['Choices', 'Catch']) {
    const items = get(state.node, list);
    if (Array.isArray(items)) items.forEach((item, i) => { if (isObject(item)) collect(get(item, 'Assign'), [...state.path, list, i, 'Assign']); });
  }
  return found;
}

/** Warns when an inner scope assigns a name an outer scope assigns. */
export function checkVariableScopes(model: Model, out: Collector): void {
  const byMachine = new Map<MachineInfo, Set<string>>();
  for (const state of model.states) {
    let names = byMachine.get(state.machine);
    if (names === undefined) byMachine.set(state.machine, (names = new Set()));
    for (const a of assignments(state)) names.add(a.name);
  }
  for (const state of model.states) {
    if (state.machine.level === 0) continue;
    const outer = new Set<string>();
    for (let owner = state.machine.owner; owner !== undefined; owner = owner.machine.owner) {
      for (const n of byMachine.get(owner.machine) ?? []) outer.add(n);
    }
    for (const a of assignments(state)) {
      if (outer.has(a.name)) {
        out.warn('VARIABLE_SCOPE_CONFLICT', a.path, `variable '${a.name}' is assigned in an enclosing scope; a Parallel branch or Map iteration cannot assign an outer variable`, state.name);
      }
    }
  }
}
