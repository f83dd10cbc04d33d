/**
 * States.Format templates: text with `{}` placeholders. In a string literal a brace escaped with
 * a backslash (`\{`, `\}`) is plain text, so a literal template is read from its raw text.
 */

/** Text and placeholders in order; `null` marks a `{}`. */
export type Template = readonly (string | null)[];

/** Reads a template from the raw text of a string literal (escapes still in place). */
export function parseLiteralTemplate(raw: string): Template {
  const parts: (string | null)[] = [];
  let text = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\' && i + 1 < raw.length) {
      text += raw[++i];
    } else if (c === '{' && raw[i + 1] === '}') {
      parts.push(text, null);
      text = '';
      i++;
    } else {
      text += c;
    }
  }
  parts.push(text);
  return parts;
}

/** Reads a template that arrived as a value at run time (no escape syntax in data). */
export function parseValueTemplate(value: string): Template {
  return value.split('{}').flatMap((text, i) => (i === 0 ? [text] : [null, text]));
}

/** How many `{}` placeholders the template has. */
export function placeholderCount(template: Template): number {
  return template.filter((part) => part === null).length;
}
