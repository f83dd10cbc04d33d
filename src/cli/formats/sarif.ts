/**
 * SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), for GitHub code scanning and
 * other CI viewers: one run, a rule per diagnostic code, a result per diagnostic with its file,
 * line and column, and its JSON pointer as a logical location.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { STDIN_NAME } from '../sources.js';
import type { FileResult } from './file-result.js';

/** The root that relative artifact URIs are resolved against (GitHub's convention). */
const SRCROOT = '%SRCROOT%';

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/** A file argument as a URI reference: relative to the working directory when inside it. */
function artifactLocation(file: string, cwd: string): ArtifactLocation {
  const rel = relative(cwd, file);
  if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) {
    return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  }
  return { uri: pathToFileURL(file).href };
}

/** The SARIF log for `results`; `version` is the tool's. */
export function toSarif(results: readonly FileResult[], version: string, cwd = process.cwd()): object {
  const codes = [...new Set(results.flatMap((r) => r.diagnostics.map((d) => d.code)))].sort();
  const sarifResults = results.flatMap(({ file, diagnostics }) =>
    diagnostics.map((d) => {
      const logical = d.location ? [{ fullyQualifiedName: d.location, ...(d.stateName !== undefined ? { name: d.stateName } : {}), kind: 'object' }] : [];
      const physical =
        file === STDIN_NAME
          ? undefined
          : { artifactLocation: artifactLocation(file, cwd), ...(d.line !== undefined ? { region: { startLine: d.line, startColumn: d.column ?? 1 } } : {}) };
      const location = { ...(physical ? { physicalLocation: physical } : {}), ...(logical.length > 0 ? { logicalLocations: logical } : {}) };
      return {
        ruleId: d.code,
        ruleIndex: codes.indexOf(d.code),
        level: d.severity === 'ERROR' ? 'error' : 'warning',
        message: { text: d.message },
        locations: Object.keys(location).length > 0 ? [location] : [],
      };
    }),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'asl-runtime',
            version,
            informationUri: 'https://github.com/asl-runtime/asl-runtime',
            rules: codes.map((id) => ({ id, shortDescription: { text: id.toLowerCase().replace(/_/g, ' ') } })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
}
