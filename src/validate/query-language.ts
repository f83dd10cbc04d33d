/** Query-language dispatch: the effective language of a state and the fields of the other language. */
import { get, isObject } from './diagnostics.js';
import { stateFields, type QueryLanguage, type StateType } from './schemas.js';

/** Reads a valid `QueryLanguage` value, or undefined. */
export function declaredLanguage(node: Record<string, unknown>): QueryLanguage | undefined {
  const value = get(node, 'QueryLanguage');
  return value === 'JSONPath' || value === 'JSONata' ? value : undefined;
}

/** A machine's default for its states: a language, or `infer` when it cannot be known statically. */
export type MachineDefault = QueryLanguage | 'infer';

const JSONATA_MARKERS = ['Arguments', 'Output', 'Items'];
const JSONPATH_MARKERS = ['Parameters', 'InputPath', 'OutputPath', 'ResultPath', 'ResultSelector', 'Result', 'Iterator', 'ItemsPath',
  'SecondsPath', 'TimestampPath', 'ErrorPath', 'CausePath', 'TimeoutSecondsPath', 'HeartbeatSecondsPath', 'MaxConcurrencyPath',
  'ToleratedFailureCountPath', 'ToleratedFailurePercentagePath'];

/**
 * Effective language of a state. `fallback` is used under an `infer` default (a nested machine of a
 * JSONata state inside a JSONPath machine, where AWS's rule is not documented): the state's own
 * fields decide, so that neither reading produces a false error.
 */
export function stateLanguage(node: Record<string, unknown>, machineDefault: MachineDefault, fallback: QueryLanguage): QueryLanguage {
  const declared = declaredLanguage(node);
  if (declared !== undefined) return declared;
  if (machineDefault !== 'infer') return machineDefault;
  if (JSONATA_MARKERS.some((k) => Object.prototype.hasOwnProperty.call(node, k))) return 'JSONata';
  if (JSONPATH_MARKERS.some((k) => Object.prototype.hasOwnProperty.call(node, k))) return 'JSONPath';
  const choices = get(node, 'Choices');
  if (Array.isArray(choices) && isObject(choices[0])) return Object.prototype.hasOwnProperty.call(choices[0], 'Condition') ? 'JSONata' : 'JSONPath';
  return fallback;
}

/** The field to use instead of `field` in `language`, when there is a direct counterpart. */
const COUNTERPART: Record<QueryLanguage, Record<string, string>> = {
  JSONata: {
    Parameters: "'Arguments'", InputPath: "'Arguments' (with $states.input)", OutputPath: "'Output'", ResultSelector: "'Output'",
    ResultPath: "'Output' or 'Assign'", Result: "'Output'", ItemsPath: "'Items'", Iterator: "'ItemProcessor'",
    TimeoutSecondsPath: "'TimeoutSeconds' with an expression", HeartbeatSecondsPath: "'HeartbeatSeconds' with an expression",
    SecondsPath: "'Seconds' with an expression", TimestampPath: "'Timestamp' with an expression", ErrorPath: "'Error' with an expression",
    CausePath: "'Cause' with an expression", MaxConcurrencyPath: "'MaxConcurrency' with an expression",
    ToleratedFailureCountPath: "'ToleratedFailureCount' with an expression", ToleratedFailurePercentagePath: "'ToleratedFailurePercentage' with an expression",
    Variable: "'Condition'",
  },
  JSONPath: {
    Arguments: "'Parameters'", Output: "'OutputPath' or 'ResultSelector'", Items: "'ItemsPath'", Condition: "'Variable' with a comparison operator",
  },
};

/** Message for a field that exists only in the other query language, or undefined. */
export function otherLanguageField(type: StateType, language: QueryLanguage, field: string): string | undefined {
  const other: QueryLanguage = language === 'JSONata' ? 'JSONPath' : 'JSONata';
  if (!stateFields(type, other).has(field)) return undefined;
  const instead = COUNTERPART[language][field];
  return `'${field}' is a ${other} field; this state uses ${language}` + (instead ? `, use ${instead}` : '');
}

/** Same, for choice-rule fields. */
export function otherLanguageRuleField(language: QueryLanguage, field: string, otherFields: ReadonlySet<string>): string | undefined {
  if (!otherFields.has(field) || field === 'Next' || field === 'Comment' || field === 'Assign') return undefined;
  const other: QueryLanguage = language === 'JSONata' ? 'JSONPath' : 'JSONata';
  const instead = COUNTERPART[language][field] ?? (language === 'JSONata' ? "'Condition'" : undefined);
  return `'${field}' is a ${other} choice-rule field; this state uses ${language}` + (instead ? `, use ${instead}` : '');
}
