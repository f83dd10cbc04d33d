/**
 * Per-state checks: Type and query-language dispatch with did-you-mean for unknown fields, the
 * schema, then semantic rules (exclusive fields, transitions, retriers and catchers, paths,
 * templates, expressions, resources, variable names).
 */
import { get, has, isObject, show, toPointer, type Collector, type Path } from './diagnostics.js';
import type { StateInfo } from './model.js';
import { looksLikePath } from './paths.js';
import { checkPathField, checkReferenceField, checkResultPathField } from './path-fields.js';
import { otherLanguageField } from './query-language.js';
import { checkResource } from './resources.js';
import { checkStateSchema } from './schema-check.js';
import { STATE_TYPES, stateFields, type StateType } from './schemas.js';
import { closest, didYouMean } from './suggest.js';
import { cloudFormationHint, warnPlaceholders } from './placeholders.js';
import { checkChoices } from './choice.js';
import { checkAssignNames, checkDollarValue, checkJsonataValues, checkPayloadTemplate, isJsonataString, walkValues } from './expressions.js';

/** Options that affect per-state checks. */
export interface StateCheckOptions {
  readonly strictResources: boolean;
  readonly express: boolean;
  readonly topLanguage: 'JSONPath' | 'JSONata';
}

const ALL_FIELDS = new Set<string>(STATE_TYPES.flatMap((t) => [...stateFields(t, 'JSONPath'), ...stateFields(t, 'JSONata')]));

/** Pairs of fields of which at most one may be present. */
const EXCLUSIVE: Partial<Record<StateType, [string, string][]>> = {
  Task: [['TimeoutSeconds', 'TimeoutSecondsPath'], ['HeartbeatSeconds', 'HeartbeatSecondsPath']],
  Fail: [['Error', 'ErrorPath'], ['Cause', 'CausePath']],
  Map: [['MaxConcurrency', 'MaxConcurrencyPath'], ['ToleratedFailurePercentage', 'ToleratedFailurePercentagePath'],
    ['ToleratedFailureCount', 'ToleratedFailureCountPath'], ['ItemProcessor', 'Iterator'], ['ItemSelector', 'Parameters'], ['Items', 'ItemsPath']],
};

/** Path-valued fields checked as reference paths (`$$` and variables allowed). */
const REFERENCE_PATH_FIELDS = ['TimeoutSecondsPath', 'HeartbeatSecondsPath', 'SecondsPath', 'TimestampPath', 'ItemsPath', 'MaxConcurrencyPath',
  'ToleratedFailurePercentagePath', 'ToleratedFailureCountPath'];

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Runs every check of one state. */
export function checkState(out: Collector, state: StateInfo, options: StateCheckOptions): void {
  const { node, path, name, language } = state;
  const type = get(node, 'Type');
  if (type === undefined) {
    out.error('SCHEMA_VALIDATION_FAILED', path, `state '${name}' is missing required field 'Type'`, name);
    return;
  }
  if (typeof type !== 'string' || !(STATE_TYPES as readonly string[]).includes(type)) {
    out.error('SCHEMA_VALIDATION_FAILED', [...path, 'Type'], `${show(type)} is not a state type${typeof type === 'string' ? didYouMean(type, STATE_TYPES) : ''}; use one of ${STATE_TYPES.join(', ')}`, name);
    return;
  }
  const stateType = type as StateType;
  if (options.topLanguage === 'JSONata' && get(node, 'QueryLanguage') === 'JSONPath') {
    out.error('FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE', [...path, 'QueryLanguage'], 'a state machine whose top-level QueryLanguage is JSONata cannot contain JSONPath states', name);
  }
  // field dispatch before the schema, so messages name the problem
  const meant = checkFieldNames(out, state, stateType);
  if (stateType === 'Choice') checkChoices(out, get(node, 'Choices'), [...path, 'Choices'], name, language);
  const beforeSchema = out.items.length;
  checkStateSchema(out, node, stateType, language, path, name);
  // a misspelt required field is one problem: the did-you-mean already names the missing field
  if (meant.size > 0) out.retract(beforeSchema, (d) => d.location === toPointer(path) && [...meant].some((f) => d.message.endsWith(`is missing required field '${f}'`)));
  checkTransitionFields(out, state, stateType);
  for (const [a, b] of EXCLUSIVE[stateType] ?? []) {
    if (has(node, a) && has(node, b)) out.error('SCHEMA_VALIDATION_FAILED', [...path, b], `'${a}' and '${b}' cannot both be set`, name);
  }
  checkRetry(out, get(node, 'Retry'), [...path, 'Retry'], name);
  checkCatch(out, get(node, 'Catch'), [...path, 'Catch'], name);
  if (stateType === 'Task') checkTask(out, state, options);
  if (stateType === 'Wait') checkWait(out, state);
  if (stateType === 'Map') checkMap(out, state);
  if (language === 'JSONPath') checkJsonPathFields(out, state, stateType);
  else checkJsonataFields(out, state, stateType);
  checkAssignNames(out, get(node, 'Assign'), [...path, 'Assign'], name, language === 'JSONPath');
  warnPlaceholders(out, node, path, name);
}

/**
 * Reports every field the state's type and query language do not have, with a did-you-mean:
 * first among its own fields, then among the other language's (`Item` → `Items`, a JSONata
 * field). Returns the fields a misspelling was taken to mean.
 */
function checkFieldNames(out: Collector, state: StateInfo, type: StateType): Set<string> {
  const { node, path, name, language } = state;
  const allowed = stateFields(type, language);
  const meant = new Set<string>();
  for (const key of Object.keys(node)) {
    if (allowed.has(key)) continue;
    const other = otherLanguageField(type, language, key);
    if (other !== undefined) {
      out.error('FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE', [...path, key], other, name);
      continue;
    }
    const own = closest(key, allowed);
    if (own !== undefined) {
      if (!has(node, own)) meant.add(own);
      out.error('SCHEMA_VALIDATION_FAILED', [...path, key], `${type} state '${name}' has no field '${key}'; did you mean '${own}'?`, name);
      continue;
    }
    const otherLanguage = language === 'JSONata' ? 'JSONPath' : 'JSONata';
    const across = closest(key, stateFields(type, otherLanguage));
    if (across !== undefined) {
      const instead = otherLanguageField(type, language, across);
      out.error('SCHEMA_VALIDATION_FAILED', [...path, key], `${type} state '${name}' has no field '${key}'; did you mean '${across}'? (${instead ?? `a ${otherLanguage} field`})`, name);
    } else if (ALL_FIELDS.has(key)) {
      out.error('SCHEMA_VALIDATION_FAILED', [...path, key], `${type} state '${name}' cannot have field '${key}'`, name);
    } else {
      out.error('SCHEMA_VALIDATION_FAILED', [...path, key], `${type} state '${name}' has no field '${key}'`, name);
    }
  }
  return meant;
}

function checkTransitionFields(out: Collector, state: StateInfo, type: StateType): void {
  const { node, path, name } = state;
  if (type === 'Choice' || type === 'Succeed' || type === 'Fail') return;
  const hasNext = has(node, 'Next');
  const end = get(node, 'End');
  if (hasNext && end === true) out.error('SCHEMA_VALIDATION_FAILED', [...path, 'End'], `state '${name}' cannot have both 'Next' and 'End: true'`, name);
  else if (!hasNext && end !== true && !out.hasErrorAt([...path, 'End'])) {
    out.error('SCHEMA_VALIDATION_FAILED', path, `${type} state '${name}' needs 'Next' or 'End: true'`, name);
  }
}

function checkErrorEquals(out: Collector, list: unknown[], at: Path, stateName: string, what: string): void {
  list.forEach((item, i) => {
    if (!isObject(item)) return;
    const errors = get(item, 'ErrorEquals');
    if (!Array.isArray(errors)) return;
    if (errors.includes('States.ALL')) {
      if (errors.length > 1) out.error('SCHEMA_VALIDATION_FAILED', [...at, i, 'ErrorEquals'], "'States.ALL' must be the only error name in its ErrorEquals", stateName);
      if (i !== list.length - 1) out.error('SCHEMA_VALIDATION_FAILED', [...at, i, 'ErrorEquals'], `a ${what} with 'States.ALL' must be the last one`, stateName);
    }
  });
}

function checkRetry(out: Collector, retry: unknown, at: Path, stateName: string): void {
  if (Array.isArray(retry)) checkErrorEquals(out, retry, at, stateName, 'retrier');
}

function checkCatch(out: Collector, catchers: unknown, at: Path, stateName: string): void {
  if (Array.isArray(catchers)) checkErrorEquals(out, catchers, at, stateName, 'catcher');
}

function checkTask(out: Collector, state: StateInfo, options: StateCheckOptions): void {
  const { node, path, name } = state;
  const resource = get(node, 'Resource');
  const cfn = cloudFormationHint(resource);
  if (cfn !== undefined) {
    // One diagnostic that says what the value is, in place of the schema's "must be string".
    const at = [...path, 'Resource'];
    out.retract(0, (d) => d.code === 'SCHEMA_VALIDATION_FAILED' && d.path.length === at.length && d.path.every((k, i) => k === at[i]));
    out.error('INVALID_RESOURCE', at, `Resource ${cfn}`, name);
  } else if (typeof resource === 'string') checkResource(out, resource, [...path, 'Resource'], name, options.strictResources, options.express);
  const timeout = get(node, 'TimeoutSeconds');
  const heartbeat = get(node, 'HeartbeatSeconds');
  if (typeof timeout === 'number' && typeof heartbeat === 'number' && heartbeat >= timeout) {
    out.error('SCHEMA_VALIDATION_FAILED', [...path, 'HeartbeatSeconds'], `'HeartbeatSeconds' (${heartbeat}) must be smaller than 'TimeoutSeconds' (${timeout})`, name);
  }
}

function checkWait(out: Collector, state: StateInfo): void {
  const { node, path, name, language } = state;
  const fields = (language === 'JSONata' ? ['Seconds', 'Timestamp'] : ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath']).filter((k) => has(node, k));
  const second = fields[1];
  if (fields.length === 0) out.error('SCHEMA_VALIDATION_FAILED', path, `Wait state '${name}' needs exactly one of ${language === 'JSONata' ? "'Seconds', 'Timestamp'" : "'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'"}`, name);
  else if (second !== undefined) out.error('SCHEMA_VALIDATION_FAILED', [...path, second], `Wait state '${name}' may have only one of ${fields.map((f) => `'${f}'`).join(', ')}`, name);
  const ts = get(node, 'Timestamp');
  if (typeof ts === 'string' && !isJsonataString(ts) && !TIMESTAMP.test(ts)) {
    out.error('SCHEMA_VALIDATION_FAILED', [...path, 'Timestamp'], `'Timestamp' must be an RFC 3339 timestamp such as 2016-03-14T01:59:00Z`, name);
  }
}

function checkMap(out: Collector, state: StateInfo): void {
  const { node, path, name } = state;
  if (!has(node, 'ItemProcessor') && !has(node, 'Iterator')) out.error('SCHEMA_VALIDATION_FAILED', path, `Map state '${name}' needs 'ItemProcessor'`, name);
  const processor = get(node, 'ItemProcessor');
  const config = isObject(processor) ? get(processor, 'ProcessorConfig') : undefined;
  if (isObject(config) && config.Mode === 'DISTRIBUTED' && !has(config, 'ExecutionType')) {
    out.error('SCHEMA_VALIDATION_FAILED', [...path, 'ItemProcessor', 'ProcessorConfig'], "a DISTRIBUTED Map needs 'ExecutionType' (STANDARD or EXPRESS)", name);
  }
  const reader = get(node, 'ItemReader');
  const readerConfig = isObject(reader) ? get(reader, 'ReaderConfig') : undefined;
  if (isObject(readerConfig)) {
    if (has(readerConfig, 'MaxItems') && has(readerConfig, 'MaxItemsPath')) out.error('SCHEMA_VALIDATION_FAILED', [...path, 'ItemReader', 'ReaderConfig', 'MaxItemsPath'], "'MaxItems' and 'MaxItemsPath' cannot both be set", name);
    if (readerConfig.CSVHeaderLocation === 'GIVEN' && !has(readerConfig, 'CSVHeaders')) out.error('SCHEMA_VALIDATION_FAILED', [...path, 'ItemReader', 'ReaderConfig'], "'CSVHeaderLocation: GIVEN' needs 'CSVHeaders'", name);
  }
  const batcher = get(node, 'ItemBatcher');
  if (isObject(batcher)) {
    for (const f of ['MaxItemsPerBatch', 'MaxInputBytesPerBatch']) {
      if (has(batcher, f) && has(batcher, f + 'Path')) out.error('SCHEMA_VALIDATION_FAILED', [...path, 'ItemBatcher', f + 'Path'], `'${f}' and '${f}Path' cannot both be set`, name);
    }
  }
}

function checkJsonPathFields(out: Collector, state: StateInfo, type: StateType): void {
  const { node, path, name } = state;
  for (const key of ['InputPath', 'OutputPath']) {
    const value = get(node, key);
    if (typeof value === 'string') checkPathField(out, value, [...path, key], name);
  }
  checkResultPathField(out, get(node, 'ResultPath'), [...path, 'ResultPath'], name);
  for (const key of REFERENCE_PATH_FIELDS) {
    const value = get(node, key);
    if (typeof value === 'string') checkReferenceField(out, value, [...path, key], name);
  }
  for (const key of ['ErrorPath', 'CausePath']) {
    const value = get(node, key);
    if (typeof value === 'string') checkDollarValue(out, value, [...path, key], name);
  }
  for (const key of ['Parameters', 'ResultSelector', 'ItemSelector', 'Credentials', 'Assign']) {
    if (has(node, key)) checkPayloadTemplate(out, node[key], [...path, key], name);
  }
  for (const sub of ['ItemReader', 'ResultWriter']) {
    const obj = get(node, sub);
    if (isObject(obj) && has(obj, 'Parameters')) checkPayloadTemplate(out, obj.Parameters, [...path, sub, 'Parameters'], name);
    const cfg = isObject(obj) ? get(obj, 'ReaderConfig') : undefined;
    if (isObject(cfg) && typeof cfg.MaxItemsPath === 'string') checkReferenceField(out, cfg.MaxItemsPath, [...path, sub, 'ReaderConfig', 'MaxItemsPath'], name);
  }
  const batcher = get(node, 'ItemBatcher');
  if (isObject(batcher)) {
    if (has(batcher, 'BatchInput')) checkPayloadTemplate(out, batcher.BatchInput, [...path, 'ItemBatcher', 'BatchInput'], name);
    for (const f of ['MaxItemsPerBatchPath', 'MaxInputBytesPerBatchPath']) if (typeof batcher[f] === 'string') checkReferenceField(out, batcher[f] as string, [...path, 'ItemBatcher', f], name);
  }
  const catchers = get(node, 'Catch');
  if (Array.isArray(catchers)) {
    catchers.forEach((c, i) => {
      if (!isObject(c)) return;
      checkResultPathField(out, get(c, 'ResultPath'), [...path, 'Catch', i, 'ResultPath'], name);
      if (has(c, 'Assign')) {
        checkPayloadTemplate(out, c.Assign, [...path, 'Catch', i, 'Assign'], name);
        checkAssignNames(out, c.Assign, [...path, 'Catch', i, 'Assign'], name, true);
      }
    });
  }
  if (type === 'Pass' && has(node, 'Result')) {
    walkValues(node.Result, [...path, 'Result'], (value, at, key) => {
      if ((typeof value === 'string' && looksLikePath(value)) || (typeof key === 'string' && key.endsWith('.$'))) {
        out.warn('PASS_RESULT_IS_STATIC', at(), 'the Result of a Pass state is static; paths in it are not evaluated (use Parameters to select from the input)', name);
      }
    });
  }
  for (const key of ['Error', 'Cause', 'Timestamp']) {
    const value = get(node, key);
    if (typeof value === 'string' && looksLikePath(value)) {
      out.warn('NO_PATH', [...path, key], `'${key}' holds ${JSON.stringify(value)}, which looks like a path, but it is used as a literal; use '${key}Path' to read it from the input`, name);
    }
  }
}

const NOT_EXPRESSION_FIELDS = new Set(['Type', 'Comment', 'QueryLanguage', 'Resource', 'Next', 'End', 'Default', 'Branches', 'ItemProcessor', 'Retry', 'Catch', 'Choices', 'Label']);

function checkJsonataFields(out: Collector, state: StateInfo, type: StateType): void {
  const { node, path, name } = state;
  const hasResult = type === 'Task' || type === 'Parallel' || type === 'Map';
  for (const key of Object.keys(node)) {
    if (NOT_EXPRESSION_FIELDS.has(key)) continue;
    const result = hasResult && (key === 'Output' || key === 'Assign');
    checkJsonataValues(out, node[key], [...path, key], name, { result, errorOutput: false });
  }
  const catchers = get(node, 'Catch');
  if (Array.isArray(catchers)) {
    catchers.forEach((c, i) => {
      if (!isObject(c)) return;
      for (const key of ['Output', 'Assign']) {
        if (has(c, key)) checkJsonataValues(out, c[key], [...path, 'Catch', i, key], name, { result: true, errorOutput: true });
      }
      checkAssignNames(out, get(c, 'Assign'), [...path, 'Catch', i, 'Assign'], name, false);
    });
  }
  const choices = get(node, 'Choices');
  if (type === 'Choice' && Array.isArray(choices)) {
    choices.forEach((r, i) => {
      if (!isObject(r)) return;
      for (const key of ['Condition', 'Output', 'Assign']) {
        if (has(r, key)) checkJsonataValues(out, r[key], [...path, 'Choices', i, key], name, { result: false, errorOutput: false });
      }
    });
  }
}

