/**
 * Writers for a ResultPath with steps (`$.a.b[0]`): copy the objects and arrays along the path,
 * share the rest, and put the result at the end. Generated as straight-line code when allowed,
 * else the recursive interpreter; both behave the same (see result-path.ts for the rules).
 *
 * An object that gains a key is copied with `Object.assign({}, o)`: a spread followed by a new
 * key gives every copy its own hidden class in V8 (slow to build and to read later), while
 * overwriting a key after a spread keeps the shape. A source with an own `__proto__` key is
 * always spread, because `Object.assign` would run the prototype setter for it.
 */
import { generate, literal } from '../codegen.js';
import type { Segment } from './segments.js';

/** Builds a copy of `input` with `result` at the path; throws the ResultPathMatchFailure from `mismatch`. */
export type StepWriter = (input: unknown, result: unknown) => unknown;

const hasOwn = Object.prototype.hasOwnProperty;

function setProto(target: Record<string, unknown>, value: unknown): void {
  Object.defineProperty(target, '__proto__', { value, enumerable: true, writable: true, configurable: true });
}

function copyObject(src: Record<string, unknown>, overwriting: boolean): Record<string, unknown> {
  return overwriting || hasOwn.call(src, '__proto__') ? { ...src } : Object.assign({}, src);
}

/** The writer for non-empty `segments`: generated when allowed, else the interpreter. */
export function compileStepWriter(segments: readonly Segment[], mismatch: (target: unknown) => Error): StepWriter {
  return generatedWriter(segments, mismatch) ?? interpretedWriter(segments, mismatch);
}

export function interpretedWriter(segments: readonly Segment[], mismatch: (target: unknown) => Error): StepWriter {
  const writeAt = (target: unknown, k: number, value: unknown): unknown => {
    if (k === segments.length) return value;
    const seg = segments[k]!;
    if (typeof seg === 'number') {
      if (!Array.isArray(target) || seg >= target.length) throw mismatch(target);
      const copy = target.slice();
      copy[seg] = writeAt(target[seg], k + 1, value);
      return copy;
    }
    if (target === null || typeof target !== 'object' || Array.isArray(target)) {
      // Missing intermediate objects are created (AWS: "ResultPath … creates the path").
      if (target === undefined && k > 0) return { [seg]: writeAt(undefined, k + 1, value) };
      throw mismatch(target);
    }
    const src = target as Record<string, unknown>;
    const own = hasOwn.call(src, seg);
    const v = writeAt(own ? src[seg] : undefined, k + 1, value);
    const copy = copyObject(src, own);
    if (seg === '__proto__') setProto(copy, v);
    else copy[seg] = v;
    return copy;
  };
  return (input, result) => writeAt(input, 0, result);
}

/** `{ "a": { "b": r } }` for the steps from `k` on, or undefined when one of them is an index (which fails). */
function createdCode(segments: readonly Segment[], k: number): string | undefined {
  let code = 'r';
  for (let j = segments.length - 1; j >= k; j--) {
    const seg = segments[j]!;
    if (typeof seg === 'number') return undefined;
    // A computed key makes `__proto__` an own data property, as in the interpreter.
    code = `{ ${seg === '__proto__' ? '["__proto__"]' : literal(seg)}: ${code} }`;
  }
  return code;
}

/** Code that sets `v{k}` from the target `t{k}` (declared by the caller). */
function levelCode(segments: readonly Segment[], k: number): string | undefined {
  if (k === segments.length) return `v${k} = r;`;
  const seg = segments[k]!;
  const [t, v, tn, vn, c] = [`t${k}`, `v${k}`, `t${k + 1}`, `v${k + 1}`, `c${k}`];
  const inner = levelCode(segments, k + 1);
  if (inner === undefined) return undefined;
  if (typeof seg === 'number') {
    if (!Number.isSafeInteger(seg)) return undefined;
    // Also covers an undefined target below the root, as the interpreter does.
    return [
      `if (!Array.isArray(${t}) || ${seg} >= ${t}.length) throw mm(${t});`,
      `const ${tn} = ${t}[${seg}]; let ${vn};`,
      inner,
      `const ${c} = ${t}.slice(); ${c}[${seg}] = ${vn}; ${v} = ${c};`,
    ].join('\n');
  }
  const key = literal(seg);
  const body = [
    `if (${t} === null || typeof ${t} !== 'object' || Array.isArray(${t})) throw mm(${t});`,
    `const o${k} = h.call(${t}, ${key}); const ${tn} = o${k} ? ${t}[${key}] : undefined; let ${vn};`,
    inner,
    `const ${c} = o${k} || h.call(${t}, "__proto__") ? { ...${t} } : Object.assign({}, ${t});`,
    seg === '__proto__' ? `sp(${c}, ${vn});` : `${c}[${key}] = ${vn};`,
    `${v} = ${c};`,
  ].join('\n');
  if (k === 0) return body;
  const created = createdCode(segments, k);
  const create = created === undefined ? `throw mm(undefined);` : `${v} = ${created};`;
  return `if (${t} === undefined) { ${create} } else {\n${body}\n}`;
}

/** Longer paths use the interpreter: each step nests a block in the generated code. */
const MAX_GENERATED_STEPS = 32;

function generatedWriter(segments: readonly Segment[], mismatch: (target: unknown) => Error): StepWriter | undefined {
  if (segments.length > MAX_GENERATED_STEPS) return undefined;
  const code = levelCode(segments, 0);
  if (code === undefined) return undefined;
  return generate<StepWriter>(
    { h: hasOwn, mm: mismatch, sp: setProto },
    `return function write(t0, r) {\nlet v0;\n${code}\nreturn v0;\n};`,
  );
}
