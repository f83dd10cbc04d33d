/** Escaping of user text (state names, conditions, error names, payloads) for each output format. */

/** Text for HTML or SVG/XML element content and double-quoted attribute values. */
export function escapeXml(text: string): string {
  return stripControls(text).replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text inside a double-quoted Mermaid label. Mermaid decodes `#name;` and `#code;` entities, so
 * every character with a meaning (quotes, `#`, markup, backticks, pipes) is written as one.
 */
export function escapeMermaid(text: string): string {
  return oneLine(text).replace(/[#"<>&`|]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** Text inside a double-quoted Graphviz DOT string; backslashes are doubled so `\N`, `\G`, `\l` stay literal. */
export function escapeDot(text: string): string {
  return oneLine(text).replace(/[\\"]/g, (c) => `\\${c}`);
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>`, `&` and the line separators
 * become \u escapes, so no `</script>` or `<!--` can end the block early.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Shortens `text` to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

function oneLine(text: string): string {
  return stripControls(text.replace(/\s+/g, ' '));
}

// Control characters are not allowed in XML 1.0 and garble the other formats.
function stripControls(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd');
}
