import { DataFlowError, StatesErrors } from '../../errors.js';
import { PathSyntaxError } from './path.js';
import { compileStepWriter } from './result-writer.js';
import { parsePathRoot, parseSimpleSegments, type Segment } from './segments.js';

/**
 * A compiled ResultPath: where a state's result is written into its raw input. Copies only the
 * objects along the path (the rest is shared), so no input is ever mutated.
 */
export type ResultWriter = (input: unknown, result: unknown) => unknown;

/** A ResultPath with what a payload-size bound needs to know about it. */
export interface ResultTarget {
  readonly write: ResultWriter;
  /** `replace`: the output is the result (`$`); `discard`: the input (null); `merge`: the input with the result inside. */
  readonly mode: 'replace' | 'discard' | 'merge';
  /**
   * For `merge`: bytes the path itself can add to the JSON text, so that
   * size(output) ≤ size(input) + size(result) + overhead (each step's key, quotes, colon, comma
   * and the braces of an object the path creates).
   */
  readonly overhead: number;
}

/**
 * Compiles a ResultPath (a reference path: `$`, names and indexes only). Throws
 * {@link PathSyntaxError} for anything else; the validator reports the same paths.
 */
export function compileResultPath(path: string | null | undefined): ResultWriter {
  return compileResultTarget(path).write;
}

/** {@link compileResultPath} with the facts a size bound needs. */
export function compileResultTarget(path: string | null | undefined): ResultTarget {
  if (path === undefined || path === '$') return { write: (_input, result) => result, mode: 'replace', overhead: 0 };
  if (path === null) return { write: (input) => input, mode: 'discard', overhead: 0 };
  const parsed = parsePathRoot(path.trimEnd());
  const segments = parsed && parsed.root.kind === 'input' ? parseSimpleSegments(parsed.rest) : undefined;
  if (!segments) throw new PathSyntaxError(`ResultPath '${path}' is not a reference path: use only '.name', "['name']" and '[index]' after '$'`);
  const write = compileStepWriter(segments, (target) => mismatch(path, target));
  return { write, mode: 'merge', overhead: pathOverhead(segments) };
}

/**
 * A key adds at most `,"key":` to an object it joins, or `{"key":}` to one the path creates.
 * Six bytes per UTF-16 unit covers any JSON escape (`\u0000`) and any UTF-8 encoding.
 */
function pathOverhead(segments: readonly Segment[]): number {
  let bytes = 0;
  for (const seg of segments) {
    if (typeof seg === 'number') continue; // an index only replaces an existing item
    bytes += (/^[\x20\x21\x23-\x5b\x5d-\x7e]*$/.test(seg) ? seg.length : 6 * seg.length) + 2 + 3;
  }
  return bytes;
}

function mismatch(path: string, target: unknown): DataFlowError {
  return new DataFlowError(
    StatesErrors.ResultPathMatchFailure,
    `Unable to apply ResultPath '${path}' to input ${JSON.stringify(target) ?? 'undefined'}`,
  );
}
