/**
 * Amazon States Language intrinsic functions (`States.Format(…)` and the other 17), as used in
 * JSONPath payload templates. See the AWS Step Functions developer guide, "Intrinsic functions".
 */
export { checkIntrinsic } from './check.js';
export type { IntrinsicProblem } from './analyse.js';
export { compileIntrinsic, type PathCompiler } from './compile.js';
export { IntrinsicSyntaxError, INTRINSIC_RUNTIME_ERROR } from './errors.js';
export { INTRINSIC_FUNCTIONS } from './registry.js';

const INTRINSIC_PREFIX = /^\s*States\./;

/** True when a template value string is an intrinsic call (starts with `States.` after optional whitespace). */
export function isIntrinsicCall(text: string): boolean {
  return INTRINSIC_PREFIX.test(text);
}
