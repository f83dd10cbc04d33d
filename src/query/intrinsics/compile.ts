/**
 * Turns intrinsic text into an evaluator: parsed and checked once, so evaluating does no parsing.
 */
import { StatesError } from '../../errors.js';
import type { EvalScope, Evaluator } from '../scope.js';
import { analyse } from './analyse.js';
import type { ArgumentNode, CallNode, PathNode } from './ast.js';
import { IntrinsicArgumentError, IntrinsicSyntaxError, intrinsicFailure } from './errors.js';
import type { Implementation, IntrinsicDefinition } from './functions/types.js';
import { toJavaJson } from '../java/json.js';
import { parseIntrinsic } from './parser.js';
import { INTRINSIC_FUNCTIONS } from './registry.js';

/** Compiles a path argument; its evaluator yields `undefined` when the path matches nothing. */
export type PathCompiler = (path: string) => Evaluator;

/**
 * Parses and checks `text` once and returns its evaluator. Throws {@link IntrinsicSyntaxError}
 * for malformed text, unknown functions, wrong argument counts and nesting beyond 10. The
 * evaluator throws a `DataFlowError` (`States.Runtime`) when an argument is rejected at run time.
 */
export function compileIntrinsic(text: string, compilePath: PathCompiler): Evaluator {
  const root = parseIntrinsic(text);
  const [problem] = analyse(root);
  if (problem) throw new IntrinsicSyntaxError(problem.message, problem.position);
  const evaluate = compileCall(root, compilePath);
  // AWS quotes the whole expression, even when a nested call failed.
  const expression = text.trim();
  return (scope) => {
    try {
      return evaluate(scope);
    } catch (error) {
      if (error instanceof StatesError) throw error;
      const detail =
        error instanceof IntrinsicArgumentError
          ? error.message
          : `Unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
      throw intrinsicFailure(expression, detail);
    }
  };
}

const NO_ARGS: readonly unknown[] = Object.freeze([]);

function compileCall(call: CallNode, compilePath: PathCompiler): Evaluator {
  const definition = INTRINSIC_FUNCTIONS.get(call.name)!; // analyse() vouched for it
  const implementation: Implementation = definition.specialise
    ? definition.specialise(call)
    : (args, scope) => definition.invoke(args, scope);
  const argEvaluators = call.args.map((arg) => compileArgument(arg, compilePath));
  // Fixed arities call their arguments directly: no closure and no `map` per evaluation.
  const [a, b, c] = argEvaluators;
  switch (argEvaluators.length) {
    case 0:
      return (scope) => implementation(NO_ARGS, scope);
    case 1:
      return (scope) => implementation([a!(scope)], scope);
    case 2:
      if (definition.binary && !definition.specialise) return binaryCall(definition, call.args, a!, b!);
      return (scope) => implementation([a!(scope), b!(scope)], scope);
    case 3:
      return (scope) => implementation([a!(scope), b!(scope), c!(scope)], scope);
    default:
      return (scope) => implementation(argEvaluators.map((evaluate) => evaluate(scope)), scope);
  }
}

/**
 * A two-argument call through its fast path. A literal argument (`States.MathAdd($.n, 1)`) is
 * passed as its value: one call fewer per evaluation on the hot path.
 */
function binaryCall(definition: IntrinsicDefinition, nodes: readonly ArgumentNode[], a: Evaluator, b: Evaluator): Evaluator {
  const first = literalOf(nodes[0]!);
  const second = literalOf(nodes[1]!);
  if (second !== NOT_LITERAL && first === NOT_LITERAL) return (scope) => definition.binary!(a(scope), second, scope);
  if (first !== NOT_LITERAL && second === NOT_LITERAL) return (scope) => definition.binary!(first, b(scope), scope);
  return (scope) => definition.binary!(a(scope), b(scope), scope);
}

const NOT_LITERAL: unknown = Symbol('not a literal');

/** A literal argument's value (null for `null`), or NOT_LITERAL. */
function literalOf(node: ArgumentNode): unknown {
  if (node.kind === 'call' || node.kind === 'path') return NOT_LITERAL;
  return node.kind === 'null' ? null : node.value;
}

function compileArgument(node: ArgumentNode, compilePath: PathCompiler): Evaluator {
  switch (node.kind) {
    case 'call':
      return compileCall(node, compilePath);
    case 'path':
      return compilePathArgument(node, compilePath);
    case 'null':
      return () => null;
    default: {
      const value = node.value;
      return () => value;
    }
  }
}

function compilePathArgument(node: PathNode, compilePath: PathCompiler): Evaluator {
  let evaluate: Evaluator;
  try {
    evaluate = compilePath(node.path);
  } catch (error) {
    if (error instanceof IntrinsicSyntaxError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new IntrinsicSyntaxError(`Invalid path '${node.path}': ${reason}`, node.position);
  }
  return (scope: EvalScope) => {
    const value = evaluate(scope);
    // A path that matches nothing fails the state (States.Runtime), with AWS's wording.
    if (value === undefined) {
      throw new IntrinsicArgumentError(
        `The JsonPath argument for the field '${node.path}' could not be found in the input '${toJavaJson(scope.input)}'`,
      );
    }
    return value;
  };
}
