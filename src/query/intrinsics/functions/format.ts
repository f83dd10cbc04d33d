/** Intrinsic for generic operation: States.Format. */
import { IntrinsicSyntaxError } from '../errors.js';
import { javaToString } from '../../java/to-string.js';
import { parseLiteralTemplate, parseValueTemplate, placeholderCount, type Template } from '../template.js';
import { fail, stringArg } from './args.js';
import type { Implementation, IntrinsicDefinition } from './types.js';

const NAME = 'States.Format';

/**
 * The template with its placeholders filled by `args[from…]` as Java prints them. Reads the
 * arguments in place: no sliced or mapped copies per call.
 */
function render(template: Template, count: number, args: readonly unknown[], from: number): string {
  const given = args.length - from;
  if (count !== given) {
    fail(NAME, `the template has ${count} occurrence(s) of {} but ${given} value(s) were given`);
  }
  let out = '';
  let next = from;
  for (const part of template) out += part === null ? javaToString(args[next++]) : part;
  return out;
}

/**
 * `States.Format(template, value…)`: each `{}` replaced by the positionally matching value.
 * Strings appear as they are; other values as AWS's Java service prints them (numbers `1`,
 * `1.1`; objects `{a=1, b=[]}`).
 */
export const format: IntrinsicDefinition = {
  name: NAME,
  minArgs: 1,
  maxArgs: Infinity,
  invoke(args) {
    const template = parseValueTemplate(stringArg(NAME, args, 0));
    return render(template, placeholderCount(template), args, 1);
  },
  specialise(call): Implementation {
    const first = call.args[0];
    if (first?.kind !== 'string') return (args, scope) => this.invoke(args, scope);
    // A literal template is known now: parse it once and check the placeholder count up front.
    const template = parseLiteralTemplate(first.raw);
    const count = placeholderCount(template);
    if (count !== call.args.length - 1) {
      throw new IntrinsicSyntaxError(
        `${NAME}: the template has ${count} occurrence(s) of {} but ${call.args.length - 1} value(s) follow it`,
        call.position,
      );
    }
    return (args) => render(template, count, args, 1);
  },
};
