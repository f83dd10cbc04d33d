/** The validator's entry point: every problem in intrinsic text, without throwing. */
import { analyse, type IntrinsicProblem } from './analyse.js';
import { IntrinsicSyntaxError } from './errors.js';
import { parseIntrinsic } from './parser.js';

/**
 * Syntax errors, unknown function names (with a did-you-mean suggestion), wrong argument counts,
 * a States.Format literal template whose `{}` count does not match, and nesting beyond 10.
 */
export function checkIntrinsic(text: string): IntrinsicProblem[] {
  try {
    return analyse(parseIntrinsic(text));
  } catch (error) {
    if (error instanceof IntrinsicSyntaxError) return [{ message: error.reason, position: error.position }];
    const message = error instanceof Error ? error.message : String(error);
    return [{ message: `Invalid intrinsic function call: ${message}`, position: 0 }];
  }
}
