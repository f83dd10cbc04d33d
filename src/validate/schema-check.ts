/**
 * Schema checks of one state, with validators generated from schemas/ at build time (ajv
 * standalone code, scripts/generate-schema-validators.mjs): nothing compiles a schema at run time.
 * Nested state machines inside Parallel/Map are stubbed out before validation: their states are
 * checked on their own, with their own query language.
 */
import { isObject, type Collector, type Path } from './diagnostics.js';
import type { QueryLanguage, StateType } from './schemas.js';
import * as generated from './schema-validators.generated.js';
import type { SchemaError, SchemaValidator } from './schema-validators.generated.js';
import { didYouMean } from './suggest.js';

/** The validator for one state type and query language. */
export function stateValidator(type: StateType, language: QueryLanguage): SchemaValidator {
  return generated[`${type}_${language}`];
}

const STUB_STATE = Object.freeze({ Type: 'Succeed' });

function stubMachine(machine: unknown): unknown {
  if (!isObject(machine)) return machine;
  const states = machine.States;
  if (!isObject(states) || !Object.prototype.hasOwnProperty.call(machine, 'States')) return machine;
  const stubbed: Record<string, unknown> = {};
  for (const name of Object.keys(states)) Object.defineProperty(stubbed, name, { value: STUB_STATE, enumerable: true, writable: true, configurable: true });
  return { ...machine, States: stubbed };
}

/** A shallow copy of the state whose nested machines carry stub states only. */
function stubNested(state: Record<string, unknown>): Record<string, unknown> {
  const own = (k: string): boolean => Object.prototype.hasOwnProperty.call(state, k);
  if (!own('Branches') && !own('ItemProcessor') && !own('Iterator')) return state;
  const copy: Record<string, unknown> = { ...state };
  if (own('Branches') && Array.isArray(state.Branches)) copy.Branches = state.Branches.map(stubMachine);
  if (own('ItemProcessor')) copy.ItemProcessor = stubMachine(state.ItemProcessor);
  if (own('Iterator')) copy.Iterator = stubMachine(state.Iterator);
  return copy;
}

function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function segment(path: string[]): (string | number)[] {
  // ajv reports array indexes as strings; turn digit-only segments into numbers
  return path.map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

function describe(error: SchemaError): string | undefined {
  const schema = error.parentSchema as { description?: string } | undefined;
  return schema?.description;
}

/**
 * Validates one state object against its (type, language) schema and reports each problem once at
 * its most specific location. Unknown fields at the state's top level are left to the caller.
 */
export function checkStateSchema(
  out: Collector, state: Record<string, unknown>, type: StateType, language: QueryLanguage, statePath: Path, stateName: string,
): void {
  const validate = stateValidator(type, language);
  if (validate(stubNested(state))) return;
  const errors = validate.errors ?? [];
  // anyOf / oneOf explain themselves with a description; drop the per-branch noise under them
  const grouped = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const reported = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'if' || error.keyword === 'then' || error.keyword === 'else' || error.keyword === 'propertyNames') continue;
    if (grouped.some((g) => g !== error && g.instancePath === error.instancePath && error.schemaPath.startsWith(g.schemaPath + '/'))) continue;
    const rel = splitPointer(error.instancePath);
    if (isInsideNestedStates(rel)) continue;
    const at = [...statePath, ...segment(rel)];
    const field = rel.length > 0 ? label(rel) : `${type} state '${stateName}'`;
    let message: string;
    let location = at;
    switch (error.keyword) {
      case 'additionalProperties':
      case 'unevaluatedProperties': {
        const prop = String((error.params as { additionalProperty?: string; unevaluatedProperty?: string }).additionalProperty
          ?? (error.params as { unevaluatedProperty?: string }).unevaluatedProperty);
        if (rel.length === 0) continue; // state-level unknown fields are reported by the dispatcher
        const parent = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
        const known = parent?.properties ? Object.keys(parent.properties) : [];
        message = `${field} has no field '${prop}'${didYouMean(prop, known)}`;
        location = [...at, prop];
        break;
      }
      case 'required': {
        const prop = (error.params as { missingProperty: string }).missingProperty;
        message = `${rel.length > 0 ? field : `${type} state '${stateName}'`} is missing required field '${prop}'`;
        break;
      }
      case 'type':
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
      case 'anyOf':
      case 'oneOf':
      case 'pattern': {
        const expected = describe(error);
        message = expected ? `${field} must be ${expected}` : `${field} ${error.message ?? 'is invalid'}`;
        break;
      }
      case 'enum':
        message = `${field} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
        break;
      case 'const':
        message = `${field} must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`;
        break;
      case 'minItems':
        message = `${field} must not be empty`;
        break;
      case 'minProperties':
        message = `${field} must contain at least one state`;
        break;
      case 'maxLength':
      case 'minLength':
        message = describe(error) ? `${field} must be ${describe(error)}` : `${field} ${error.message ?? ''}`;
        break;
      default:
        message = `${field} ${error.message ?? 'is invalid'}`;
    }
    if (out.hasErrorAt(location)) continue;
    const key = `${location.join('\u0000')}\u0001${error.keyword === 'required' ? message : ''}`;
    if (reported.has(key)) continue;
    reported.add(key);
    out.error('SCHEMA_VALIDATION_FAILED', location, message, stateName);
  }
}

/** True for locations inside the `States` of a nested machine (checked separately). */
function isInsideNestedStates(rel: string[]): boolean {
  for (let i = 0; i < rel.length - 1; i++) {
    if (rel[i] === 'States' && i >= 1 && (rel[i - 1] === 'ItemProcessor' || rel[i - 1] === 'Iterator' || (i >= 2 && rel[i - 2] === 'Branches'))) return true;
  }
  return false;
}

/** `'Field'` or `'Field[2]'` for the last member of a (non-empty) relative path. */
function label(rel: string[]): string {
  const last = rel.at(-1) ?? '';
  const parent = rel.at(-2);
  if (parent !== undefined && /^[0-9]+$/.test(last)) return `'${parent}[${last}]'`;
  return `'${last}'`;
}
