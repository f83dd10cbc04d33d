/**
 * Argument checks shared by the functions. Each failure names the function and the problem; the
 * compiled evaluator adds AWS's "The function '…' had the following error:" prefix.
 */
import { IntrinsicArgumentError } from '../errors.js';

/** The JSON type of a value, as the error messages name it. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Rejects the call: `Invalid arguments in <fn>: <problem>`. */
export function fail(fn: string, problem: string): never {
  throw new IntrinsicArgumentError(`Invalid arguments in ${fn}: ${problem}`);
}

function ordinal(index: number): string {
  return ['first', 'second', 'third'][index] ?? `argument ${index + 1}`;
}

function wrongType(fn: string, index: number, expected: string, value: unknown): never {
  return fail(fn, `the ${ordinal(index)} argument must be ${expected}, but was ${jsonType(value)}`);
}

/** The argument at `index`, which must be a string. */
export function stringArg(fn: string, args: readonly unknown[], index: number): string {
  const value = args[index];
  return typeof value === 'string' ? value : wrongType(fn, index, 'a string', value);
}

/** The argument at `index`, which must be an array. */
export function arrayArg(fn: string, args: readonly unknown[], index: number): readonly unknown[] {
  const value = args[index];
  return Array.isArray(value) ? value : wrongType(fn, index, 'an array', value);
}

/** The argument at `index`, which must be a JSON object (not an array or null). */
export function objectArg(fn: string, args: readonly unknown[], index: number): Readonly<Record<string, unknown>> {
  const value = args[index];
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : wrongType(fn, index, 'a JSON object', value);
}

/** The argument at `index`, which must be a boolean. */
export function booleanArg(fn: string, args: readonly unknown[], index: number): boolean {
  const value = args[index];
  return typeof value === 'boolean' ? value : wrongType(fn, index, 'a boolean', value);
}

/** The argument at `index`, which must be a finite number. */
export function numberArg(fn: string, args: readonly unknown[], index: number): number {
  const value = args[index];
  return typeof value === 'number' && Number.isFinite(value) ? value : wrongType(fn, index, 'a number', value);
}

/**
 * A number rounded to the nearest integer, halves towards positive infinity: Java's
 * `Math.round`, which JavaScript's `Math.round` matches (AWS rounds 2.5 to 3 and -1.5 to -1).
 */
export function roundedArg(fn: string, args: readonly unknown[], index: number): number {
  const rounded = Math.round(numberArg(fn, args, index));
  return rounded === 0 ? 0 : rounded; // no -0 in results
}

/** The Java `int` range AWS accepts for integer arguments. */
export const INT_MIN = -2147483648;
export const INT_MAX = 2147483647;

/** A rounded number that must fit a Java `int`. */
export function intArg(fn: string, args: readonly unknown[], index: number): number {
  const value = roundedArg(fn, args, index);
  if (value < INT_MIN || value > INT_MAX) {
    fail(fn, `the ${ordinal(index)} argument must be between ${INT_MIN} and ${INT_MAX}, but was ${args[index] as number}`);
  }
  return value;
}

/** AWS's limit on the data States.Base64Encode, States.Base64Decode and States.Hash accept. */
export const MAX_INPUT_CHARACTERS = 10_000;

/** A string argument of at most {@link MAX_INPUT_CHARACTERS} characters (UTF-16 units, as in Java). */
export function limitedStringArg(fn: string, args: readonly unknown[], index: number): string {
  const value = stringArg(fn, args, index);
  if (value.length > MAX_INPUT_CHARACTERS) {
    fail(fn, `the input must be at most ${MAX_INPUT_CHARACTERS} characters, but has ${value.length}`);
  }
  return value;
}
