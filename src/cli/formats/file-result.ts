import type { Diagnostic } from '../../definition/diagnostic.js';

/** What `validate` found in one file, or one state machine of a template (the shape of `--format json`). */
export interface FileResult {
  readonly file: string;
  /** The state machine's logical ID, when the file is a template. */
  readonly stateMachine?: string;
  readonly valid: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

/** The output formats of `validate --format`. */
export const VALIDATE_FORMATS = ['text', 'json', 'github', 'sarif', 'junit'] as const;
export type ValidateFormat = (typeof VALIDATE_FORMATS)[number];

/** `file:line:col` when the position is known, else `file:/json/pointer`. */
export function where(file: string, d: Diagnostic): string {
  return d.line !== undefined ? `${file}:${d.line}:${d.column ?? 1}` : `${file}:${d.location || '/'}`;
}
