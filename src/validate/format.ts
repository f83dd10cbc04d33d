import type { Diagnostic } from '../definition/diagnostic.js';

/**
 * Formats diagnostics for people, one per line: `file:line:col  CODE  message`. Without a
 * position (object input) the JSON pointer stands in: `file:/States/A/Next  CODE  message`.
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], fileName = '<definition>'): string {
  return diagnostics
    .map((d) => {
      const where = d.line !== undefined ? `${fileName}:${d.line}:${d.column ?? 1}` : `${fileName}:${d.location || '/'}`;
      const severity = d.severity === 'WARNING' ? ' (warning)' : '';
      return `${where}  ${d.code}  ${d.message}${severity}`;
    })
    .join('\n');
}
