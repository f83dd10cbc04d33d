/**
 * A strict little XML reader for the JUnit test: it throws on anything not well-formed (unbalanced
 * or crossed tags, unquoted attributes, unknown entities, a bare `<` or `&`), and returns the tree.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  if (/[<]/.test(text)) throw new Error(`bare '<' in ${JSON.stringify(text)}`);
  return text.replace(/&([^;]*);?/g, (whole, name: string) => {
    const value = Object.hasOwn(ENTITIES, name) ? ENTITIES[name] : undefined;
    if (!whole.endsWith(';') || value === undefined) throw new Error(`bad entity ${whole}`);
    return value;
  });
}

export function parseXml(source: string): XmlElement {
  const body = source.replace(/^<\?xml [^?]*\?>\s*/, '');
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < body.length && (m = token.exec(body)) !== null) {
    at = token.lastIndex;
    const [, closing, name, attrs = '', selfClosing, text] = m;
    const parent = stack.at(-1);
    if (text !== undefined) {
      if (parent === undefined) {
        if (text.trim() !== '') throw new Error('text outside the root element');
        continue;
      }
      parent.text += decode(text);
      continue;
    }
    // not text, so the tag alternative matched and captured a name
    if (name === undefined) throw new Error(`not XML at offset ${at}`);
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key, value] of attrs.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
      if (key !== undefined && value !== undefined) attributes[key] = decode(value);
    }
    const element: XmlElement = { name, attributes, children: [], text: '' };
    if (parent !== undefined) parent.children.push(element);
    else if (root) throw new Error('two root elements');
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (at !== body.length) throw new Error(`not XML at offset ${at}: ${body.slice(at, at + 20)}`);
  if (stack.length > 0 || !root) throw new Error('unclosed elements');
  return root;
}
