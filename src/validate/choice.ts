/** Choice-rule checks: operator counts, And/Or/Not shape, Variable, and JSONata `Condition` rules. */
import { get, has, isObject, type Collector, type Path } from './diagnostics.js';
import { checkPathField } from './path-fields.js';
import { otherLanguageRuleField } from './query-language.js';
import { COMPARISON_OPERATORS, JSONATA_RULE_FIELDS, JSONPATH_RULE_FIELDS, type QueryLanguage } from './schemas.js';
import { didYouMean } from './suggest.js';
import { checkAssignNames, checkPayloadTemplate } from './expressions.js';

const MAX_RULE_DEPTH = 500;

/** Checks `Choices` of a Choice state. Schema-level shape (types, required Next) is checked elsewhere. */
export function checkChoices(out: Collector, choices: unknown, at: Path, stateName: string, language: QueryLanguage): void {
  if (!Array.isArray(choices)) return;
  choices.forEach((rule, i) => {
    const path = [...at, i];
    if (!isObject(rule)) return;
    if (language === 'JSONata') {
      for (const key of Object.keys(rule)) {
        if (JSONATA_RULE_FIELDS.has(key)) continue;
        const msg = otherLanguageRuleField(language, key, JSONPATH_RULE_FIELDS);
        if (msg !== undefined) out.error('FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE', [...path, key], msg, stateName);
      }
      checkAssignNames(out, get(rule, 'Assign'), [...path, 'Assign'], stateName, false);
      return;
    }
    checkJsonPathRule(out, rule, path, stateName);
    if (has(rule, 'Assign')) {
      checkAssignNames(out, rule.Assign, [...path, 'Assign'], stateName, true);
      checkPayloadTemplate(out, rule.Assign, [...path, 'Assign'], stateName);
    }
  });
}

function checkJsonPathRule(out: Collector, top: Record<string, unknown>, topPath: Path, stateName: string): void {
  const stack: { rule: Record<string, unknown>; path: Path; depth: number }[] = [{ rule: top, path: topPath, depth: 0 }];
  while (stack.length > 0) {
    const { rule, path, depth } = stack.pop()!;
    const keys = Object.keys(rule);
    for (const key of keys) {
      if (JSONPATH_RULE_FIELDS.has(key) || key === 'Next' || key === 'Assign') continue;
      const msg = otherLanguageRuleField('JSONPath', key, JSONATA_RULE_FIELDS);
      if (msg !== undefined) out.error('FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE', [...path, key], msg, stateName);
      else if (!out.hasErrorAt([...path, key])) {
        out.error('SCHEMA_VALIDATION_FAILED', [...path, key], `a choice rule has no field '${key}'${didYouMean(key, JSONPATH_RULE_FIELDS)}`, stateName);
      }
    }
    const operators = keys.filter((k) => COMPARISON_OPERATORS.has(k));
    const booleans = keys.filter((k) => k === 'And' || k === 'Or' || k === 'Not');
    const hasVariable = has(rule, 'Variable');
    const [firstBoolean, secondBoolean] = booleans;
    if (firstBoolean !== undefined) {
      if (secondBoolean !== undefined) out.error('SCHEMA_VALIDATION_FAILED', [...path, secondBoolean], `a choice rule may use only one of And, Or, Not (found ${booleans.join(', ')})`, stateName);
      const extra = hasVariable ? 'Variable' : operators[0];
      if (extra !== undefined) {
        out.error('SCHEMA_VALIDATION_FAILED', [...path, extra], `a choice rule with '${firstBoolean}' cannot also have '${extra}'`, stateName);
      }
      if (depth >= MAX_RULE_DEPTH) continue;
      for (const b of booleans) {
        const value = rule[b];
        if (b === 'Not') {
          if (isObject(value)) stack.push({ rule: value, path: [...path, 'Not'], depth: depth + 1 });
          else out.error('SCHEMA_VALIDATION_FAILED', [...path, 'Not'], "'Not' must be a single choice rule object", stateName);
        } else if (Array.isArray(value)) {
          if (value.length === 0) out.error('SCHEMA_VALIDATION_FAILED', [...path, b], `'${b}' must not be empty`, stateName);
          value.forEach((r, i) => { if (isObject(r)) stack.push({ rule: r, path: [...path, b, i], depth: depth + 1 }); });
        } else {
          out.error('SCHEMA_VALIDATION_FAILED', [...path, b], `'${b}' must be a non-empty array of choice rules`, stateName);
        }
      }
      if (depth > 0 && has(rule, 'Next')) out.error('SCHEMA_VALIDATION_FAILED', [...path, 'Next'], "nested choice rules (inside And, Or, Not) cannot have 'Next'", stateName);
      continue;
    }
    if (depth > 0 && has(rule, 'Next')) out.error('SCHEMA_VALIDATION_FAILED', [...path, 'Next'], "nested choice rules (inside And, Or, Not) cannot have 'Next'", stateName);
    const secondOperator = operators[1];
    if (operators.length === 0) {
      out.error('SCHEMA_VALIDATION_FAILED', path, 'a choice rule needs exactly one comparison operator (e.g. StringEquals, NumericGreaterThan, IsPresent) or And/Or/Not', stateName);
    } else if (secondOperator !== undefined) {
      out.error('SCHEMA_VALIDATION_FAILED', [...path, secondOperator], `a choice rule may have only one comparison operator (found ${operators.join(', ')})`, stateName);
    }
    if (!hasVariable) {
      if (operators.length > 0) out.error('SCHEMA_VALIDATION_FAILED', path, "a JSONPath choice rule needs 'Variable'", stateName);
    } else if (typeof rule.Variable === 'string') {
      checkPathField(out, rule.Variable, [...path, 'Variable'], stateName);
    }
    for (const op of operators) {
      const value = rule[op];
      if (op.endsWith('Path') && typeof value === 'string') checkPathField(out, value, [...path, op], stateName);
    }
  }
}
