/**
 * Static argument types of intrinsic calls. Where an argument is a literal (or a nested call
 * whose result type is known), a wrong type is reported at validation time, as AWS's
 * ValidateStateMachineDefinition does for `States.MathAdd(1, '-1')`. Paths are only known at
 * run time and pass. The table follows the argument types the AWS developer guide gives on its
 * "Intrinsic functions" page, which the runtime's functions (query/intrinsics/functions) check.
 */
import type { ArgumentNode, CallNode } from '../query/intrinsics/ast.js';
import { parseIntrinsic } from '../query/intrinsics/parser.js';

/** The JSON type of a value as the messages name it; `any` when it is not known statically. */
type Kind = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object' | 'any';

/** An argument's expected kind, and a check of its literal value where AWS restricts it. */
interface Param {
  readonly kind: Kind;
  readonly value?: (value: string | number | boolean) => string | undefined;
}

const STRING: Param = { kind: 'string' };
const ARRAY: Param = { kind: 'array' };
const OBJECT: Param = { kind: 'object' };
const ANY: Param = { kind: 'any' };
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
// AWS rounds numeric arguments to the nearest integer, then needs a Java int.
const INTEGER: Param = {
  kind: 'number',
  value: (v) => (typeof v === 'number' && (Math.round(v) < INT_MIN || Math.round(v) > INT_MAX) ? `must be between ${INT_MIN} and ${INT_MAX}` : undefined),
};
const HASH_ALGORITHMS = ['MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];

/** Per function: the parameters by position (the last one repeats for variadic functions) and the result kind. */
const SIGNATURES: Readonly<Record<string, { readonly params: readonly Param[]; readonly variadic?: boolean; readonly result: Kind }>> = {
  'States.Format': { params: [STRING, ANY], variadic: true, result: 'string' },
  'States.StringToJson': { params: [STRING], result: 'any' },
  'States.JsonToString': { params: [ANY], result: 'string' },
  'States.Array': { params: [ANY], variadic: true, result: 'array' },
  'States.ArrayPartition': { params: [ARRAY, { kind: 'number', value: (v) => (typeof v === 'number' && Math.round(v) <= 0 ? 'must be a positive integer (the chunk size)' : undefined) }], result: 'array' },
  'States.ArrayContains': { params: [ARRAY, ANY], result: 'boolean' },
  'States.ArrayRange': { params: [INTEGER, INTEGER, { kind: 'number', value: (v) => (typeof v === 'number' && Math.round(v) === 0 ? 'must not be 0 (the step)' : undefined) }], result: 'array' },
  'States.ArrayGetItem': { params: [ARRAY, { kind: 'number', value: (v) => (typeof v === 'number' && !Number.isInteger(v) ? 'must be an integer (the index)' : undefined) }], result: 'any' },
  'States.ArrayLength': { params: [ARRAY], result: 'number' },
  'States.ArrayUnique': { params: [ARRAY], result: 'array' },
  'States.Base64Encode': { params: [STRING], result: 'string' },
  'States.Base64Decode': { params: [STRING], result: 'string' },
  'States.Hash': { params: [STRING, { kind: 'string', value: (v) => (HASH_ALGORITHMS.includes(String(v)) ? undefined : `must be one of ${HASH_ALGORITHMS.join(', ')}`) }], result: 'string' },
  // A literal `true` (deep merge) is a boolean, so the definition is accepted; the execution then
  // fails with States.Runtime (guide, "Intrinsic functions": only shallow merging is supported).
  'States.JsonMerge': { params: [OBJECT, OBJECT, { kind: 'boolean' }], result: 'object' },
  'States.MathRandom': { params: [INTEGER, INTEGER, INTEGER], result: 'number' },
  'States.MathAdd': { params: [INTEGER, INTEGER], result: 'number' },
  'States.StringSplit': { params: [STRING, STRING], result: 'array' },
  'States.UUID': { params: [], result: 'string' },
};

/** A problem found in intrinsic text, at a 0-based character position. */
export interface ArgumentTypeProblem {
  readonly message: string;
  readonly position: number;
}

function kindOf(arg: ArgumentNode): Kind {
  switch (arg.kind) {
    case 'string': return 'string';
    case 'number': return 'number';
    case 'boolean': return 'boolean';
    case 'null': return 'null';
    case 'call': return SIGNATURES[arg.name]?.result ?? 'any';
    default: return 'any';
  }
}

const ORDINALS = ['first', 'second', 'third'];
const article = (kind: Kind): string => (kind === 'array' || kind === 'object' ? `an ${kind}` : kind === 'null' ? 'null' : `a ${kind}`);

/**
 * Argument type problems of a well-formed intrinsic call (names and arity already checked).
 * Never throws: text that does not parse has no type problems to report.
 */
export function intrinsicArgumentProblems(text: string): ArgumentTypeProblem[] {
  let root: CallNode;
  try {
    root = parseIntrinsic(text);
  } catch {
    return [];
  }
  const problems: ArgumentTypeProblem[] = [];
  const visit = (call: CallNode): void => {
    const signature = SIGNATURES[call.name];
    call.args.forEach((arg, i) => {
      if (arg.kind === 'call') visit(arg);
      const param = signature?.params[Math.min(i, signature.params.length - 1)];
      if (param === undefined || (i >= signature!.params.length && signature!.variadic !== true)) return;
      const actual = kindOf(arg);
      const which = `the ${ORDINALS[i] ?? `argument ${i + 1}`} argument of ${call.name}`;
      if (param.kind !== 'any' && actual !== 'any' && actual !== param.kind) {
        problems.push({ message: `${which} must be ${article(param.kind)}, but is ${article(actual)}`, position: arg.position });
        return;
      }
      if (param.value !== undefined && (arg.kind === 'string' || arg.kind === 'number' || arg.kind === 'boolean')) {
        const problem = param.value(arg.value);
        if (problem !== undefined) problems.push({ message: `${which} ${problem}, but is ${JSON.stringify(arg.value)}`, position: arg.position });
      }
    });
  };
  visit(root);
  return problems;
}
