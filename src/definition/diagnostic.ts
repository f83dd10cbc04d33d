import type { DiagnosticCode } from './diagnostic-codes.js';
import type { ValidatedDefinition } from './validated.js';

/** One finding of the validator, shaped like AWS's ValidateStateMachineDefinition diagnostics. */
export interface Diagnostic {
  readonly severity: 'ERROR' | 'WARNING';
  /** AWS's code where AWS has one (e.g. `MISSING_TRANSITION_TARGET`), otherwise our own; see DIAGNOSTIC_CODES. */
  readonly code: DiagnosticCode;
  readonly message: string;
  /** JSON pointer into the definition, as AWS gives it: `/States/MyState/Next`. */
  readonly location: string;
  /** The same location as an array of keys and indexes. */
  readonly path: readonly (string | number)[];
  /** The state the problem belongs to, when there is one. */
  readonly stateName?: string;
  /** 1-based position, given when the definition was validated from JSON text. */
  readonly line?: number;
  readonly column?: number;
}

/**
 * What `validate()` returns, in the shape of zod's `safeParse`: when `valid`, `definition` is
 * the validated definition with its model, ready for the compiler.
 */
export type ValidationResult =
  | { readonly valid: true; readonly diagnostics: readonly Diagnostic[]; readonly definition: ValidatedDefinition }
  | { readonly valid: false; readonly diagnostics: readonly Diagnostic[]; readonly definition?: undefined };
