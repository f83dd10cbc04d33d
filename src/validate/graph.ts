/**
 * Graph checks per (nested) machine: transition targets exist in the same `States`, StartAt,
 * reachability, a reachable terminal state; state names unique across the whole definition.
 */
import { get, isObject, type Collector, type Path } from './diagnostics.js';
import type { MachineInfo, Model, StateInfo } from './model.js';
import { closest } from './suggest.js';

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

/** A transition whose target is not a state of its machine, and the state it was probably meant to name. */
interface Broken {
  readonly edge: Edge;
  readonly what: string;
  readonly stateName?: string;
  readonly hint: string;
  /** The near-miss state name the did-you-mean offers; the graph is read as if the edge went there. */
  readonly meant?: string;
}

/**
 * One broken transition is one problem: the graph is read with each broken edge repaired to its
 * did-you-mean target, so states reached only through it are not also reported unreachable.
 * When a reached broken edge has no such target, it could lead anywhere, so unreachable states
 * and a missing end state are not reported until it is fixed (the root diagnostic says so).
 */
function checkMachine(machine: MachineInfo, owners: Map<string, StateInfo>, out: Collector): void {
  const { states } = machine;
  if (!isObject(get(machine.node, 'States')) || states.size === 0) return;
  const broken = new Map<string, Broken[]>();
  const breakEdge = (from: string, edge: Edge, what: string, stateName?: string): void => {
    const elsewhere = owners.get(edge.target);
    const meant = elsewhere === undefined ? closest(edge.target, states.keys()) : undefined;
    const hint = elsewhere !== undefined
      ? `; '${edge.target}' is in a different scope (${elsewhere.path.slice(0, -2).join('/') || 'top level'}) and transitions cannot cross a Parallel branch or Map iteration boundary`
      : meant !== undefined ? `; did you mean '${meant}'?` : '';
    const list = broken.get(from) ?? [];
    list.push(meant === undefined ? { edge, what, stateName, hint } : { edge, what, stateName, hint, meant });
    broken.set(from, list);
  };
  const startAt = get(machine.node, 'StartAt');
  const START = '\u0000StartAt';
  if (typeof startAt === 'string' && !states.has(startAt)) breakEdge(START, { target: startAt, path: [...machine.path, 'StartAt'] }, 'StartAt');
  const start = typeof startAt !== 'string' ? undefined : states.has(startAt) ? startAt : broken.get(START)?.[0]?.meant;

  const edges = new Map<string, string[]>();
  for (const state of states.values()) {
    const targets: string[] = [];
    for (const edge of transitions(state)) {
      if (states.has(edge.target)) targets.push(edge.target);
      else breakEdge(state.name, edge, 'transition target', state.name);
    }
    for (const b of broken.get(state.name) ?? []) if (b.meant !== undefined) targets.push(b.meant);
    edges.set(state.name, targets);
  }
  const seen = new Set<string>();
  if (start !== undefined) {
    seen.add(start);
    const queue = [start];
    while (queue.length > 0) {
      for (const target of edges.get(queue.pop()!) ?? []) {
        if (!seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
  }
  // a reached broken edge without a likely target could have led to any state
  const open = [...broken].some(([from, list]) => (from === START || seen.has(from)) && list.some((b) => b.meant === undefined));
  const unreached = [...states.values()].filter((s) => !seen.has(s.name));
  for (const [from, list] of broken) {
    for (const b of list) {
      const folded = b.meant === undefined && (from === START || seen.has(from)) && unreached.length > 0
        ? `; states not reached otherwise (${unreached.slice(0, 5).map((s) => `'${s.name}'`).join(', ')}${unreached.length > 5 ? ', …' : ''}) are not reported unreachable until it is fixed`
        : '';
      out.error('MISSING_TRANSITION_TARGET', b.edge.path, `${b.what} '${b.edge.target}' is not a state of this state machine${b.hint}${folded}`, b.stateName);
    }
  }
  if (start !== undefined && !open) {
    const from = start === startAt ? `StartAt '${start}'` : `StartAt (taking '${String(startAt)}' as '${start}')`;
    for (const state of unreached) out.error('UNREACHABLE_STATE', state.path, `state '${state.name}' is not reachable from ${from}`, state.name);
    if (![...seen].some((name) => isTerminal(states.get(name)!))) {
      out.error('MISSING_END_STATE', [...machine.path, 'States'], 'no terminal state (End: true, Succeed or Fail) is reachable from StartAt');
    }
  } else if (![...states.values()].some(isTerminal)) {
    out.error('MISSING_END_STATE', [...machine.path, 'States'], 'the state machine has no terminal state (End: true, Succeed or Fail)');
  }
}
