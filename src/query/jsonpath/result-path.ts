import { DataFlowError, StatesErrors } from '../../errors.js';
import { PathSyntaxError } from './path.js';
import { parsePathRoot, parseSimpleSegments, type Segment } from './segments.js';

/**
 * A compiled ResultPath: where a state's result is written into its raw input. Copies only the
 * objects along the path (the rest is shared), so no input is ever mutated.
 */
export type ResultWriter = (input: unknown, result: unknown) => unknown;

/**
 * Compiles a ResultPath (a reference path: `$`, names and indexes only). Throws
 * {@link PathSyntaxError} for anything else; the validator reports the same paths.
 */
export function compileResultPath(path: string | null | undefined): ResultWriter {
  if (path === undefined || path === '$') return (_input, result) => result;
  if (path === null) return (input) => input;
  const parsed = parsePathRoot(path.trimEnd());
  const segments = parsed && parsed.root.kind === 'input' ? parseSimpleSegments(parsed.rest) : undefined;
  if (!segments) throw new PathSyntaxError(`ResultPath '${path}' is not a reference path: use only '.name', "['name']" and '[index]' after '$'`);
  return (input, result) => writeAt(input, segments, 0, result, path);
}

function writeAt(target: unknown, segments: readonly Segment[], k: number, value: unknown, path: string): unknown {
  if (k === segments.length) return value;
  const seg = segments[k]!;
  if (typeof seg === 'number') {
    if (!Array.isArray(target) || seg >= target.length) throw mismatch(path, target);
    const copy = target.slice();
    copy[seg] = writeAt(target[seg], segments, k + 1, value, path);
    return copy;
  }
  if (target === null || typeof target !== 'object' || Array.isArray(target)) {
    // Missing intermediate objects are created (AWS: "ResultPath … creates the path").
    if (target === undefined && k > 0) return { [seg]: writeAt(undefined, segments, k + 1, value, path) };
    throw mismatch(path, target);
  }
  const src = target as Record<string, unknown>;
  const copy: Record<string, unknown> = { ...src };
  const child = Object.prototype.hasOwnProperty.call(src, seg) ? src[seg] : undefined;
  const v = writeAt(child, segments, k + 1, value, path);
  // Plain assignment is fast; only __proto__ needs defineProperty to stay a data key.
  if (seg === '__proto__') Object.defineProperty(copy, seg, { value: v, enumerable: true, writable: true, configurable: true });
  else copy[seg] = v;
  return copy;
}

function mismatch(path: string, target: unknown): DataFlowError {
  return new DataFlowError(
    StatesErrors.ResultPathMatchFailure,
    `Unable to apply ResultPath '${path}' to input ${JSON.stringify(target) ?? 'undefined'}`,
  );
}
