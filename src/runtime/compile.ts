import type { MachineDefinition, QueryLanguage, StateDefinition } from '../definition/types.js';
import type { StateFlow } from './dataflow/flow.js';
import { jsonataFlow } from './dataflow/jsonata.js';
import { jsonPathFlow } from './dataflow/jsonpath.js';
import { CompiledMachine } from './machine.js';
import { compileChoice } from './states/choice.js';
import type { CompiledState } from './states/common.js';
import { compileFail } from './states/fail.js';
import { compileMap } from './states/map.js';
import { compileParallel } from './states/parallel.js';
import { compilePass } from './states/pass.js';
import { compileSucceed } from './states/succeed.js';
import { compileTask } from './states/task.js';
import { compileWait } from './states/wait.js';

/**
 * Definition → CompiledMachine. Every state becomes a closure with its paths, templates,
 * expressions and choice rules compiled; nothing is parsed per transition. Expects a
 * definition that passed `validate()`.
 */
export function compileMachine(def: MachineDefinition, inherited: QueryLanguage = 'JSONPath'): CompiledMachine {
  const language = def.QueryLanguage ?? inherited;
  const states = new Map<string, CompiledState>();
  for (const [name, state] of Object.entries(def.States)) states.set(name, compileState(name, state, language));
  return new CompiledMachine(def.StartAt, states);
}

function compileState(name: string, def: StateDefinition, inherited: QueryLanguage): CompiledState {
  const language = def.QueryLanguage ?? inherited;
  const jsonata = language === 'JSONata';
  const flow = (kind: 'result' | 'none', catchers = (def as { Catch?: [] }).Catch ?? []): StateFlow =>
    jsonata ? jsonataFlow(def as object, kind, catchers) : jsonPathFlow(def as object, kind, catchers);
  switch (def.Type) {
    case 'Pass':
      return compilePass(name, def, flow(jsonata ? 'none' : 'result'));
    case 'Task':
      return compileTask(name, def, flow('result'), jsonata);
    case 'Choice':
      return compileChoice(name, def, flow('none'), jsonata);
    case 'Wait':
      return compileWait(name, def, flow('none'), jsonata);
    case 'Succeed':
      return compileSucceed(name, def, flow('none'));
    case 'Fail':
      return compileFail(name, def, jsonata);
    case 'Parallel':
      return compileParallel(name, def, flow('result'), def.Branches.map((b) => compileMachine(b, language)));
    case 'Map': {
      const processor = (def.ItemProcessor ?? def.Iterator)!;
      // Map's Parameters is the legacy ItemSelector, not the state-level Parameters.
      const fields = { ...def, Parameters: undefined };
      const f = jsonata ? jsonataFlow(fields, 'result', def.Catch ?? []) : jsonPathFlow(fields, 'result', def.Catch ?? []);
      return compileMap(name, def, f, compileMachine(processor, language), jsonata);
    }
  }
}
