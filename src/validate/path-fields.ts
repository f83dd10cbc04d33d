/**
 * JSONPath-valued fields: AWS's grammar first (for AWS's codes and messages), then the runtime's
 * own compiler, so every path `validate()` accepts is one the engine can compile.
 */
import { pathCompileProblem, resultPathCompileProblem } from './compiled.js';
import { quote, type Collector, type Path } from './diagnostics.js';
import { checkPath } from './paths.js';

/** A path field read as a JSONPath (InputPath, OutputPath, Choice `Variable`, `…Path` operators). */
export function checkPathField(out: Collector, value: string, at: Path, stateName: string): void {
  const problem = checkPath(value);
  if (problem) {
    out.error('INVALID_JSONPATH', at, `${quote(value)} is not a valid JSONPath: ${problem.message} (character ${problem.position + 1})`, stateName);
    return;
  }
  const compileProblem = pathCompileProblem(value);
  if (compileProblem !== undefined) out.error('INVALID_JSONPATH', at, `${quote(value)} is not a valid JSONPath: ${compileProblem}`, stateName);
}

/** A field that must identify a single node (SecondsPath, ItemsPath, MaxConcurrencyPath…). */
export function checkReferenceField(out: Collector, value: string, at: Path, stateName: string): void {
  const problem = checkPath(value, { reference: true });
  if (problem) {
    out.error('INVALID_REFERENCE_PATH', at, `${quote(value)} is not a valid reference path: ${problem.message} (character ${problem.position + 1})`, stateName);
    return;
  }
  const compileProblem = pathCompileProblem(value);
  if (compileProblem !== undefined) out.error('INVALID_REFERENCE_PATH', at, `${quote(value)} is not a valid reference path: ${compileProblem}`, stateName);
}

/** A state's or catcher's ResultPath: a reference path into the input (no `$$`, no variables). */
export function checkResultPathField(out: Collector, value: unknown, at: Path, stateName: string): void {
  if (typeof value !== 'string') return;
  const problem = checkPath(value, { reference: true, context: false, variables: false });
  if (problem) {
    out.error('INVALID_REFERENCE_PATH', at, `ResultPath ${quote(value)} is not a valid reference path: ${problem.message} (character ${problem.position + 1})`, stateName);
    return;
  }
  const compileProblem = resultPathCompileProblem(value);
  if (compileProblem !== undefined) out.error('INVALID_REFERENCE_PATH', at, `ResultPath ${quote(value)} is not a valid reference path: ${compileProblem}`, stateName);
}
