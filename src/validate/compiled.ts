/**
 * The runtime's own compilers, asked at validation time. The validator's grammar gives AWS's
 * messages; these calls make sure that what it accepts also compiles, so `validate()` can never
 * accept a field that `new StateMachine()` would then reject.
 */
import { compileJsonataTemplate } from '../query/jsonata/index.js';
import { compilePath } from '../query/jsonpath/path.js';
import { compileResultPath } from '../query/jsonpath/result-path.js';
import { compileDynamicValue } from '../query/jsonpath/template.js';
import { withoutCodegen } from '../query/codegen.js';

/** Longest compiler message kept in a diagnostic (messages may quote the whole field). */
const MAX_MESSAGE = 300;

/** Verdicts by compiler and text: definitions repeat the same paths and expressions. */
const verdicts = new Map<string, string | undefined>();
const MAX_CACHED = 5000;

/** A cached {@link problemOf}; `key` must identify the compiler and its whole input. */
function cachedProblemOf(key: string, compile: () => unknown): string | undefined {
  if (verdicts.has(key)) return verdicts.get(key);
  const verdict = problemOf(compile);
  if (verdicts.size >= MAX_CACHED) verdicts.clear();
  verdicts.set(key, verdict);
  return verdict;
}

/** Runs a compiler; its error message when it throws, undefined when it compiles. Never throws. */
function problemOf(compile: () => unknown): string | undefined {
  try {
    // Interpreter and generator share the parser, so the verdict is the same without the cost
    // of generating code that is thrown away.
    withoutCodegen(compile);
    return undefined;
  } catch (error) {
    let message: string;
    try {
      message = String(error instanceof Error ? error.message : error);
    } catch {
      message = 'the compiler failed';
    }
    return message.length > MAX_MESSAGE ? message.slice(0, MAX_MESSAGE - 3) + '...' : message;
  }
}

/** A path field read by the runtime's JSONPath compiler (InputPath, ItemsPath, Variable, …Path). */
export function pathCompileProblem(path: string): string | undefined {
  return cachedProblemOf('p' + path, () => compilePath(path));
}

/** A ResultPath (state or catcher), compiled as the runtime's ResultPath writer. */
export function resultPathCompileProblem(path: string): string | undefined {
  return cachedProblemOf('r' + path, () => compileResultPath(path));
}

/** A `.$` template value or an ErrorPath/CausePath: a path or an intrinsic call. */
export function dynamicValueCompileProblem(value: string): string | undefined {
  // the key only names the field in runtime errors; it cannot make compiling fail
  return cachedProblemOf('d' + value, () => compileDynamicValue(value, 'value.$'));
}

/**
 * One `{% %}` expression string of a JSONata state's field, compiled as the runtime compiles a
 * field template (which compiles each expression string inside it the same way).
 */
export function jsonataCompileProblem(expression: string): string | undefined {
  return cachedProblemOf('j' + expression, () => compileJsonataTemplate(expression, 'field'));
}
