/**
 * Template or definition text → value, with a `locate` from paths to 1-based positions. Text
 * that starts with `{` is JSON (positions from the validator's JSON scanner); anything else is
 * CloudFormation YAML.
 */
import { LineIndex, locate as locateIn, scanJson } from '../validate/positions.js';
import { TemplateError } from './error.js';
import { parseYaml } from './yaml.js';

/** Parsed text: its value and where each path of it is written. */
export interface ParsedText {
  readonly value: unknown;
  readonly file: string | undefined;
  /** Position of the most specific written node on `path` (an ancestor when the path goes deeper). */
  locate(path: readonly (string | number)[]): { line: number; column: number };
}

/** True when text is JSON rather than YAML (JSON is YAML too, but the JSON scanner is exact and fast). */
export function looksLikeJson(text: string): boolean {
  return /^\s*[{[]/.test(text);
}

/** Parses JSON or YAML text; a syntax error is a {@link TemplateError} with file, line and column. */
export async function parseText(text: string, file: string | undefined): Promise<ParsedText> {
  // A byte-order mark is not part of the document.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = new LineIndex(body);
  if (looksLikeJson(body)) {
    const scan = scanJson(body);
    if (scan.error) {
      const at = lines.position(scan.error.offset);
      throw new TemplateError(`not valid JSON: ${scan.error.message}`, file, at.line, at.column);
    }
    const value: unknown = JSON.parse(body);
    return { value, file, locate: (path) => locateIn(scan, lines, path) };
  }
  const parsed = await parseYaml(body, file);
  const scan = { offsets: parsed.offsets, duplicates: [] };
  return { value: parsed.value, file, locate: (path) => locateIn(scan, lines, path) };
}
