import { AslUsageError } from '../errors.js';

/** A state plucked out of its machine, ready to run alone. */
export interface Isolated {
  /** The tested state's name. */
  readonly name: string;
  /** Its definition as given. */
  readonly state: Readonly<Record<string, unknown>>;
  /** The one-state machine (plus stubs) that runs it. */
  readonly machine: Record<string, unknown>;
  /** The effective query language of the machine around it. */
  readonly queryLanguage: 'JSONPath' | 'JSONata';
}

/** Name of the state that assigns the initial variables (dots keep it out of users' way). */
export const SETUP_STATE = 'asl-runtime.testState.variables';

/**
 * Builds a machine that runs one state. Every state it can transition to (Next, Default, Choice
 * rules' Next, catchers' Next) becomes a Succeed stub, so validation passes and the state after
 * it is visible in the history as the `nextState`; the original transitions stay untouched. A
 * transition to itself needs no stub (the caller stops the run when the next state is entered).
 * With `variables`, a Pass state first assigns them from the execution input, because a new
 * execution starts with none.
 */
export function isolate(definition: unknown, stateName: string | undefined, variables: Record<string, unknown> | undefined): Isolated {
  if (!definition || typeof definition !== 'object') throw new AslUsageError('testState: definition must be a state or a state machine object');
  const def = definition as { States?: Record<string, Record<string, unknown>>; StartAt?: string; QueryLanguage?: string; Type?: unknown };
  let name: string;
  let state: Record<string, unknown>;
  if (def.States && typeof def.States === 'object') {
    name = stateName ?? def.StartAt ?? '';
    const found = Object.prototype.hasOwnProperty.call(def.States, name) ? def.States[name] : undefined;
    if (!found) throw new AslUsageError(`testState: the state machine has no top-level state '${name}'`);
    state = found;
  } else {
    if (typeof def.Type !== 'string') throw new AslUsageError('testState: definition must be a state (with Type) or a state machine (with States)');
    name = stateName ?? 'TestState';
    state = definition as Record<string, unknown>;
  }
  const queryLanguage = def.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath';
  const states: Record<string, unknown> = { [name]: state };
  for (const target of targets(state)) if (target !== name && target !== SETUP_STATE) states[target] = { Type: 'Succeed' };
  let startAt = name;
  if (variables && Object.keys(variables).length) {
    states[SETUP_STATE] = setupState(Object.keys(variables), queryLanguage, name);
    startAt = SETUP_STATE;
  }
  const machine: Record<string, unknown> = { StartAt: startAt, States: states };
  if (def.QueryLanguage !== undefined && def.States) machine.QueryLanguage = def.QueryLanguage;
  return { name, state, machine, queryLanguage };
}

/** Every state name `state` may transition to. */
function targets(state: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  const add = (v: unknown) => typeof v === 'string' && out.add(v);
  add(state.Next);
  add(state.Default);
  if (Array.isArray(state.Choices)) for (const c of state.Choices) add((c as { Next?: unknown } | null)?.Next);
  if (Array.isArray(state.Catch)) for (const c of state.Catch) add((c as { Next?: unknown } | null)?.Next);
  return out;
}

/** The execution input is `{ variables, input }`; this state assigns the one and outputs the other. */
function setupState(names: string[], language: 'JSONPath' | 'JSONata', next: string): Record<string, unknown> {
  const assign: Record<string, string> = {};
  if (language === 'JSONata') {
    for (const n of names) assign[n] = `{% $states.input.variables.${n} %}`;
    return { Type: 'Pass', QueryLanguage: 'JSONata', Assign: assign, Output: '{% $states.input.input %}', Next: next };
  }
  for (const n of names) assign[`${n}.$`] = `$.variables.${n}`;
  return { Type: 'Pass', Assign: assign, OutputPath: '$.input', Next: next };
}
