import type { Diagnostic } from '../../src/definition/diagnostic.js';
import { validate, type ValidateOptions } from '../../src/validate/index.js';

/** `CODE location` for every diagnostic (wording is not asserted). */
export function codes(definition: unknown, options?: ValidateOptions): string[] {
  return validate(definition, options).diagnostics.map((d: Diagnostic) => `${d.code} ${d.location}`);
}

/** Only the errors. */
export function errors(definition: unknown, options?: ValidateOptions): string[] {
  return validate(definition, options).diagnostics.filter((d) => d.severity === 'ERROR').map((d) => `${d.code} ${d.location}`);
}

/** A one-state machine around `state` (named `S`). */
export function single(state: Record<string, unknown>, top: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...top, StartAt: 'S', States: { S: state } };
}

/** Lambda function ARN as in the AWS developer guide examples. */
export const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:HelloFunction';
