/**
 * The runtime's own compilers, asked at validation time. The validator's grammar gives AWS's
 * messages; these calls make sure that what it accepts also compiles, so `validate()` can never
 * accept a field that `new StateMachine()` would then reject.
 */
import { compileJsonataTemplate } from '../query/jsonata/index.js';
import { compilePath } from '../query/jsonpath/path.js';
import { compileResultPath } from '../query/jsonpath/result-path.js';
import { compileDynamicValue } from '../query/jsonpath/template.js';

/** Longest compiler message kept in a diagnostic (messages may quote the whole field). */
const MAX_MESSAGE = 300;

/** Runs a compiler; its error message when it throws, undefined when it compiles. Never throws. */
function problemOf(compile: () => unknown): string | undefined {
  try {
    compile();
    return undefined;
  } catch (error) {
    let message: string;
    try {
      message = error instanceof Error ? error.message : String(error);
    } catch {
      message = 'the compiler failed';
    }
    return message.length > MAX_MESSAGE ? message.slice(0, MAX_MESSAGE - 3) + '...' : message;
  }
}

/** A path field read by the runtime's JSONPath compiler (InputPath, ItemsPath, Variable, …Path). */
export function pathCompileProblem(path: string): string | undefined {
  return problemOf(() => compilePath(path));
}

/** A ResultPath (state or catcher), compiled as the runtime's ResultPath writer. */
export function resultPathCompileProblem(path: string): string | undefined {
  return problemOf(() => compileResultPath(path));
}

/** A `.$` template value or an ErrorPath/CausePath: a path or an intrinsic call. */
export function dynamicValueCompileProblem(value: string, key: string): string | undefined {
  return problemOf(() => compileDynamicValue(value, key));
}

/** A JSONata state's field value with `{% %}` expressions anywhere inside it. */
export function jsonataCompileProblem(value: unknown, field: string): string | undefined {
  return problemOf(() => compileJsonataTemplate(value, field));
}
