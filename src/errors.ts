/**
 * Errors shared by every stage. A workflow failure is data ({@link StatesError}); only
 * misuse of the API or an invalid definition surfaces as a thrown exception.
 */
import type { Diagnostic } from './definition/diagnostic.js';

/** The predefined error names of the Amazon States Language. */
export const StatesErrors = {
  ALL: 'States.ALL',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  Timeout: 'States.Timeout',
  TaskFailed: 'States.TaskFailed',
  Permissions: 'States.Permissions',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
  ParameterPathFailure: 'States.ParameterPathFailure',
  BranchFailed: 'States.BranchFailed',
  NoChoiceMatched: 'States.NoChoiceMatched',
  IntrinsicFailure: 'States.IntrinsicFailure',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  ItemReaderFailed: 'States.ItemReaderFailed',
  ResultWriterFailed: 'States.ResultWriterFailed',
  QueryEvaluationError: 'States.QueryEvaluationError',
  DataLimitExceeded: 'States.DataLimitExceeded',
  Runtime: 'States.Runtime',
} as const;

/**
 * Whether `Error.stackTraceLimit` can be set (V8 hosts; not where the Error constructor is
 * frozen, as under a lockdown): then a StatesError is made without capturing a stack.
 */
const STACK_LIMIT_WRITABLE = ((): boolean => {
  const d = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
  return d !== undefined && d.writable === true && typeof d.value === 'number';
})();

/**
 * A failure inside a workflow: what Retry and Catch match on and what a failed execution
 * reports. Task handlers may throw one to choose the error name and cause exactly.
 *
 * A failure is data, not a bug: its `stack` holds only the `name: message` line. The engine
 * makes one for every failed attempt, and capturing the call stack cost more than the rest of
 * a failing Task state.
 */
export class StatesError extends Error {
  /** The error name, e.g. `States.Timeout` or a handler's own `OrderNotFound`. */
  readonly error: string;
  /** Human-readable detail; AWS calls it the cause. */
  override readonly cause: string;
  override readonly name: string = 'StatesError';

  constructor(error: string, cause = '') {
    const limit = Error.stackTraceLimit;
    if (STACK_LIMIT_WRITABLE) Error.stackTraceLimit = 0;
    super(cause ? `${error}: ${cause}` : error);
    if (STACK_LIMIT_WRITABLE) Error.stackTraceLimit = limit;
    this.error = error;
    this.cause = cause;
  }
}

/**
 * A data-processing failure (a path that matches nothing, a bad intrinsic argument, an
 * expression of the wrong type). The interpreter prefixes its cause with the state name and
 * entered-event id, as AWS does: "An error occurred while executing the state 'X' (entered at
 * the event id #2). …".
 */
export class DataFlowError extends StatesError {
  override readonly name: string = 'DataFlowError';
}

/** Thrown by `new StateMachine(...)` when the definition is not valid ASL. */
export class AslValidationError extends Error {
  override readonly name = 'AslValidationError';
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(formatSummary(diagnostics));
  }
}

function formatSummary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'ERROR');
  const lines = errors.slice(0, 10).map((d) => `  ${d.location || '/'}  ${d.code}  ${d.message}`);
  const more = errors.length > 10 ? `\n  … and ${errors.length - 10} more` : '';
  return `Invalid state machine definition (${errors.length} error${errors.length === 1 ? '' : 's'}):\n${lines.join('\n')}${more}`;
}

/** Misuse of the public API (bad options, an input that is not JSON, an unknown task token…). */
export class AslUsageError extends Error {
  override readonly name: string = 'AslUsageError';
}
