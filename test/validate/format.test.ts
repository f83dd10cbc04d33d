/** formatDiagnostics() and the JSON position mapper. */
import { describe, expect, it } from 'vitest';
import { formatDiagnostics, validate } from '../../src/validate/index.js';
import { LineIndex, locate, scanJson } from '../../src/validate/positions.js';

describe('formatDiagnostics', () => {
  it('prints file:line:col  CODE  message for text input', () => {
    const text = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "Next": "B" }\n  }\n}';
    const out = formatDiagnostics(validate(text).diagnostics, 'machine.asl.json');
    const lines = out.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^machine\.asl\.json:3:3 {2}MISSING_END_STATE {2}/);
    expect(lines[1]).toMatch(/^machine\.asl\.json:4:28 {2}MISSING_TRANSITION_TARGET {2}/);
  });

  it('falls back to the JSON pointer for object input and marks warnings', () => {
    const out = formatDiagnostics(validate({ StartAt: 'A', States: { A: { Type: 'Fail', Error: '$.e' } } }).diagnostics);
    expect(out).toMatch(/^<definition>:\/States\/A\/Error {2}NO_PATH {2}.*\(warning\)$/);
  });
});

describe('positions', () => {
  it('maps pointers (keys and array items) to 1-based line and column', () => {
    const text = '{\n "a": [1,\n   {"b~c/d": true}]\n}';
    const scan = scanJson(text);
    const lines = new LineIndex(text);
    expect(locate(scan, lines, ['a'])).toEqual({ line: 2, column: 2 });
    expect(locate(scan, lines, ['a', 1])).toEqual({ line: 3, column: 4 });
    expect(locate(scan, lines, ['a', 1, 'b~c/d'])).toEqual({ line: 3, column: 5 });
    expect(locate(scan, lines, ['a', 1, 'missing'])).toEqual({ line: 3, column: 4 });
  });

  it('reports syntax errors with an offset', () => {
    for (const [text, offset] of [['{"a" 1}', 5], ['[1,]', 3], ['{"a":tru}', 5], ['"\\x"', 1], ['{} x', 3], ['', 0]] as const) {
      expect(scanJson(text).error?.offset, text).toBe(offset);
    }
    expect(scanJson('{"a":[1,2,{"b":null}],"c":"\\u00e9"}').error).toBeUndefined();
  });
});
