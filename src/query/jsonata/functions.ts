/**
 * The functions Step Functions adds to JSONata: `$partition`, `$range`, `$hash`, `$random`,
 * `$uuid` and `$parse`; `$sort` in O(n log n) (jsonata's own is quadratic); and the removal of `$eval`, which AWS does not provide (calling it fails
 * with JSONata's `T1006: Attempted to invoke a non-function`, as on AWS).
 *
 * Each function throws a plain `Error` for bad arguments; the template turns it into a
 * `States.QueryEvaluationError` naming the expression and field.
 */
import { DIGESTS, digestText } from '../../web/digest/index.js';
import type jsonataType from 'jsonata';
import { lazyRequire } from '../../lazy-require.js';

const jsonata = lazyRequire<typeof jsonataType>('jsonata');
import { MAX_JSON_DEPTH, textDepthExceeds } from '../json-depth.js';
import { evaluationLimits } from './guard.js';
import { seededRandom } from '../java/random.js';
import { sort } from './sort.js';

/** AWS's `$hash` algorithm names mapped to Node's digest names. */

type Fn = (...args: unknown[]) => unknown;

/** A JSONata sequence: an array JSONata flattens, and unwraps when it holds a single value. */
function sequence(items: unknown[]): unknown[] {
  Object.defineProperty(items, 'sequence', { value: true, enumerable: false });
  return items;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A JSONata sequence or array argument as a plain array; a single value as a singleton. */
function asArray(value: unknown): unknown[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? Array.from(value) : [value];
}

/** `$partition(array, size)`: consecutive chunks of `size` items, the last one possibly shorter. */
function partition(array: unknown, size: unknown): unknown {
  const items = asArray(array);
  if (items === undefined) throw new Error('$partition: argument 1 (array) is missing');
  if (!isFiniteNumber(size) || !Number.isInteger(size) || size <= 0) {
    throw new Error(`$partition: argument 2 (size) must be a positive integer, but was ${describe(size)}`);
  }
  const chunks: unknown[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * `$range(start, end, step)`: `start`, `start + step`, … up to and including `end` when a step
 * lands on it. The result is a JSONata sequence, so a single value comes back unwrapped, as AWS
 * records (`$range(1, 9, 9)` is `1`).
 */
function range(start: unknown, end: unknown, step: unknown = 1): unknown {
  if (!isFiniteNumber(start)) throw new Error(`$range: argument 1 (start) must be a number, but was ${describe(start)}`);
  if (!isFiniteNumber(end)) throw new Error(`$range: argument 2 (end) must be a number, but was ${describe(end)}`);
  if (!isFiniteNumber(step) || step === 0) {
    throw new Error(`$range: argument 3 (step) must be a non-zero number, but was ${describe(step)}`);
  }
  const count = Math.floor((end - start) / step) + 1;
  // Refused before building it: the evaluation's size budget bounds every array.
  const limit = evaluationLimits.maxArrayItems;
  if (count > limit) {
    throw new Error(`$range: the range would hold ${count} items, more than the limit of ${limit}`);
  }
  const items: number[] = [];
  for (let i = 0; i < count; i++) items.push(start + i * step);
  return sequence(items);
}

/** `$hash(data, algorithm)`: the lower-case hex digest of the UTF-8 string `data`. */
function hash(data: unknown, algorithm: unknown): unknown {
  if (typeof data !== 'string') throw new Error(`$hash: argument 1 (data) must be a string, but was ${describe(data)}`);
  if (typeof algorithm !== 'string' || !Object.hasOwn(DIGESTS, algorithm)) {
    throw new Error(`$hash: argument 2 (algorithm) must be one of ${Object.keys(DIGESTS).join(', ')}, but was ${describe(algorithm)}`);
  }
  return digestText(algorithm, data);
}

/** `$parse(jsonString)`: the JSON value the string holds. */
function parse(text: unknown): unknown {
  if (typeof text !== 'string') throw new Error(`$parse: argument 1 must be a string, but was ${describe(text)}`);
  if (textDepthExceeds(text)) throw new Error(`$parse: the JSON text is nested more than ${MAX_JSON_DEPTH} levels deep`);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`$parse: the string is not valid JSON (${(err as Error).message})`);
  }
}

/** `$random([seed])`: the injected source without a seed; `java.util.Random`'s first double with one. */
function randomFunction(source: () => number): Fn {
  return (...args: unknown[]) => {
    if (args.length === 0 || args[0] === undefined) return source();
    const seed = args[0];
    if (!isFiniteNumber(seed)) throw new Error(`$random: the seed must be a number, but was ${describe(seed)}`);
    return seededRandom(seed);
  };
}

/** `$uuid()`: a v4 UUID from the injected source. */
function uuidFunction(source: () => string): Fn {
  return () => source();
}

let fromMillisExpr: jsonataType.Expression | undefined;
const fromMillis = () => (fromMillisExpr ??= jsonata()('$fromMillis($ms, $picture, $timezone)'));

/** `$now([picture [, timezone]])` and `$millis()` read from an injected clock instead of the wall clock. */
function clockFunctions(clock: () => number): { now: Fn; millis: Fn } {
  return {
    now: (picture?: unknown, timezone?: unknown) =>
      fromMillis().evaluate(undefined, { ms: clock(), picture, timezone }),
    millis: () => clock(),
  };
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** What the per-evaluation functions read from. */
export interface FunctionSources {
  readonly random: () => number;
  readonly uuid: () => string;
  readonly now?: () => number;
}

/**
 * The bindings Step Functions adds to (or removes from) JSONata for one evaluation. Built once
 * per template evaluation and shared by all its expressions. `eval` is bound to `undefined`,
 * which hides JSONata's `$eval` in the evaluation frame.
 */
export function awsFunctionBindings(sources: FunctionSources): Record<string, unknown> {
  const bindings: Record<string, unknown> = {
    partition,
    range,
    sort,
    hash,
    parse,
    eval: undefined,
    random: randomFunction(sources.random),
    uuid: uuidFunction(sources.uuid),
  };
  if (sources.now) Object.assign(bindings, clockFunctions(sources.now));
  return bindings;
}
