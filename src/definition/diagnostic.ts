/** One finding of the validator, shaped like AWS's ValidateStateMachineDefinition diagnostics. */
export interface Diagnostic {
  readonly severity: 'ERROR' | 'WARNING';
  /** AWS's code where AWS has one (e.g. `MISSING_TRANSITION_TARGET`), otherwise our own. */
  readonly code: string;
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

/** What `validate()` returns. */
export interface ValidationResult {
  /** True when there is no diagnostic of severity ERROR. */
  readonly valid: boolean;
  readonly diagnostics: readonly Diagnostic[];
}
