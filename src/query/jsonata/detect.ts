/**
 * Recognising JSONata expressions in a JSONata state's field values.
 *
 * AWS treats a JSON string as a JSONata expression when it starts with `{%` and ends with
 * `%}`, with nothing (not even whitespace) outside the markers. Every other string is a
 * literal, including ones that merely contain the markers.
 */

const OPEN = '{%';
const CLOSE = '%}';

/**
 * True for a string that is one JSONata expression: starts with `{%` and ends with `%}`.
 * The two markers may not overlap, so `"{%}"` is a literal.
 */
export function isJsonataExpression(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length >= OPEN.length + CLOSE.length &&
    value.startsWith(OPEN) &&
    value.endsWith(CLOSE)
  );
}

/**
 * The expression between the markers, with surrounding whitespace removed: the text AWS
 * quotes in its error causes (`"{% $x %}"` → `$x`). A string without markers is returned
 * trimmed, so callers may pass either form.
 */
export function expressionBody(value: string): string {
  const inner = isJsonataExpression(value) ? value.slice(OPEN.length, -CLOSE.length) : value;
  return inner.trim();
}
