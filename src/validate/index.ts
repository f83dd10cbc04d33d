/**
 * `validate()`: checks an Amazon States Language definition the way AWS's
 * ValidateStateMachineDefinition does, with AWS's diagnostic codes and JSON-pointer locations.
 */
import type { Diagnostic, ValidationResult } from '../definition/diagnostic.js';
import { snapshotDefinition } from '../definition/parse.js';
import { findTooDeep, MAX_DEPTH } from './depth.js';
import { Collector, get, isObject, toPointer } from './diagnostics.js';
import { checkGraph } from './graph.js';
import { buildModel, type Model } from './model.js';
import { LineIndex, locate, scanJson, type JsonScan } from './positions.js';
import { checkState } from './state-checks.js';
import { checkVariableScopes } from './variables.js';
import { validatedDefinition } from './validated.js';
import type { ValidatedDefinition } from '../definition/validated.js';

export { formatDiagnostics } from './format.js';
export type { Diagnostic, ValidationResult } from '../definition/diagnostic.js';
export type { ValidatedDefinition, ValidatedState } from '../definition/validated.js';

/** Options of {@link validate}. */
export interface ValidateOptions {
  /**
   * Check Task `Resource` against AWS's ARN grammar (Lambda functions with their qualifiers,
   * activities, service integrations), as a deployment would. Default: any URI (`scheme:rest`),
   * as the ASL spec says, so local names such as `local:sendEmail` pass. A `${…}` placeholder
   * left by a template is an error either way.
   */
  strictResources?: boolean;
  /** Target workflow type; EXPRESS rejects `.sync`, `.waitForTaskToken` and activities. Default STANDARD. */
  type?: 'STANDARD' | 'EXPRESS';
  /** Include WARNING diagnostics (default true). */
  warnings?: boolean;
}

/**
 * Validates a state machine definition. Accepts the parsed object or its JSON text (then each
 * diagnostic also carries `line`/`column`). An object is read once into plain JSON data first,
 * exactly as `new StateMachine()` reads it, so both see the same definition. Never throws and
 * never mutates its input; a failure inside the validator is an ERROR (it never fails open).
 */
export function validate(definitionOrText: unknown, options?: ValidateOptions): ValidationResult {
  try {
    return validateUnsafe(definitionOrText, options ?? {});
  } catch (error) {
    // even reporting failed (e.g. positions of a pathological text): answer without positions
    return { valid: false, diagnostics: [internalError(error)] };
  }
}

function internalError(error: unknown): Diagnostic {
  let detail: string;
  try {
    detail = String(error instanceof Error ? error.message : error);
  } catch {
    detail = 'unknown error';
  }
  const message = `internal validator error: ${detail.slice(0, 200)}; the definition was not fully checked, so it is not accepted`;
  return { severity: 'ERROR', code: 'VALIDATOR_INTERNAL_ERROR', message, location: '', path: [] };
}

function validateUnsafe(definitionOrText: unknown, opts: ValidateOptions): ValidationResult {
  const out = new Collector(opts.warnings !== false);
  let validated: ValidatedDefinition | undefined;
  let scan: JsonScan | undefined;
  let text: string | undefined;
  try {
    let definition: unknown = definitionOrText;
    if (typeof definitionOrText === 'string') {
      text = definitionOrText;
      if (text.trim() === '') {
        out.error('MISSING_DESCRIPTION', [], 'the definition is empty');
        return finish(out, text, scan);
      }
      scan = scanJson(text);
      if (scan.error !== undefined) {
        const lines = new LineIndex(text);
        const { line, column } = lines.position(scan.error.offset);
        out.error('INVALID_JSON_DESCRIPTION', [], `invalid JSON at line ${line} column ${column}: ${scan.error.message}`);
        return finish(out, text, scan, scan.error.offset);
      }
      try {
        definition = JSON.parse(text) as unknown;
      } catch {
        // the scanner accepted the text, so only the engine's recursion limit can fail here
        out.error('TOO_DEEPLY_NESTED', [], 'the definition is nested too deeply to be parsed');
        return finish(out, text, scan);
      }
    } else if (definition !== null && definition !== undefined) {
      const snapshot = snapshotDefinition(definition);
      if (snapshot.problem !== undefined) {
        const p = snapshot.problem;
        out.error(p.code, p.path, p.message);
        return finish(out, text, scan);
      }
      definition = snapshot.value;
    }
    validated = run(definition, opts, out, scan);
  } catch (error) {
    // a bug in the validator must not let a definition through unchecked
    const d = internalError(error);
    out.error(d.code, d.path, d.message);
  }
  return finish(out, text, scan, undefined, validated);
}

/** Checks a definition; returns its model (which only a definition with no ERROR is given as). */
function run(definition: unknown, options: ValidateOptions, out: Collector, scan: JsonScan | undefined): ValidatedDefinition | undefined {
  if (definition === null || definition === undefined) {
    out.error('MISSING_DESCRIPTION', [], 'the definition is empty');
    return;
  }
  if (!isObject(definition)) {
    out.error('SCHEMA_VALIDATION_FAILED', [], 'the definition must be a JSON object');
    return;
  }
  const deep = findTooDeep(definition);
  if (deep === 'too-large') {
    out.error('SCHEMA_VALIDATION_FAILED', [], 'the definition is too large (or is not a tree of JSON values)');
    return;
  }
  if (deep !== undefined) {
    out.error('TOO_DEEPLY_NESTED', deep, `the definition is nested deeper than ${MAX_DEPTH} levels`);
    return;
  }
  const model = buildModel(definition, out);
  const stateOptions = { strictResources: options.strictResources === true, express: options.type === 'EXPRESS', topLanguage: model.topLanguage };
  for (const state of model.states) checkState(out, state, stateOptions);
  checkGraph(model, out);
  checkLabels(model, out);
  checkVariableScopes(model, out);
  if (scan !== undefined) {
    const statesObjects = new Set(model.machines.map((m) => toPointer([...m.path, 'States'])));
    for (const dup of scan.duplicates) {
      const p = dup.path;
      const key = String(p[p.length - 1]);
      if (statesObjects.has(toPointer(p.slice(0, -1)))) out.atOffset('ERROR', 'DUPLICATE_STATE_NAME', p, `state name '${key}' appears more than once in the same States object`, dup.offset, key);
      else out.atOffset('WARNING', 'DUPLICATE_KEY', p, `key '${key}' appears more than once in the same object; only the last value is used`, dup.offset);
    }
  }
  return validatedDefinition(definition, model);
}

const LABEL_FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

function checkLabels(model: Model, out: Collector): void {
  const seen = new Map<string, string>();
  for (const state of model.states) {
    const label = get(state.node, 'Label');
    if (get(state.node, 'Type') !== 'Map' || typeof label !== 'string') continue;
    const at = [...state.path, 'Label'];
    if (label.length === 0 || label.length > 40 || LABEL_FORBIDDEN.test(label)) {
      out.error('INVALID_LABEL_NAME', at, `Map Label ${JSON.stringify(label)} must be 1 to 40 characters without whitespace, brackets, wildcards, punctuation such as " # % \\ ^ | ~ \` $ & , ; : / or control characters`, state.name);
    }
    const first = seen.get(label);
    if (first !== undefined) out.error('DUPLICATE_LABEL_NAME', at, `Map Label '${label}' is already used by state '${first}'`, state.name);
    else seen.set(label, state.name);
  }
}

function finish(out: Collector, text: string | undefined, scan: JsonScan | undefined, errorOffset?: number, validated?: ValidatedDefinition): ValidationResult {
  let diagnostics: Diagnostic[] = out.items;
  if (text !== undefined) {
    const lines = new LineIndex(text);
    diagnostics = diagnostics.map((d) => {
      const explicit = errorOffset ?? out.offsets.get(d);
      const pos = explicit !== undefined ? lines.position(explicit) : scan !== undefined ? locate(scan, lines, d.path) : { line: 1, column: 1 };
      return { ...d, line: pos.line, column: pos.column };
    });
    // for text, list problems in reading order (stable for equal positions)
    diagnostics = diagnostics
      .map((d, i) => ({ d, i }))
      .sort((a, b) => (a.d.line! - b.d.line!) || (a.d.column! - b.d.column!) || (a.i - b.i))
      .map((x) => x.d);
  }
  if (diagnostics.some((d) => d.severity === 'ERROR') || validated === undefined) return { valid: false, diagnostics };
  return { valid: true, diagnostics, definition: validated };
}
