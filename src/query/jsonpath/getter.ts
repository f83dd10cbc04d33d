/**
 * Readers for simple paths (`$.a.b[0]`, `$$.Execution.Id`, `$var.x`): straight-line generated
 * code with one inline guard per step, or the step loop where code generation is off. Both
 * follow own properties only, so `$.constructor` or `$.__proto__` find nothing unless the data
 * has such a key.
 */
import { generate, literal } from '../codegen.js';
import type { EvalScope } from '../scope.js';
import type { Root, Segment } from './segments.js';

export type Getter = (scope: EvalScope) => unknown;

const hasOwn = Object.prototype.hasOwnProperty;

/** One step of a simple path; undefined when the value has no such member. */
export function step(value: unknown, seg: Segment): unknown {
  if (typeof seg === 'number') return Array.isArray(value) ? value[seg] : undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return hasOwn.call(value, seg) ? (value as Record<string, unknown>)[seg] : undefined;
}

export function rootValue(root: Root, scope: EvalScope): unknown {
  switch (root.kind) {
    case 'input':
      return scope.input;
    case 'context':
      return scope.context;
    case 'variable':
      // `in` sees inherited scopes; a name such as `toString` is only found once assigned,
      // because the root scope has no prototype.
      return root.name in scope.variables ? scope.variables[root.name] : undefined;
  }
}

/** The reader for a simple path: generated when allowed, else the interpreter. */
export function compileGetter(root: Root, segments: readonly Segment[]): Getter {
  return generatedGetter(root, segments) ?? interpretedGetter(root, segments);
}

export function interpretedGetter(root: Root, segments: readonly Segment[]): Getter {
  const n = segments.length;
  return (scope) => {
    let v = rootValue(root, scope);
    for (let k = 0; k < n && v !== undefined; k++) v = step(v, segments[k]!);
    return v;
  };
}

function rootCode(root: Root): string {
  switch (root.kind) {
    case 'input':
      return 'let v = s.input;';
    case 'context':
      return 'let v = s.context;';
    case 'variable': {
      const name = literal(root.name);
      return `const vs = s.variables; let v = ${name} in vs ? vs[${name}] : undefined;`;
    }
  }
}

/** Code for one step over `v`; undefined for an index that is not a safe integer (left to the loop). */
function stepCode(seg: Segment): string | undefined {
  if (typeof seg === 'number') {
    if (!Number.isSafeInteger(seg)) return undefined;
    return `if (!Array.isArray(v)) return undefined; v = v[${seg}];`;
  }
  const key = literal(seg);
  return `if (v === null || typeof v !== 'object' || Array.isArray(v) || !h.call(v, ${key})) return undefined; v = v[${key}];`;
}

function generatedGetter(root: Root, segments: readonly Segment[]): Getter | undefined {
  const lines = [rootCode(root)];
  for (const seg of segments) {
    const code = stepCode(seg);
    if (code === undefined) return undefined;
    lines.push(code);
  }
  lines.push('return v;');
  return generate<Getter>({ h: hasOwn }, `return function get(s) {\n${lines.join('\n')}\n};`);
}
