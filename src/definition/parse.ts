import type { Diagnostic } from './diagnostic.js';
import type { DiagnosticCode } from './diagnostic-codes.js';
import { AslValidationError } from '../errors.js';
import type { MachineDefinition } from './types.js';

/**
 * Maximum JSON nesting depth accepted. AWS does not document its exact limit; 1000 is far beyond
 * any real definition and keeps every later check's work bounded.
 */
export const MAX_DEPTH = 1000;

/**
 * More values than any 1 MB definition can hold; beyond it an object definition is treated as
 * too large (this also bounds a shared sub-object that repeats exponentially).
 */
export const MAX_VALUES = 5_000_000;

/** A plain-JSON copy of a definition, or the one reason it cannot be made. */
export type DefinitionSnapshot = { readonly value: unknown; readonly problem?: undefined } | { readonly problem: Diagnostic };

/** Where a value sits: a parent-linked trail, turned into a path only when a problem is reported. */
interface Trail {
  readonly key: string | number;
  readonly parent: Trail | undefined;
}

/** A copy under construction and the member a value goes to. */
type Slot = { readonly target: unknown[]; readonly key: number } | { readonly target: Record<string, unknown>; readonly key: string };

type Work =
  | { readonly kind: 'enter'; readonly value: unknown; readonly depth: number; readonly trail: Trail | undefined; readonly slot: Slot }
  | { readonly kind: 'exit'; readonly value: object };

function put(slot: Slot, value: unknown): void {
  if (Array.isArray(slot.target)) slot.target[slot.key as number] = value;
  // defineProperty keeps `__proto__` a plain key, as JSON.parse does (assignment would set the prototype)
  else if (slot.key === '__proto__') Object.defineProperty(slot.target, slot.key, { value, enumerable: true, writable: true, configurable: true });
  else slot.target[slot.key] = value;
}

function pathOf(trail: Trail | undefined): (string | number)[] {
  const path: (string | number)[] = [];
  for (let t = trail; t !== undefined; t = t.parent) path.unshift(t.key);
  return path;
}

function problemAt(code: DiagnosticCode, trail: Trail | undefined, message: string): { problem: Diagnostic } {
  const path = pathOf(trail);
  const location = path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
  return { problem: { severity: 'ERROR', code, message, location, path } };
}

/** True for objects whose prototype is null or a root prototype (Object.prototype of any realm). */
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && value !== null) return `an object of class ${(value as { constructor?: { name?: unknown } }).constructor?.name ?? 'unknown'}`;
  return `a ${typeof value}`;
}

/**
 * Copies a definition object into plain JSON data, reading every member exactly once (getters
 * and Proxy traps run once), so the validator and the compiler see the same values and later
 * changes to the caller's object do not reach a built machine. Follows `JSON.stringify` for
 * members whose value is `undefined` (they are left out) and reports everything JSON cannot
 * hold instead of silently changing it: non-finite numbers, functions, symbols, bigints,
 * class instances (`Date`, `Map`…), cycles, nesting deeper than {@link MAX_DEPTH}, more than
 * {@link MAX_VALUES} values, and reads that throw. Iterative, so any depth is safe. Never throws.
 */
export function snapshotDefinition(definition: unknown): DefinitionSnapshot {
  if (definition === undefined) return { value: undefined };
  const holder: unknown[] = [undefined];
  const work: Work[] = [{ kind: 'enter', value: definition, depth: 0, trail: undefined, slot: { target: holder, key: 0 } }];
  // containers on the path from the root to the current value: meeting one again is a cycle
  const ancestors = new Set<object>();
  let budget = MAX_VALUES;
  let at: Trail | undefined;
  try {
    while (work.length > 0) {
      const item = work.pop()!;
      if (item.kind === 'exit') {
        ancestors.delete(item.value);
        continue;
      }
      const { value, depth, trail, slot } = item;
      at = trail;
      if (budget-- <= 0) return problemAt('SCHEMA_VALIDATION_FAILED', undefined, 'the definition is too large (or is not a tree of JSON values)');
      if (value === null || typeof value === 'string' || typeof value === 'boolean') {
        put(slot, value);
        continue;
      }
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) return problemAt('INVALID_JSON_DESCRIPTION', trail, `${describeValue(value)} is not a JSON number`);
        put(slot, value);
        continue;
      }
      if (typeof value !== 'object') {
        return problemAt('INVALID_JSON_DESCRIPTION', trail, `${describeValue(value)} is not a JSON value`);
      }
      if (depth > MAX_DEPTH) return problemAt('TOO_DEEPLY_NESTED', trail, `the definition is nested deeper than ${MAX_DEPTH} levels`);
      if (ancestors.has(value)) return problemAt('SCHEMA_VALIDATION_FAILED', trail, 'the definition contains itself (a cycle), so it is not JSON');
      ancestors.add(value);
      work.push({ kind: 'exit', value });
      if (Array.isArray(value)) {
        const length = value.length;
        if (length > budget) return problemAt('SCHEMA_VALIDATION_FAILED', undefined, 'the definition is too large (or is not a tree of JSON values)');
        const copy: unknown[] = new Array<unknown>(length);
        put(slot, copy);
        const children: unknown[] = [];
        for (let i = 0; i < length; i++) {
          at = { key: i, parent: trail };
          children.push(value[i]);
          if (children[i] === undefined) return problemAt('INVALID_JSON_DESCRIPTION', at, 'undefined is not a JSON value');
        }
        for (let i = length - 1; i >= 0; i--) {
          work.push({ kind: 'enter', value: children[i], depth: depth + 1, trail: { key: i, parent: trail }, slot: { target: copy, key: i } });
        }
        continue;
      }
      if (!isPlainObject(value)) return problemAt('INVALID_JSON_DESCRIPTION', trail, `${describeValue(value)} is not a JSON value`);
      const copy: Record<string, unknown> = {};
      put(slot, copy);
      const keys = Object.keys(value);
      if (keys.length > budget) return problemAt('SCHEMA_VALIDATION_FAILED', undefined, 'the definition is too large (or is not a tree of JSON values)');
      // read in key order, push in reverse so members are added to the copy in key order
      const children: unknown[] = [];
      for (const key of keys) {
        at = { key, parent: trail };
        children.push((value as Record<string, unknown>)[key]);
      }
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        if (children[i] === undefined) continue; // as JSON.stringify: an undefined member is absent
        work.push({ kind: 'enter', value: children[i], depth: depth + 1, trail: { key, parent: trail }, slot: { target: copy, key } });
      }
    }
  } catch (error) {
    let message: string;
    try {
      message = String(error instanceof Error ? error.message : error);
    } catch {
      message = 'a value that cannot be printed was thrown'; // e.g. an object without a prototype
    }
    return problemAt('INVALID_JSON_DESCRIPTION', at, `the definition could not be read: ${message.slice(0, 200)}`);
  }
  return { value: holder[0] };
}

/**
 * Turns JSON text or an already-parsed object into a plain JSON definition (see
 * {@link snapshotDefinition}). Only the JSON level is checked here; `validate()` checks the shape.
 * @throws AslValidationError when the text is not JSON or the object cannot be read as JSON.
 */
export function parseDefinition(definition: unknown): unknown {
  if (typeof definition !== 'string') {
    const snapshot = snapshotDefinition(definition);
    if (snapshot.problem !== undefined) throw new AslValidationError([snapshot.problem]);
    return snapshot.value;
  }
  try {
    return JSON.parse(definition) as unknown;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new AslValidationError([
      { severity: 'ERROR', code: 'INVALID_JSON_DESCRIPTION', message: `Definition is not valid JSON: ${message}`, location: '', path: [] },
    ]);
  }
}

export type { MachineDefinition };
