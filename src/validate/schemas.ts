/**
 * The ASL JSON Schemas (schemas/*.json), bundled into the build via JSON imports, and the field
 * sets derived from them.
 */
import defs from '../../schemas/defs.json' with { type: 'json' };
import stateMachine from '../../schemas/state-machine.json' with { type: 'json' };
import pass from '../../schemas/states/pass.json' with { type: 'json' };
import task from '../../schemas/states/task.json' with { type: 'json' };
import choice from '../../schemas/states/choice.json' with { type: 'json' };
import wait from '../../schemas/states/wait.json' with { type: 'json' };
import succeed from '../../schemas/states/succeed.json' with { type: 'json' };
import fail from '../../schemas/states/fail.json' with { type: 'json' };
import parallel from '../../schemas/states/parallel.json' with { type: 'json' };
import map from '../../schemas/states/map.json' with { type: 'json' };

/** The eight state types. */
export const STATE_TYPES = ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const;
export type StateType = (typeof STATE_TYPES)[number];
export type QueryLanguage = 'JSONPath' | 'JSONata';

/** Schema documents by state type. */
export const STATE_SCHEMAS: Record<StateType, { $id: string; $defs: Record<string, unknown> }> = {
  Pass: pass, Task: task, Choice: choice, Wait: wait, Succeed: succeed, Fail: fail, Parallel: parallel, Map: map,
};

/** Every schema document, for registration with ajv. */
export const ALL_SCHEMAS: readonly object[] = [defs, stateMachine, pass, task, choice, wait, succeed, fail, parallel, map];

/** The `$id` of the top-level state machine schema. */
export const STATE_MACHINE_SCHEMA_ID: string = stateMachine.$id;

/** Top-level fields of a state machine. */
export const TOP_LEVEL_FIELDS: readonly string[] = Object.keys(stateMachine.properties);

/** Fields of a nested machine (Parallel branch, Map Iterator). */
export const NESTED_MACHINE_FIELDS: readonly string[] = ['Comment', 'StartAt', 'QueryLanguage', 'States'];

function propertiesOf(schema: unknown): string[] {
  const props = (schema as { properties?: Record<string, unknown> }).properties;
  return props === undefined ? [] : Object.keys(props);
}

const fieldCache = new Map<string, ReadonlySet<string>>();

/** Fields a state of this type may have in this query language (from the schemas). */
export function stateFields(type: StateType, language: QueryLanguage): ReadonlySet<string> {
  const key = type + language;
  let set = fieldCache.get(key);
  if (set === undefined) {
    set = new Set(propertiesOf(STATE_SCHEMAS[type].$defs[language === 'JSONata' ? 'jsonata' : 'jsonpath']));
    fieldCache.set(key, set);
  }
  return set;
}

/** Operators and fields of a JSONPath choice rule. */
export const JSONPATH_RULE_FIELDS: ReadonlySet<string> = new Set(propertiesOf(choice.$defs.topRule));
/** Fields of a JSONata choice rule. */
export const JSONATA_RULE_FIELDS: ReadonlySet<string> = new Set(propertiesOf(choice.$defs.jsonataRule));
/** The comparison operators (data-test fields) of JSONPath choice rules. */
export const COMPARISON_OPERATORS: ReadonlySet<string> = new Set(
  propertiesOf(choice.$defs.nestedRule).filter((k) => !['Variable', 'And', 'Or', 'Not', 'Comment'].includes(k)),
);
