/**
 * Every diagnostic code, in one table: where the code comes from and what it means. AWS's codes
 * (ValidateStateMachineDefinition) are used where AWS has one; the others are ours.
 */
export const DIAGNOSTIC_CODES = {
  // AWS's codes
  SCHEMA_VALIDATION_FAILED: { aws: true, meaning: 'a field is missing, unknown, or of the wrong type or value' },
  INVALID_JSON_DESCRIPTION: { aws: true, meaning: 'the definition is not JSON (or an object that is not JSON data)' },
  MISSING_DESCRIPTION: { aws: true, meaning: 'the definition is empty' },
  MISSING_TRANSITION_TARGET: { aws: true, meaning: 'StartAt, Next, Default or a Catch Next names no state of its machine' },
  MISSING_END_STATE: { aws: true, meaning: 'no terminal state is reachable' },
  DUPLICATE_STATE_NAME: { aws: true, meaning: 'two states share a name' },
  INVALID_STATE_NAME: { aws: true, meaning: 'a state name is too long or holds forbidden characters' },
  INVALID_RESOURCE: { aws: true, meaning: "a Task's Resource is not a resource this workflow type can call" },
  NO_DOLLAR: { aws: true, meaning: 'a payload template value looks like a path but its key has no .$ suffix' },
  NO_PATH: { aws: true, meaning: 'a key ends in .$ but its value is not a path or an intrinsic function' },
  INVALID_JSONPATH: { aws: true, meaning: 'a path is not valid JSONPath' },
  INVALID_REFERENCE_PATH: { aws: true, meaning: 'a ResultPath (or another reference path) uses more than plain names and indexes' },
  INVALID_INTRINSIC: { aws: true, meaning: 'an intrinsic function call is malformed, unknown or has arguments of the wrong type' },
  INVALID_JSONATA: { aws: true, meaning: 'a {% %} expression is not valid JSONata' },
  FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE: { aws: true, meaning: "a field belongs to the other query language than the state's" },
  INVALID_VARIABLE_NAME: { aws: true, meaning: 'an Assign key is not a valid variable name' },
  VARIABLE_SCOPE_CONFLICT: { aws: true, meaning: 'a variable is assigned where an outer scope already uses its name' },
  INVALID_LABEL_NAME: { aws: true, meaning: "a Map's Label is too long or holds forbidden characters" },
  DUPLICATE_LABEL_NAME: { aws: true, meaning: 'two Map states share a Label' },
  // ours
  UNREACHABLE_STATE: { aws: false, meaning: 'no transition reaches the state' },
  PASS_RESULT_IS_STATIC: { aws: false, meaning: "a Pass Result holds a path-like string that is not evaluated (did you mean Parameters?)" },
  DUPLICATE_KEY: { aws: false, meaning: 'a key appears twice in one JSON object; only the last value counts' },
  TOO_DEEPLY_NESTED: { aws: false, meaning: 'the definition is nested deeper than the validator reads' },
  FILE_NOT_READABLE: { aws: false, meaning: 'the command line could not read a file, or it is not UTF-8 text' },
  VALIDATOR_INTERNAL_ERROR: { aws: false, meaning: 'the validator could not finish its checks, so the definition is not accepted' },
  UNRESOLVED_PLACEHOLDER: { aws: false, meaning: 'a template left a ${X} placeholder (or a reference) the loader could not fill; an option such as substitutions fills it' },
  UNSUPPORTED_TEMPLATE_FEATURE: { aws: false, meaning: 'the template uses something the loader cannot reproduce locally (an S3 definition location, an import from another stack…)' },
} as const satisfies Record<string, { readonly aws: boolean; readonly meaning: string }>;

/** A diagnostic code: one of {@link DIAGNOSTIC_CODES}. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
