/**
 * Walks a definition into a flat list of (nested) machines and states, resolving each state's
 * effective query language. Reports structural problems of machines (StartAt, States shape).
 */
import { get, has, isObject, type Collector, type Path } from './diagnostics.js';
import { declaredLanguage, stateLanguage, type MachineDefault } from './query-language.js';
import type { QueryLanguage } from './schemas.js';
import { didYouMean } from './suggest.js';

/** A state machine or a nested one (Parallel branch, Map ItemProcessor/Iterator). */
export interface MachineInfo {
  readonly node: Record<string, unknown>;
  readonly path: Path;
  /** States of this machine keyed by name (empty when `States` is not an object). */
  readonly states: Map<string, StateInfo>;
  /** Nesting level: 0 for the top-level machine. */
  readonly level: number;
  /** The state owning this nested machine. */
  readonly owner?: StateInfo;
}

/** One state with where it lives and its effective query language. */
export interface StateInfo {
  readonly name: string;
  readonly node: Record<string, unknown>;
  readonly path: Path;
  readonly machine: MachineInfo;
  readonly language: QueryLanguage;
}

/** All machines and states of a definition. */
export interface Model {
  readonly topLanguage: QueryLanguage;
  readonly machines: MachineInfo[];
  readonly states: StateInfo[];
}

/** Builds the model; `root` must be an object. */
export function buildModel(root: Record<string, unknown>, out: Collector): Model {
  const topLanguage: QueryLanguage = declaredLanguage(root) ?? 'JSONPath';
  const model: Model = { topLanguage, machines: [], states: [] };
  // explicit work list instead of recursion
  const work: { node: Record<string, unknown>; path: Path; level: number; def: MachineDefault; fallback: QueryLanguage; owner?: StateInfo }[] = [
    { node: root, path: [], level: 0, def: topLanguage, fallback: topLanguage },
  ];
  while (work.length > 0) {
    const item = work.shift()!;
    const machine: MachineInfo = { node: item.node, path: item.path, states: new Map(), level: item.level, owner: item.owner };
    model.machines.push(machine);
    checkMachineShape(machine, out);
    const states = get(item.node, 'States');
    if (!isObject(states)) continue;
    for (const name of Object.keys(states)) {
      const node = states[name];
      const path = [...item.path, 'States', name];
      if (!isObject(node)) {
        out.error('SCHEMA_VALIDATION_FAILED', path, `state '${name}' must be a JSON object`, name);
        continue;
      }
      const language = stateLanguage(node, item.def, item.fallback);
      const state: StateInfo = { name, node, path, machine, language };
      machine.states.set(name, state);
      model.states.push(state);
      for (const [nested, nestedPath] of nestedMachines(node, path)) {
        const own = declaredLanguage(nested);
        if (own === 'JSONPath' && topLanguage === 'JSONata') {
          out.error('FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE', [...nestedPath, 'QueryLanguage'], 'a state machine whose top-level QueryLanguage is JSONata cannot contain JSONPath states', name);
        }
        let def: MachineDefault;
        if (own !== undefined) def = own;
        else if (topLanguage === 'JSONata' || language === topLanguage) def = language;
        else def = 'infer';
        work.push({ node: nested, path: nestedPath, level: item.level + 1, def, fallback: own ?? language, owner: state });
      }
    }
  }
  return model;
}

/** The nested machines a state owns, with their paths. */
export function nestedMachines(node: Record<string, unknown>, path: Path): [Record<string, unknown>, Path][] {
  const out: [Record<string, unknown>, Path][] = [];
  const type = get(node, 'Type');
  if (type === 'Parallel') {
    const branches = get(node, 'Branches');
    if (Array.isArray(branches)) branches.forEach((b, i) => { if (isObject(b)) out.push([b, [...path, 'Branches', i]]); });
  } else if (type === 'Map') {
    for (const key of ['ItemProcessor', 'Iterator']) {
      const m = get(node, key);
      if (isObject(m)) out.push([m, [...path, key]]);
    }
  }
  return out;
}

function checkMachineShape(machine: MachineInfo, out: Collector): void {
  const { node, path, level } = machine;
  // nested machines are covered by the Parallel / Map schemas
  if (level > 0) return;
  const where = level === 0 ? 'the state machine' : `the nested state machine at ${path.join('/')}`;
  if (!has(node, 'StartAt')) out.error('SCHEMA_VALIDATION_FAILED', path, `${where} is missing required field 'StartAt'`);
  else if (typeof node.StartAt !== 'string') out.error('SCHEMA_VALIDATION_FAILED', [...path, 'StartAt'], "'StartAt' must be a string");
  if (!has(node, 'States')) out.error('SCHEMA_VALIDATION_FAILED', path, `${where} is missing required field 'States'`);
  else if (!isObject(node.States)) out.error('SCHEMA_VALIDATION_FAILED', [...path, 'States'], "'States' must be a JSON object");
  else if (Object.keys(node.States).length === 0) out.error('SCHEMA_VALIDATION_FAILED', [...path, 'States'], "'States' must contain at least one state");
  if (has(node, 'QueryLanguage') && declaredLanguage(node) === undefined) {
    out.error('SCHEMA_VALIDATION_FAILED', [...path, 'QueryLanguage'], "'QueryLanguage' must be \"JSONPath\" or \"JSONata\"");
  }
  if (has(node, 'Comment') && typeof node.Comment !== 'string') out.error('SCHEMA_VALIDATION_FAILED', [...path, 'Comment'], "'Comment' must be a string");
  if (level === 0) {
    const allowed = ['Comment', 'StartAt', 'States', 'Version', 'TimeoutSeconds', 'QueryLanguage'];
    for (const key of Object.keys(node)) {
      if (!allowed.includes(key)) out.error('SCHEMA_VALIDATION_FAILED', [...path, key], `the state machine has no field '${key}'${didYouMean(key, allowed)}`);
    }
    if (has(node, 'Version') && node.Version !== '1.0') out.error('SCHEMA_VALIDATION_FAILED', ['Version'], "'Version' must be \"1.0\"");
    if (has(node, 'TimeoutSeconds')) {
      const t = node.TimeoutSeconds;
      if (typeof t !== 'number' || !Number.isInteger(t) || t < 1) out.error('SCHEMA_VALIDATION_FAILED', ['TimeoutSeconds'], "'TimeoutSeconds' must be a positive integer");
    }
  }
}
