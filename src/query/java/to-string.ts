/**
 * How AWS's Java implementation turns a JSON value into text inside States.Format: strings as
 * they are, `null` as `null`, and containers through Java's `Map`/`List` `toString`
 * (`{Arg1=1, Arg2=[]}`, `[a, b]`), whose nested strings are not quoted. Recorded AWS executions
 * show `{Id=arn:…, Name=…}` for the `$$.StateMachine` object.
 */
import { javaNumberToString } from './number.js';

/** The text States.Format puts in place of a `{}` for `value`. */
export function javaToString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return javaNumberToString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (Array.isArray(value)) return `[${value.map(javaToString).join(', ')}]`;
      return `{${Object.entries(value)
        .map(([key, member]) => `${key}=${javaToString(member)}`)
        .join(', ')}}`;
    default:
      return String(value);
  }
}
