/**
 * JUnit XML (the Ant/Surefire schema CI servers read): a test case per file (per state machine
 * of a template), failing with its errors; warnings go to the case's system-out.
 */
import { where, type FileResult } from './file-result.js';

/** Escapes text for XML content and attributes, dropping characters XML 1.0 cannot hold. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function formatJunit(results: readonly FileResult[]): string {
  const failures = results.filter((r) => !r.valid).length;
  const cases = results.map(({ file, stateMachine, valid, diagnostics }) => {
    const line = (d: FileResult['diagnostics'][number]) => `${where(file, d)}  ${d.code}  ${d.message}`;
    const errors = diagnostics.filter((d) => d.severity === 'ERROR');
    const warnings = diagnostics.filter((d) => d.severity === 'WARNING');
    const body = [
      valid ? '' : `      <failure message="${xml(`${errors.length} error${errors.length === 1 ? '' : 's'}`)}" type="${xml(errors[0]?.code ?? 'INVALID')}">${xml(errors.map(line).join('\n'))}</failure>\n`,
      warnings.length > 0 ? `      <system-out>${xml(warnings.map(line).join('\n'))}</system-out>\n` : '',
    ].join('');
    const name = stateMachine === undefined ? file : `${file} ${stateMachine}`;
    const open = `    <testcase classname="asl-runtime.validate" name="${xml(name)}" file="${xml(file)}"`;
    return body === '' ? `${open}/>\n` : `${open}>\n${body}    </testcase>\n`;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="asl-runtime validate" tests="${results.length}" failures="${failures}" errors="0">\n` +
    `  <testsuite name="asl-runtime validate" tests="${results.length}" failures="${failures}" errors="0" skipped="0">\n` +
    cases.join('') +
    '  </testsuite>\n</testsuites>\n'
  );
}
