/**
 * YAML definitions for the CLI (`*.asl.yaml`, as SAM's DefinitionUri accepts): parsed with the
 * `yaml` package, loaded only when a YAML file is given, with diagnostics mapped back to the
 * YAML line and column.
 */
import type * as Yaml from 'yaml';
import type { Diagnostic } from '../definition/diagnostic.js';
import { lazyRequire } from '../lazy-require.js';

const yaml = lazyRequire<typeof Yaml>('yaml');

export function isYamlFile(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

export type LoadedYaml =
  | { ok: true; value: unknown; locate(diagnostic: Diagnostic): Diagnostic }
  | { ok: false; diagnostic: Diagnostic };

/** Parses YAML text to a definition object, or returns an INVALID_JSON_DESCRIPTION diagnostic with the position. */
export function loadYaml(text: string): LoadedYaml {
  const { parseDocument, LineCounter, isNode } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    return {
      ok: false,
      diagnostic: {
        severity: 'ERROR',
        code: 'INVALID_JSON_DESCRIPTION',
        message: `Definition is not valid YAML: ${error.message.split('\n')[0]}`,
        location: '',
        path: [],
        ...(pos ? { line: pos.line, column: pos.col } : {}),
      },
    };
  }
  return {
    ok: true,
    value: doc.toJS({ maxAliasCount: 100 }) as unknown,
    locate(d) {
      // The most specific node that exists on the diagnostic's path.
      for (let n = d.path.length; n >= 0; n--) {
        const node = doc.getIn(d.path.slice(0, n), true);
        if (isNode(node) && node.range) {
          const { line, col } = lines.linePos(node.range[0]);
          return { ...d, line, column: col };
        }
      }
      return d;
    },
  };
}
