/** Choice rules as short text for edge labels: `$.total > 100`, `not ($.a is null)`, a JSONata Condition. */
import type { ChoiceRule } from '../definition/types.js';

const COMPARISONS: Record<string, string> = {
  Equals: '==',
  LessThan: '<',
  GreaterThan: '>',
  LessThanEquals: '<=',
  GreaterThanEquals: '>=',
};
const KINDS = ['String', 'Numeric', 'Boolean', 'Timestamp'] as const;

/** The condition of a Choice rule (or a nested And/Or/Not operand) as one line of text. */
export function describeRule(rule: ChoiceRule): string {
  if (rule.Condition !== undefined) return typeof rule.Condition === 'string' ? stripJsonata(rule.Condition) : String(rule.Condition);
  if (rule.And) return rule.And.map((r) => wrap(describeRule(r))).join(' and ');
  if (rule.Or) return rule.Or.map((r) => wrap(describeRule(r))).join(' or ');
  if (rule.Not) return `not ${wrap(describeRule(rule.Not))}`;
  const variable = rule.Variable ?? '';
  for (const key of Object.keys(rule)) {
    const text = describeOperator(key, rule[key]);
    if (text !== undefined) return `${variable} ${text}`;
  }
  return variable;
}

function describeOperator(key: string, value: unknown): string | undefined {
  if (key === 'StringMatches') return `matches ${JSON.stringify(value)}`;
  if (key.startsWith('Is') && typeof value === 'boolean') {
    const what = key === 'IsNull' ? 'null' : key === 'IsPresent' ? 'present' : key.slice(2).toLowerCase();
    return value ? `is ${what}` : `is not ${what}`;
  }
  const kind = KINDS.find((k) => key.startsWith(k));
  if (kind === undefined) return undefined;
  let rest = key.slice(kind.length);
  const isPath = rest.endsWith('Path');
  if (isPath) rest = rest.slice(0, -4);
  const symbol = COMPARISONS[rest];
  if (symbol === undefined) return undefined;
  // A path operand is shown bare; a literal as JSON, timestamps marked so they do not read as strings.
  const operand = isPath ? String(value) : kind === 'Timestamp' ? `time ${JSON.stringify(value)}` : JSON.stringify(value);
  return `${symbol} ${operand}`;
}

function wrap(text: string): string {
  return /\s/.test(text) ? `(${text})` : text;
}

function stripJsonata(condition: string): string {
  const m = /^\s*\{%([\s\S]*)%\}\s*$/.exec(condition);
  return (m ? m[1]! : condition).trim();
}
