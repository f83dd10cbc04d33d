/**
 * Checks a parsed call against the function table: known names (with a did-you-mean), the
 * number of arguments, static template checks and the nesting limit. Returns every problem.
 */
import type { CallNode } from './ast.js';
import { IntrinsicSyntaxError } from './errors.js';
import { INTRINSIC_FUNCTIONS } from './registry.js';
import { editDistance } from '../edit-distance.js';

/** AWS: "You can nest up to 10 intrinsic functions within a field." */
export const MAX_NESTING_DEPTH = 10;

/** One problem found in intrinsic text, for the validator. */
export interface IntrinsicProblem {
  readonly message: string;
  readonly position: number;
}

/** Every semantic problem in a parsed call (the text itself is already known to parse). */
export function analyse(root: CallNode): IntrinsicProblem[] {
  const problems: IntrinsicProblem[] = [];
  const visit = (call: CallNode, depth: number): void => {
    if (depth === MAX_NESTING_DEPTH + 1) {
      problems.push({
        message: `Intrinsic functions can be nested at most ${MAX_NESTING_DEPTH} deep; ${call.name} is at depth ${depth}`,
        position: call.position,
      });
    }
    const definition = INTRINSIC_FUNCTIONS.get(call.name);
    if (!definition) {
      const suggestion = suggestName(call.name);
      problems.push({
        message: `Unknown intrinsic function '${call.name}'${suggestion ? `. Did you mean '${suggestion}'?` : ''}`,
        position: call.position,
      });
    } else {
      const arity = arityProblem(call.args.length, definition.minArgs, definition.maxArgs);
      if (arity) {
        problems.push({ message: `${call.name} ${arity}`, position: call.position });
      } else if (definition.specialise) {
        try {
          definition.specialise(call);
        } catch (error) {
          if (!(error instanceof IntrinsicSyntaxError)) throw error;
          problems.push({ message: error.reason, position: error.position });
        }
      }
    }
    for (const arg of call.args) if (arg.kind === 'call') visit(arg, depth + 1);
  };
  visit(root, 1);
  return problems;
}

function arityProblem(count: number, min: number, max: number): string | undefined {
  if (count >= min && count <= max) return undefined;
  const plural = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
  const expected =
    min === max ? `exactly ${plural(min)}` : max === Infinity ? `at least ${plural(min)}` : `${min} to ${max} arguments`;
  return `takes ${expected}, but was given ${count}`;
}

/** The closest known name, when it is close enough to be a likely typo. */
export function suggestName(name: string): string | undefined {
  const wanted = (name.startsWith('States.') ? name : `States.${name.split('.').pop() ?? name}`).toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const known of INTRINSIC_FUNCTIONS.keys()) {
    const distance = editDistance(wanted, known.toLowerCase(), 3);
    if (distance < bestDistance) {
      best = known;
      bestDistance = distance;
    }
  }
  // Two edits cover a typo or a swapped pair of letters without suggesting unrelated names.
  return bestDistance <= 2 ? best : undefined;
}
