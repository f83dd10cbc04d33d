import type { Diagnostic } from '../definition/diagnostic.js';
import type { DiagnosticCode } from '../definition/diagnostic-codes.js';

/** A location inside the definition as keys and indexes. */
export type Path = readonly (string | number)[];

/** Encodes a path as a JSON pointer (RFC 6901). */
export function toPointer(path: Path): string {
  let out = '';
  for (const segment of path) {
    const text = String(segment);
    // most keys need no escaping; skip the two replacements for them
    out += '/' + (text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text);
  }
  return out;
}

/** Mutable diagnostic list with helpers; `stateName` is attached by callers that know it. */
export class Collector {
  readonly items: Diagnostic[] = [];
  /** Locations (pointer + code) already reported, so one problem is reported once. */
  private readonly seen = new Set<string>();
  /** Pointers that already carry an error. */
  private readonly errorPointers = new Set<string>();
  /** How many errors have been reported so far (lets a check tell whether an earlier one found a problem). */
  errorCount = 0;

  constructor(private readonly includeWarnings: boolean) {}

  /** Reports an error. */
  error(code: DiagnosticCode, path: Path, message: string, stateName?: string): void {
    this.add('ERROR', code, path, message, stateName);
  }

  /** Text offsets for diagnostics whose position is not the first occurrence of their pointer. */
  readonly offsets = new WeakMap<Diagnostic, number>();

  /** Reports a problem at an explicit offset of the JSON text (e.g. a repeated key). */
  atOffset(severity: Diagnostic['severity'], code: DiagnosticCode, path: Path, message: string, offset: number, stateName?: string): void {
    if (severity === 'WARNING' && !this.includeWarnings) return;
    const before = this.items.length;
    this.add(severity, code, path, message, stateName);
    const added = this.items[before];
    if (added !== undefined) this.offsets.set(added, offset);
  }

  /** Reports a warning (dropped when warnings are off). */
  warn(code: DiagnosticCode, path: Path, message: string, stateName?: string): void {
    if (this.includeWarnings) this.add('WARNING', code, path, message, stateName);
  }

  /**
   * Withdraws diagnostics reported since `from` that `drop` selects: a later check may learn that
   * an earlier report was only a consequence of a problem already reported.
   */
  retract(from: number, drop: (d: Diagnostic) => boolean): void {
    for (let i = this.items.length - 1; i >= from; i--) {
      const d = this.items[i]!; // i is within bounds
      if (!drop(d)) continue;
      this.items.splice(i, 1);
      if (d.severity === 'ERROR') this.errorCount--;
    }
  }

  /** True when an error has been reported at this exact location. */
  hasErrorAt(path: Path): boolean {
    return this.errorPointers.has(toPointer(path));
  }

  private add(severity: Diagnostic['severity'], code: DiagnosticCode, path: Path, message: string, stateName?: string): void {
    const location = toPointer(path);
    const key = `${severity}\u0000${code}\u0000${location}\u0000${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (severity === 'ERROR') {
      this.errorPointers.add(location);
      this.errorCount++;
    }
    const diagnostic: Diagnostic = stateName === undefined
      ? { severity, code, message, location, path: [...path] }
      : { severity, code, message, location, path: [...path], stateName };
    this.items.push(diagnostic);
  }
}

/** Plain-object test that excludes arrays and null. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own-property lookup that never reaches the prototype chain (safe for `__proto__` keys). */
export function has(object: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** Own-property read (undefined when absent). */
export function get(object: Record<string, unknown>, key: string): unknown {
  return has(object, key) ? object[key] : undefined;
}

/** Longest quoted value in a message: a multi-megabyte field must not be copied into every diagnostic. */
const MAX_QUOTED = 200;

/** A string as JSON, shortened with '...' past {@link MAX_QUOTED} characters. */
export function quote(value: string): string {
  return value.length > MAX_QUOTED ? JSON.stringify(value.slice(0, MAX_QUOTED)).slice(0, -1) + '..."' : JSON.stringify(value);
}

/** Short printable form of a value for messages. */
export function show(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}
