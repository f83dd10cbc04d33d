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
    if (!whole.endsWith(';') || !Object.hasOwn(ENTITIES, name)) throw new Error(`bad entity ${whole}`);
    return ENTITIES[name];
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
    const [, closing, name, attrs, selfClosing, text] = m;
    if (text !== undefined) {
      if (stack.length === 0) {
        if (text.trim() !== '') throw new Error('text outside the root element');
        continue;
      }
      stack[stack.length - 1].text += decode(text);
      continue;
    }
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const a of attrs.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) attributes[a[1]] = decode(a[2]);
    const element: XmlElement = { name, attributes, children: [], text: '' };
    if (stack.length > 0) stack[stack.length - 1].children.push(element);
    else if (root) throw new Error('two root elements');
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (at !== body.length) throw new Error(`not XML at offset ${at}: ${body.slice(at, at + 20)}`);
  if (stack.length > 0 || !root) throw new Error('unclosed elements');
  return root;
}
