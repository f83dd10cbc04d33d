/**
 * Graph checks per (nested) machine: transition targets exist in the same `States`, StartAt,
 * reachability, a reachable terminal state; state names unique across the whole definition.
 */
import { get, isObject, type Collector, type Path } from './diagnostics.js';
import type { MachineInfo, Model, StateInfo } from './model.js';
import { didYouMean } from './suggest.js';

interface Edge {
  readonly target: string;
  readonly path: Path;
}

/** The transitions out of a state: Next, Default, Choices[i].Next, Catch[i].Next. */
export function transitions(state: StateInfo): Edge[] {
  const { node, path } = state;
  const edges: Edge[] = [];
  const next = get(node, 'Next');
  if (typeof next === 'string') edges.push({ target: next, path: [...path, 'Next'] });
  const def = get(node, 'Default');
  if (typeof def === 'string' && get(node, 'Type') === 'Choice') edges.push({ target: def, path: [...path, 'Default'] });
  for (const key of ['Choices', 'Catch']) {
    const list = get(node, key);
    if (!Array.isArray(list)) continue;
    list.forEach((item, i) => {
      if (isObject(item)) {
        const n = get(item, 'Next');
        if (typeof n === 'string') edges.push({ target: n, path: [...path, key, i, 'Next'] });
      }
    });
  }
  return edges;
}

function isTerminal(state: StateInfo): boolean {
  const type = get(state.node, 'Type');
  return type === 'Succeed' || type === 'Fail' || get(state.node, 'End') === true;
}

/** Runs all graph checks. */
export function checkGraph(model: Model, out: Collector): void {
  const owners = new Map<string, StateInfo>();
  for (const state of model.states) {
    const first = owners.get(state.name);
    if (first === undefined) owners.set(state.name, state);
    else out.error('DUPLICATE_STATE_NAME', state.path, `state name '${state.name}' is already used at ${first.path.join('/')}; state names must be unique in the whole state machine`, state.name);
    if (state.name.length === 0 || state.name.length > 80) {
      out.error('INVALID_STATE_NAME', state.path, `state name must be 1 to 80 characters long (has ${state.name.length})`, state.name);
    }
  }
  for (const machine of model.machines) checkMachine(machine, owners, out);
}

function checkMachine(machine: MachineInfo, owners: Map<string, StateInfo>, out: Collector): void {
  const { states } = machine;
  if (!isObject(get(machine.node, 'States')) || states.size === 0) return;
  const reportMissing = (target: string, at: Path, what: string, stateName?: string): void => {
    const elsewhere = owners.get(target);
    const hint = elsewhere !== undefined
      ? `; '${target}' is in a different scope (${elsewhere.path.slice(0, -2).join('/') || 'top level'}) and transitions cannot cross a Parallel branch or Map iteration boundary`
      : didYouMean(target, states.keys());
    out.error('MISSING_TRANSITION_TARGET', at, `${what} '${target}' is not a state of this state machine${hint}`, stateName);
  };
  const startAt = get(machine.node, 'StartAt');
  const startValid = typeof startAt === 'string' && states.has(startAt);
  if (typeof startAt === 'string' && !startValid) reportMissing(startAt, [...machine.path, 'StartAt'], 'StartAt');

  const edges = new Map<string, Edge[]>();
  for (const state of states.values()) {
    const list = transitions(state);
    edges.set(state.name, list);
    for (const edge of list) if (!states.has(edge.target)) reportMissing(edge.target, edge.path, 'transition target', state.name);
  }
  if (startValid) {
    const seen = new Set<string>([startAt]);
    const queue = [startAt];
    while (queue.length > 0) {
      const name = queue.pop()!;
      for (const edge of edges.get(name) ?? []) {
        if (states.has(edge.target) && !seen.has(edge.target)) {
          seen.add(edge.target);
          queue.push(edge.target);
        }
      }
    }
    for (const state of states.values()) {
      if (!seen.has(state.name)) out.error('UNREACHABLE_STATE', state.path, `state '${state.name}' is not reachable from StartAt '${startAt}'`, state.name);
    }
    if (![...seen].some((name) => isTerminal(states.get(name)!))) {
      out.error('MISSING_END_STATE', [...machine.path, 'States'], 'no terminal state (End: true, Succeed or Fail) is reachable from StartAt');
    }
  } else if (![...states.values()].some(isTerminal)) {
    out.error('MISSING_END_STATE', [...machine.path, 'States'], 'the state machine has no terminal state (End: true, Succeed or Fail)');
  }
}
