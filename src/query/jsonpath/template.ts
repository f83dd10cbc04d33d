import { DataFlowError, StatesErrors } from '../../errors.js';
import { compileIntrinsic, isIntrinsicCall } from '../intrinsics/index.js';
import type { EvalScope, Evaluator } from '../scope.js';
import { compilePath } from './path.js';

/**
 * Payload templates (Parameters, ResultSelector, ItemSelector, Assign in JSONPath mode): a JSON
 * value whose object keys ending in `.$` take their value from a path, a context path, a
 * variable or an intrinsic function. Compiled once into an evaluator that builds a new value.
 */
export function compileTemplate(template: unknown, field: string): Evaluator {
  return compileNode(template, field);
}

/** Compiles one `.$` value: a path, `$$` context path, `$var` or an intrinsic call. */
export function compileDynamicValue(text: string, key: string): Evaluator {
  if (isIntrinsicCall(text)) {
    return compileIntrinsic(text, (p) => {
      const c = compilePath(p);
      return (scope) => c.get(scope);
    });
  }
  const path = compilePath(text);
  return (scope: EvalScope) => {
    const v = path.get(scope);
    if (v === undefined) {
      throw new DataFlowError(
        StatesErrors.Runtime,
        `The JSONPath '${text}' specified for the field '${key}' could not be found in the input '${JSON.stringify(scope.input)}'`,
      );
    }
    return v;
  };
}

function compileNode(node: unknown, field: string): Evaluator {
  if (Array.isArray(node)) {
    const items = node.map((item) => compileNode(item, field));
    if (items.every(isConstant)) return constant(node);
    return (scope) => items.map((f) => f(scope));
  }
  if (node !== null && typeof node === 'object') {
    const entries: [string, Evaluator][] = [];
    let dynamic = false;
    for (const [key, value] of Object.entries(node)) {
      if (key.endsWith('.$') && typeof value === 'string') {
        entries.push([key.slice(0, -2), compileDynamicValue(value, key)]);
        dynamic = true;
      } else {
        const f = compileNode(value, field);
        if (!isConstant(f)) dynamic = true;
        entries.push([key, f]);
      }
    }
    if (!dynamic) return constant(node);
    return (scope) => {
      const out: Record<string, unknown> = {};
      for (const [key, f] of entries) defineOwn(out, key, f(scope));
      return out;
    };
  }
  return constant(node);
}

const CONSTANT = Symbol('constant');

function constant(value: unknown): Evaluator {
  const f: Evaluator = () => value;
  (f as unknown as Record<symbol, boolean>)[CONSTANT] = true;
  return f;
}

function isConstant(f: Evaluator): boolean {
  return (f as unknown as Record<symbol, boolean>)[CONSTANT] === true;
}

/** Assigns a key as plain data, so `__proto__` in a template is a key, not the prototype. */
export function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
