/**
 * The `${…}` grammar shared by `Fn::Sub`, DefinitionSubstitutions and template variables:
 * `${Name}`, `${Id.Attribute}`, and `${!Literal}`, which stands for the text `${Literal}`.
 */

export type SubPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'var'; readonly name: string }
  /** `${!Name}`: the text `${Name}`, written so on purpose. */
  | { readonly kind: 'escaped'; readonly name: string };

/** Splits an `Fn::Sub` string into text and variables. An unclosed `${` is text. */
export function splitSub(template: string): SubPart[] {
  const parts: SubPart[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('${', i);
    const close = open < 0 ? -1 : template.indexOf('}', open + 2);
    if (open < 0 || close < 0) break;
    text += template.slice(i, open);
    const inner = template.slice(open + 2, close);
    if (text) parts.push({ kind: 'text', text });
    text = '';
    parts.push(inner.startsWith('!') ? { kind: 'escaped', name: inner.slice(1) } : { kind: 'var', name: inner.trim() });
    i = close + 1;
  }
  text += template.slice(i);
  if (text) parts.push({ kind: 'text', text });
  return parts;
}

/** `${X}` placeholders (not `${!X}`), as left in a definition; the name is the text between the braces. */
export const PLACEHOLDER = /\$\{(?!!)([^{}]+)\}/g;

/** Replaces the `${X}` whose X has a value; the others stay as they are. */
export function fill(text: string, values: ReadonlyMap<string, string>): string {
  return text.includes('${') ? text.replace(PLACEHOLDER, (whole, name: string) => values.get(name.trim()) ?? whole) : text;
}
