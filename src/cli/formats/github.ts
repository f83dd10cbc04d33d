/**
 * GitHub Actions workflow commands, one per diagnostic, so problems show as annotations on the
 * pull request's files: `::error file=…,line=…,col=…,title=CODE::message`.
 */
import type { FileResult } from './file-result.js';

/** Message text: %, CR and LF are escaped (GitHub's workflow-command encoding). */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values: also `:` and `,`, which separate properties. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(results: readonly FileResult[]): string {
  const lines: string[] = [];
  for (const { file, diagnostics } of results) {
    for (const d of diagnostics) {
      const props = [`file=${escapeProperty(file)}`];
      if (d.line !== undefined) props.push(`line=${d.line}`, `col=${d.column ?? 1}`);
      props.push(`title=${escapeProperty(d.code)}`);
      const at = d.location ? ` (at ${d.location})` : '';
      lines.push(`::${d.severity === 'ERROR' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(d.message + at)}`);
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
