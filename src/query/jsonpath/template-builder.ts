/**
 * Builders for payload templates: one generated function per template that evaluates its `.$`
 * values in document order, then returns a single object/array literal of the template's shape
 * (constant parts are shared, as they always were). Where code generation is off, a tree walk
 * does the same. A sized builder also reports the JSON size of what it built: the constant
 * parts' size is counted once at compile time, only the filled-in values are measured per run.
 */
import { generate, literal } from '../codegen.js';
import type { EvalScope, Evaluator } from '../scope.js';

export type TemplateNode =
  | { readonly kind: 'constant'; readonly value: unknown }
  | { readonly kind: 'dynamic'; readonly evaluate: Evaluator }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, TemplateNode])[] }
  | { readonly kind: 'array'; readonly items: readonly TemplateNode[] };

/** The exact UTF-8 size of a value's JSON text. */
export type SizeOf = (value: unknown) => number;

/** Where a sized builder leaves the size of the value it returned. */
export interface SizeSlot {
  size: number;
}

/** Builds the template's value over `scope` and sets `slot.size` to its JSON size. */
export type SizedEvaluator = (scope: EvalScope, slot: SizeSlot) => unknown;

/** Deeper templates use the tree walk, so generated code never nests without bound. */
const MAX_GENERATED_DEPTH = 32;

/** An evaluator for the template (generated when allowed). */
export function buildEvaluator(node: TemplateNode): Evaluator {
  if (node.kind === 'constant') {
    const value = node.value;
    return () => value;
  }
  return generated<Evaluator>(node, undefined) ?? interpretedEvaluator(node);
}

/** A sized evaluator for the template (generated when allowed). */
export function buildSized(node: TemplateNode, sizeOf: SizeOf): SizedEvaluator {
  if (node.kind === 'constant') {
    const value = node.value;
    const size = sizeOf(value);
    return (_scope, slot) => {
      slot.size = size;
      return value;
    };
  }
  return generated<SizedEvaluator>(node, sizeOf) ?? interpretedSized(node, sizeOf);
}

/**
 * JSON size of everything but the filled-in values: brackets, commas, keys, constants. Exact,
 * except when two keys make one field (`a` and `a.$`, refused by validate()): both are counted.
 */
function staticSize(node: TemplateNode, sizeOf: SizeOf): number {
  switch (node.kind) {
    case 'constant':
      return sizeOf(node.value);
    case 'dynamic':
      return 0;
    case 'array':
      return node.items.reduce((n, item) => n + staticSize(item, sizeOf), 1 + Math.max(1, node.items.length));
    case 'object':
      return node.entries.reduce((n, [key, e]) => n + sizeOf(key) + 1 + staticSize(e, sizeOf), 1 + Math.max(1, node.entries.length));
  }
}

/**
 * The tree walk. Values are filled in document order, as the generated code does, so the first
 * failing `.$` value is the same either way. `filled` collects them for the size.
 */
function walk(n: TemplateNode, scope: EvalScope, filled: unknown[] | undefined): unknown {
  switch (n.kind) {
    case 'constant':
      return n.value;
    case 'dynamic': {
      const v = n.evaluate(scope);
      filled?.push(v);
      return v;
    }
    case 'array':
      return n.items.map((item) => walk(item, scope, filled));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, e] of n.entries) {
        const v = walk(e, scope, filled);
        // A `__proto__` key stays a plain data key.
        if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
        else out[key] = v;
      }
      return out;
    }
  }
}

/** The tree walk as an evaluator (code generation off). */
export function interpretedEvaluator(node: TemplateNode): Evaluator {
  return (scope) => walk(node, scope, undefined);
}

/** The tree walk as a sized evaluator (code generation off). */
export function interpretedSized(node: TemplateNode, sizeOf: SizeOf): SizedEvaluator {
  const fixed = staticSize(node, sizeOf);
  return (scope, slot) => {
    const filled: unknown[] = [];
    const value = walk(node, scope, filled);
    let size = fixed;
    for (const v of filled) size += sizeOf(v);
    slot.size = size;
    return value;
  };
}

/** A primitive written into the code, or undefined when it must be passed in (-0, NaN, huge numbers). */
function primitiveCode(value: unknown): string | undefined {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return literal(value);
  if (typeof value === 'number' && Number.isFinite(value) && Object.is(Number(String(value)), value)) return String(value);
  return undefined;
}

function generated<F>(root: TemplateNode, sizeOf: SizeOf | undefined): F | undefined {
  const bindings: Record<string, unknown> = {};
  const filled: string[] = [];
  let constants = 0;
  const expr = (n: TemplateNode, depth: number): string | undefined => {
    if (depth > MAX_GENERATED_DEPTH) return undefined;
    switch (n.kind) {
      case 'constant': {
        const code = primitiveCode(n.value);
        if (code !== undefined) return code;
        const name = `c${constants++}`;
        bindings[name] = n.value;
        return name;
      }
      case 'dynamic': {
        const name = `d${filled.length}`;
        bindings[`e${filled.length}`] = n.evaluate;
        filled.push(name);
        return name;
      }
      case 'array': {
        const items: string[] = [];
        for (const item of n.items) {
          const code = expr(item, depth + 1);
          if (code === undefined) return undefined;
          items.push(code);
        }
        return `[${items.join(', ')}]`;
      }
      case 'object': {
        const members: string[] = [];
        for (const [key, e] of n.entries) {
          const code = expr(e, depth + 1);
          if (code === undefined) return undefined;
          // In a literal only a computed `__proto__` key is a data key; the plain form sets the prototype.
          members.push(`${key === '__proto__' ? '["__proto__"]' : literal(key)}: ${code}`);
        }
        return `{ ${members.join(', ')} }`;
      }
    }
  };
  const value = expr(root, 0);
  if (value === undefined) return undefined;
  const lines = filled.map((d, i) => `const ${d} = e${i}(s);`);
  if (sizeOf) {
    bindings.sz = sizeOf;
    lines.push(`z.size = ${staticSize(root, sizeOf)}${filled.map((d) => ` + sz(${d})`).join('')};`);
  }
  lines.push(`return ${value};`);
  return generate<F>(bindings, `return function build(s, z) {\n${lines.join('\n')}\n};`);
}
