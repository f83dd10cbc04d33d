/**
 * Field templates of JSONata states: a JSON value with JSONata expressions (`"{% … %}"`)
 * anywhere inside it, compiled once and evaluated per state entry.
 */
import { isJsonataExpression, expressionBody } from './detect.js';
import { compileExpression, type CompiledExpression } from './expression.js';
import { awsFunctionBindings } from './functions.js';
import { HOLD_BINDING } from './guard.js';
import { frozenCopy } from './normalize.js';

/** What an expression may read while it is evaluated. */
export interface JsonataBindings {
  /** `$states`: the state's input, the context object, and where defined the result and error output. */
  states: { input: unknown; context: unknown; result?: unknown; errorOutput?: unknown };
  /** Workflow variables: a prototype chain of plain objects; enumerate with for…in to see inherited ones. */
  variables: Readonly<Record<string, unknown>>;
  /** Injected source for `$random()` without a seed: uniform in [0, 1). */
  random: () => number;
  /** Injected source for `$uuid()`: a v4 UUID string. */
  uuid: () => string;
  /**
   * Optional injected clock (epoch milliseconds) for `$now()` and `$millis()`; without it they
   * read the wall clock, as plain JSONata does.
   */
  now?: () => number;
  /**
   * Optional: holds the execution's clock and returns the release. A long evaluation yields to
   * the event loop; holding keeps a VirtualClock from skipping ahead meanwhile.
   */
  hold?: () => () => void;
}

/** A compiled field value: evaluates to a plain JSON value or rejects with a `DataFlowError`. */
export type JsonataTemplate = (bindings: JsonataBindings) => Promise<unknown>;

type Node =
  | { readonly kind: 'const'; readonly value: unknown }
  | { readonly kind: 'expr'; readonly expression: CompiledExpression }
  | { readonly kind: 'object'; readonly keys: readonly string[]; readonly children: readonly Node[] }
  | { readonly kind: 'array'; readonly children: readonly Node[] };

/**
 * Compile a field value once: a whole expression string, or any JSON value with expression
 * strings nested anywhere (objects keep their keys, arrays their order; literals pass through
 * unchanged, as deep-frozen copies so callers cannot mutate the definition). `field` names the
 * field in error causes (`Output`, `Arguments`, `Items` …); nested expressions are named by
 * their path, `Output/result` for an object key and `Items[1]` for an array item.
 *
 * Throws `JsonataSyntaxError` for an expression that does not parse. Expressions are evaluated
 * one after another in document order, so the injected `random`/`uuid` sources are consumed
 * deterministically.
 */
export function compileJsonataTemplate(value: unknown, field: string): JsonataTemplate {
  const root = compileNode(value, field);
  switch (root.kind) {
    case 'const': {
      const constant = Promise.resolve(root.value);
      return () => constant;
    }
    case 'expr': {
      const { expression } = root;
      return (bindings) => expression.evaluate(evaluationBindings(bindings));
    }
    default:
      return (bindings) => run(root, evaluationBindings(bindings));
  }
}

function compileNode(value: unknown, field: string): Node {
  if (typeof value === 'string') {
    return isJsonataExpression(value)
      ? { kind: 'expr', expression: compileExpression(expressionBody(value), field) }
      : { kind: 'const', value };
  }
  if (Array.isArray(value)) {
    const children = value.map((item, i) => compileNode(item, `${field}[${i}]`));
    return children.every(isConst) ? { kind: 'const', value: frozenCopy(value) } : { kind: 'array', children };
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    const children = keys.map((key) => compileNode((value as Record<string, unknown>)[key], `${field}/${key}`));
    return children.every(isConst) ? { kind: 'const', value: frozenCopy(value) } : { kind: 'object', keys, children };
  }
  return { kind: 'const', value };
}

function isConst(node: Node): boolean {
  return node.kind === 'const';
}

async function run(node: Node, bindings: Record<string, unknown>): Promise<unknown> {
  switch (node.kind) {
    case 'const':
      return node.value;
    case 'expr':
      return node.expression.evaluate(bindings);
    case 'array': {
      const out: unknown[] = [];
      for (const child of node.children) out.push(await run(child, bindings));
      return out;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < node.keys.length; i++) {
        define(out, node.keys[i]!, await run(node.children[i]!, bindings));
      }
      return out;
    }
  }
}

/**
 * The JSONata bindings for one template evaluation, shared by all its expressions: an object
 * inheriting the workflow variables, with `states` and the Step Functions functions as own
 * properties (so a variable cannot hide them). JSONata binds every enumerable property,
 * inherited ones included.
 */
function evaluationBindings(bindings: JsonataBindings): Record<string, unknown> {
  const env = Object.create(bindings.variables ?? null) as Record<string, unknown>;
  const own = awsFunctionBindings(bindings);
  for (const name of Object.keys(own)) define(env, name, own[name]);
  define(env, 'states', bindings.states);
  if (bindings.hold) define(env, HOLD_BINDING, bindings.hold);
  return env;
}

/** Own enumerable data property, safe for `__proto__` and for names frozen on a prototype. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
