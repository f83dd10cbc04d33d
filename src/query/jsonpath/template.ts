import { DataFlowError, StatesErrors } from '../../errors.js';
import { compileIntrinsic, isIntrinsicCall } from '../intrinsics/index.js';
import type { EvalScope, Evaluator } from '../scope.js';
import { compilePath } from './path.js';
import { buildEvaluator, buildSized, type SizeOf, type SizedEvaluator, type TemplateNode } from './template-builder.js';

export type { SizeOf, SizeSlot, SizedEvaluator } from './template-builder.js';

/**
 * Payload templates (Parameters, ResultSelector, ItemSelector, Assign in JSONPath mode): a JSON
 * value whose object keys ending in `.$` take their value from a path, a context path, a
 * variable or an intrinsic function. Compiled once into an evaluator that builds a new value.
 */
export function compileTemplate(template: unknown, field: string): Evaluator {
  return buildEvaluator(parse(template, field));
}

/**
 * {@link compileTemplate} that also reports the exact JSON size of what it built in
 * `slot.size`, from the sizes of its constant parts (counted once) and `sizeOf` of each value
 * it fills in. The runtime passes its `jsonSize` (this layer may not import it).
 */
export function compileSizedTemplate(template: unknown, field: string, sizeOf: SizeOf): SizedEvaluator {
  return buildSized(parse(template, field), sizeOf);
}

/** Compiles one `.$` value: a path, `$$` context path, `$var` or an intrinsic call. */
export function compileDynamicValue(text: string, key: string): Evaluator {
  if (isIntrinsicCall(text)) {
    return compileIntrinsic(text, (p) => compilePath(p).get);
  }
  const path = compilePath(text);
  const get = path.get;
  return (scope: EvalScope) => {
    const v = get(scope);
    if (v === undefined) {
      throw new DataFlowError(
        StatesErrors.Runtime,
        `The JSONPath '${text}' specified for the field '${key}' could not be found in the input '${JSON.stringify(scope.input)}'`,
      );
    }
    return v;
  };
}

/** The template as a tree whose leaves are constants or compiled `.$` values; all-constant subtrees fold into one constant. */
function parse(node: unknown, field: string): TemplateNode {
  if (Array.isArray(node)) {
    const items = node.map((item) => parse(item, field));
    if (items.every((i) => i.kind === 'constant')) return { kind: 'constant', value: node };
    return { kind: 'array', items };
  }
  if (node !== null && typeof node === 'object') {
    const entries: [string, TemplateNode][] = [];
    for (const [key, value] of Object.entries(node)) {
      if (key.endsWith('.$') && typeof value === 'string') {
        entries.push([key.slice(0, -2), { kind: 'dynamic', evaluate: compileDynamicValue(value, key) }]);
      } else {
        entries.push([key, parse(value, field)]);
      }
    }
    if (entries.every(([, e]) => e.kind === 'constant')) return { kind: 'constant', value: node };
    return { kind: 'object', entries };
  }
  return { kind: 'constant', value: node };
}
