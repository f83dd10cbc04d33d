/** The validator/constructor agreement check shared by the property tests. */
import { AslValidationError } from '../../src/errors.js';
import { StateMachine } from '../../src/runtime/state-machine.js';
import { validate } from '../../src/validate/index.js';
import { safeJson, type Findings } from './budget.js';

/** What `new StateMachine(definition)` did. */
export type Construction = { kind: 'built'; machine: StateMachine } | { kind: 'rejected'; error: AslValidationError } | { kind: 'threw'; error: unknown };

export function construct(definition: unknown): Construction {
  try {
    return { kind: 'built', machine: new StateMachine(definition as object) };
  } catch (error) {
    return error instanceof AslValidationError ? { kind: 'rejected', error } : { kind: 'threw', error };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.slice(0, 300)}` : String(error);
}

/**
 * Property (a) and (b): validate() never throws, never mutates its input, reports no internal
 * error, gives the same verdict for the object and its JSON text, and `valid` holds exactly when
 * the constructor builds a machine (and a rejection is always an AslValidationError).
 */
export function checkAgreement(definition: unknown, findings: Findings, label = '', compareText = true): void {
  findings.cases++;
  const before = safeJson(definition);
  let result;
  try {
    result = validate(definition);
  } catch (error) {
    findings.add(`${label}validate() threw`, `${describe(error)} for ${before}`);
    return;
  }
  if (safeJson(definition) !== before) findings.add(`${label}validate() changed its input`, before);
  const internal = result.diagnostics.find((d) => d.code === 'VALIDATOR_INTERNAL_ERROR');
  if (internal) findings.add(`${label}internal validator error`, `${internal.message} for ${before}`);
  if (compareText && typeof definition === 'object' && definition !== null && before.startsWith('{')) {
    const fromText = validate(before);
    if (fromText.valid !== result.valid) findings.add(`${label}object and text disagree`, `object ${result.valid}, text ${fromText.valid}: ${before}`);
  }
  const built = construct(definition);
  const errors = result.diagnostics.filter((d) => d.severity === 'ERROR').map((d) => `${d.code} ${d.location}`);
  if (built.kind === 'threw') findings.add(`${label}constructor threw a non-AslValidationError (validate said valid: ${result.valid})`, `${describe(built.error)} for ${before}`);
  else if (result.valid && built.kind === 'rejected') findings.add(`${label}validate accepted, constructor rejected`, `${built.error.message} for ${before}`);
  else if (!result.valid && built.kind === 'built') findings.add(`${label}validate rejected, constructor built`, `${errors.join(', ')} for ${before}`);
}
