/** Definition-time checking of JSONata expressions, for the validator. */
import { expressionBody } from './detect.js';
import { parseProblem } from './expression.js';

/**
 * Parse problems of one expression string (with or without its `{%` `%}` markers), or
 * `undefined` when it parses. Never throws. `position` is a character offset into the
 * expression text between the markers; `message` is JSONata's, without its error code.
 */
export function checkJsonata(expression: string): { message: string; position: number } | undefined {
  const problem = parseProblem(expressionBody(expression));
  return problem && { message: problem.message, position: problem.position };
}
