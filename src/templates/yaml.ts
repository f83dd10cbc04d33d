/**
 * CloudFormation YAML: the short-form tags (`!Ref`, `!GetAtt`, `!Sub`…) become their long-form
 * objects (`{ "Fn::GetAtt": [...] }`), and every member's position is recorded for `locate`.
 * The `yaml` package is imported only when a YAML template is loaded.
 */
import type * as Yaml from 'yaml';
import { toPointer } from '../validate/diagnostics.js';
import { TemplateError } from './error.js';

/** The short forms CloudFormation accepts, each with its long-form key. */
const SHORT_FORMS: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  ...Object.fromEntries(
    ['GetAtt', 'Sub', 'Join', 'Select', 'Split', 'If', 'Equals', 'And', 'Or', 'Not', 'FindInMap', 'Base64', 'Cidr', 'GetAZs', 'ImportValue', 'Transform', 'Length', 'ToJsonString'].map((f) => [`!${f}`, `Fn::${f}`]),
  ),
};

/** Aliases expanded per document, as a bound on "billion laughs" input. */
const MAX_ALIASES = 1000;
/** Nesting beyond this is refused rather than walked. */
const MAX_DEPTH = 512;

/** A parsed YAML document: its value and the offset of each member (key) or item (value), by JSON pointer. */
export interface ParsedYaml {
  readonly value: unknown;
  readonly offsets: Map<string, number>;
}

/** The tags registered with `yaml`: each keeps its node as is; {@link toValue} turns it into the long form. */
function customTags(): Yaml.Tags {
  return Object.keys(SHORT_FORMS).flatMap((tag) => [
    { tag, resolve: (s: string) => s },
    { tag, collection: 'seq' as const, resolve: (seq: Yaml.YAMLSeq) => seq },
    { tag, collection: 'map' as const, resolve: (map: Yaml.YAMLMap) => map },
  ]) as Yaml.Tags;
}

/** Parses CloudFormation YAML; syntax errors become a {@link TemplateError} with the position. */
export async function parseYaml(text: string, file: string | undefined): Promise<ParsedYaml> {
  const yaml = await import('yaml');
  const lines = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { customTags: customTags(), lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const pos = lines.linePos(error.pos[0]);
    throw new TemplateError(`not valid YAML: ${error.message.split('\n')[0]}`, file, pos.line, pos.col);
  }
  const offsets = new Map<string, number>();
  let aliases = 0;

  const toValue = (node: unknown, path: (string | number)[], depth: number): unknown => {
    if (depth > MAX_DEPTH) throw new TemplateError(`nested more than ${MAX_DEPTH} levels deep`, file);
    if (yaml.isAlias(node)) {
      if (++aliases > MAX_ALIASES) throw new TemplateError(`more than ${MAX_ALIASES} YAML aliases`, file);
      return toValue(node.resolve(doc), path, depth + 1);
    }
    const long = yaml.isNode(node) && node.tag !== undefined ? SHORT_FORMS[node.tag] : undefined;
    const inner = (n: unknown): unknown => {
      if (yaml.isMap(n)) {
        const out: Record<string, unknown> = {};
        for (const pair of n.items) {
          const key = yaml.isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
          const at = [...path, key];
          const keyNode = pair.key;
          if (yaml.isNode(keyNode) && keyNode.range) record(at, keyNode.range[0]);
          // defineProperty: a `__proto__` key is data, not the prototype
          Object.defineProperty(out, key, { value: toValue(pair.value, at, depth + 1), enumerable: true, writable: true, configurable: true });
        }
        return out;
      }
      if (yaml.isSeq(n)) {
        return n.items.map((item, i) => {
          const at = [...path, i];
          if (yaml.isNode(item) && item.range) record(at, item.range[0]);
          return toValue(item, at, depth + 1);
        });
      }
      if (yaml.isScalar(n)) return n.value;
      return n ?? null;
    };
    const value = inner(node);
    if (long === undefined) return value;
    // `!GetAtt A.B` is the one short form whose scalar differs from its long form's value.
    if (long === 'Fn::GetAtt' && typeof value === 'string') {
      const dot = value.indexOf('.');
      return { [long]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
    }
    return { [long]: value };
  };
  const record = (path: (string | number)[], offset: number): void => {
    const pointer = toPointer(path);
    if (!offsets.has(pointer)) offsets.set(pointer, offset);
  };
  offsets.set('', doc.contents?.range?.[0] ?? 0);
  return { value: toValue(doc.contents, [], 0), offsets };
}
