/**
 * The state types and query languages, and the field sets derived from the ASL JSON Schemas
 * (schemas/*.json) at build time: the schema documents themselves do not ship in the bundle.
 */
import { FIELDS } from './schema-validators.generated.js';

/** The eight state types. */
export const STATE_TYPES = ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const;
export type StateType = (typeof STATE_TYPES)[number];
export type QueryLanguage = 'JSONPath' | 'JSONata';

/** Top-level fields of a state machine. */
export const TOP_LEVEL_FIELDS: readonly string[] = FIELDS.topLevel;

/** Fields of a nested machine (Parallel branch, Map Iterator). */
export const NESTED_MACHINE_FIELDS: readonly string[] = ['Comment', 'StartAt', 'QueryLanguage', 'States'];

const fieldCache = new Map<string, ReadonlySet<string>>();

/** Fields a state of this type may have in this query language (from the schemas). */
export function stateFields(type: StateType, language: QueryLanguage): ReadonlySet<string> {
  const key = type + language;
  let set = fieldCache.get(key);
  if (set === undefined) {
    set = new Set(FIELDS.states[type][language]);
    fieldCache.set(key, set);
  }
  return set;
}

/** Operators and fields of a JSONPath choice rule. */
export const JSONPATH_RULE_FIELDS: ReadonlySet<string> = new Set(FIELDS.jsonpathRule);
/** Fields of a JSONata choice rule. */
export const JSONATA_RULE_FIELDS: ReadonlySet<string> = new Set(FIELDS.jsonataRule);
/** The comparison operators (data-test fields) of JSONPath choice rules. */
export const COMPARISON_OPERATORS: ReadonlySet<string> = new Set(
  FIELDS.nestedRule.filter((k) => !['Variable', 'And', 'Or', 'Not', 'Comment'].includes(k)),
);
