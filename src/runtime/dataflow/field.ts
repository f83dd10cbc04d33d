/**
 * One compiler for the state fields that may be given three ways: a literal, a `…Path`
 * reference (JSONPath states) or a `{% %}` expression (JSONata states). TimeoutSeconds,
 * HeartbeatSeconds, Seconds, Timestamp, MaxConcurrency, ToleratedFailure…, Error, Cause,
 * Items and Condition all go through here; what differs per field is its {@link FieldType}
 * (see `field-types.ts`, which holds AWS's error wording).
 */
import { DataFlowError, StatesErrors } from '../../errors.js';
import { compileJsonataTemplate, expressionBody, isJsonataExpression } from '../../query/jsonata/index.js';
import { compilePath } from '../../query/jsonpath/path.js';
import { compileDynamicValue } from '../../query/jsonpath/template.js';
import type { Frame } from '../frame.js';
import { andThen, type MaybePromise } from '../maybe.js';
import { bindings } from './jsonata.js';

/**
 * Reads a field for one run. `selected` is the effective input (after InputPath; `…Path`
 * fields read it), `raw` the state's raw input (`$states.input` for expressions).
 */
export type FieldReader<T> = (selected: unknown, raw: unknown, frame: Frame) => MaybePromise<T>;

/** Where a value was read from, for error causes. */
export interface FieldSite {
  /** The field's name without `Path`, e.g. `TimeoutSeconds`. */
  readonly field: string;
}

/** A `…Path` read, for error causes. */
export interface PathSite extends FieldSite {
  /** The path text as written in the definition. */
  readonly path: string;
}

/** How one kind of field checks and converts its value; each hook throws AWS's error for a bad one. */
export interface FieldType<T> {
  /** A literal from the definition, read once at compile time; `undefined` means "not a literal of this field". */
  readonly literal: (value: unknown, site: FieldSite) => ((frame: Frame) => T) | undefined;
  /** The result of an expression; `expression` is its text without the `{% %}` markers. */
  readonly expression: (value: unknown, expression: string, site: FieldSite, frame: Frame) => T;
  /** A value read through the `…Path` field (`undefined` if the path matched nothing and {@link mustMatch} is off). Absent for fields without a path twin. */
  readonly path?: (value: unknown, site: PathSite, frame: Frame) => T;
  /** A path that matches nothing fails with AWS's "Invalid path" cause before {@link path} sees it. */
  readonly mustMatch?: boolean;
  /** The `…Path` may be an intrinsic function and must match (Fail's ErrorPath and CausePath). */
  readonly intrinsics?: boolean;
  /** In JSONata states a non-literal value is a template with expressions inside (Items, Condition). */
  readonly template?: boolean;
}

/** The field as the definition gives it. */
export interface FieldSource {
  /** Field name, e.g. `TimeoutSeconds`; its path twin is `${field}Path`. */
  readonly field: string;
  /** `def[field]`. */
  readonly literal: unknown;
  /** `def[`${field}Path`]` (or a default path such as Map's `$`). */
  readonly path?: string | undefined;
  /** The state's query language is JSONata. */
  readonly jsonata: boolean;
}

/**
 * Compiles a field, or returns `undefined` when the definition sets neither it nor its `…Path`
 * twin. Literal and JSONPath readers are synchronous; only expressions return a promise.
 */
export function compileField<T>(src: FieldSource, type: FieldType<T>): FieldReader<T> | undefined {
  const { field, literal, path, jsonata } = src;
  const site: FieldSite = { field };
  if (literal !== undefined) {
    if (jsonata && isJsonataExpression(literal)) return expressionReader(literal, site, type);
    const constant = type.literal(literal, site);
    if (constant) return (_s, _raw, frame) => constant(frame);
    if (jsonata && type.template) return expressionReader(literal, site, type);
  }
  if (path !== undefined && type.path) return pathReader({ field, path }, type.path, type);
  return undefined;
}

function expressionReader<T>(value: unknown, site: FieldSite, type: FieldType<T>): FieldReader<T> {
  const t = compileJsonataTemplate(value, site.field);
  const text = typeof value === 'string' ? expressionBody(value) : JSON.stringify(value);
  return (_s, raw, frame) => andThen(t(bindings(frame, raw)), (v) => type.expression(v, text, site, frame));
}

function pathReader<T>(site: PathSite, check: NonNullable<FieldType<T>['path']>, type: FieldType<T>): FieldReader<T> {
  if (type.intrinsics) {
    const read = compileDynamicValue(site.path, `${site.field}Path`);
    return (selected, _raw, frame) => check(read(frame.transientScope(selected)), site, frame);
  }
  const p = compilePath(site.path);
  // Paths and intrinsics read their scope synchronously and keep no reference to it: the
  // thread's reusable scope serves (no allocation per read).
  return (selected, _raw, frame) => {
    const scope = frame.transientScope(selected);
    const v = p.get(scope);
    if (v === undefined && type.mustMatch) {
      throw new DataFlowError(StatesErrors.Runtime, `Invalid path '${site.path}' : ${p.missReason(scope)}`);
    }
    return check(v, site, frame);
  };
}
