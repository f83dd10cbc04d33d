/**
 * Compact JSON text as AWS's Jackson serializer writes it (States.JsonToString): no whitespace,
 * members in insertion order, Java number formatting, control characters escaped with
 * upper-case hex.
 */
import { javaNumberToString } from './number.js';

/** Serializes a JSON value; `undefined` members are skipped as JSON.stringify does. */
export function toJavaJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return quoteJavaJsonString(value);
    case 'number':
      return Number.isFinite(value) ? javaNumberToString(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (Array.isArray(value)) return `[${value.map(toJavaJson).join(',')}]`;
      return `{${Object.entries(value)
        .filter(([, member]) => member !== undefined)
        .map(([key, member]) => `${quoteJavaJsonString(key)}:${toJavaJson(member)}`)
        .join(',')}}`;
    default:
      return 'null';
  }
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** A JSON string literal; Jackson escapes only `"`, `\` and characters below U+0020. */
export function quoteJavaJsonString(text: string): string {
  let out = '"';
  for (const c of text) {
    const short = SHORT_ESCAPES[c];
    if (short) out += short;
    else if (c < ' ') out += `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    else out += c;
  }
  return `${out}"`;
}
