import type { MachineDefinition, QueryLanguage, StateDefinition } from '../definition/types.js';
import type { ValidatedDefinition } from '../definition/validated.js';
import { AslUsageError } from '../errors.js';
import type { StateFlow } from './dataflow/flow.js';
import { jsonataFlow } from './dataflow/jsonata.js';
import { jsonPathFlow } from './dataflow/jsonpath.js';
import { CompiledMachine } from './machine.js';
import { compileChoice } from './states/choice.js';
import { Transitions, type CompiledState } from './states/common.js';
import { compileFail } from './states/fail.js';
import { compileMap } from './states/map.js';
import { compileParallel } from './states/parallel.js';
import { compilePass } from './states/pass.js';
import { compileSucceed } from './states/succeed.js';
import { compileTask } from './states/task.js';
import { compileWait } from './states/wait.js';

/**
 * Validated definition → CompiledMachine. Every state becomes a closure with its paths,
 * templates, expressions and choice rules compiled; nothing is parsed per transition. Only a
 * definition that passed `validate()` is accepted, and each state runs in the query language
 * the validator resolved for it.
 */
export function compileMachine(valid: ValidatedDefinition): CompiledMachine {
  return compileNested(valid.definition, valid);
}

function compileNested(def: MachineDefinition, model: ValidatedDefinition): CompiledMachine {
  const states = new Map<string, CompiledState>();
  const transitions = new Transitions();
  for (const [name, state] of Object.entries(def.States)) states.set(name, compileState(name, state, languageOf(state, model), model, transitions));
  // Each state now points at its successors: a transition costs no lookup by name.
  transitions.link(states);
  return new CompiledMachine(def.StartAt, states);
}

function languageOf(state: StateDefinition, model: ValidatedDefinition): QueryLanguage {
  const known = model.stateOf(state);
  if (!known) throw new AslUsageError('internal: a state the validator did not see was given to the compiler');
  return known.queryLanguage;
}

function compileState(name: string, def: StateDefinition, language: QueryLanguage, model: ValidatedDefinition, transitions: Transitions): CompiledState {
  const jsonata = language === 'JSONata';
  const flow = (kind: 'result' | 'none', catchers = (def as { Catch?: [] }).Catch ?? []): StateFlow =>
    jsonata ? jsonataFlow(def as object, kind, catchers) : jsonPathFlow(def as object, kind, catchers);
  switch (def.Type) {
    case 'Pass':
      return compilePass(name, def, flow(jsonata ? 'none' : 'result'), transitions);
    case 'Task':
      return compileTask(name, def, flow('result'), jsonata, transitions);
    case 'Choice':
      return compileChoice(name, def, flow('none'), jsonata, transitions);
    case 'Wait':
      return compileWait(name, def, flow('none'), jsonata, transitions);
    case 'Succeed':
      return compileSucceed(name, def, flow('none'));
    case 'Fail':
      return compileFail(name, def, jsonata);
    case 'Parallel':
      return compileParallel(name, def, flow('result'), def.Branches.map((b) => compileNested(b, model)), transitions);
    case 'Map': {
      const processor = (def.ItemProcessor ?? def.Iterator)!;
      // Map's Parameters is the legacy ItemSelector, not the state-level Parameters.
      const fields = { ...def, Parameters: undefined };
      const f = jsonata ? jsonataFlow(fields, 'result', def.Catch ?? []) : jsonPathFlow(fields, 'result', def.Catch ?? []);
      return compileMap(name, def, f, compileNested(processor, model), jsonata, transitions);
    }
  }
}
