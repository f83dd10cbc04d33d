import type { Clock } from '../runtime/clock.js';
import type { ContextObject } from '../runtime/context.js';
import type { Runtime } from './hub.js';

/** What a task handler receives besides its input. */
export interface TaskContext {
  /** The Task state's name. */
  readonly stateName: string;
  /** The state's `Resource` string. */
  readonly resource: string;
  /** 0 for the first attempt, n for the n-th retry. */
  readonly attempt: number;
  /** The context object (`$$`) as the state sees it. */
  readonly context: ContextObject;
  /** Fires when the task times out, the execution stops, or a sibling branch fails. */
  readonly signal: AbortSignal;
  /** The execution's clock (use it instead of setTimeout to stay in virtual time). */
  readonly clock: Clock;
  /**
   * Stable id of this invocation: the thread (branch and item indexes), the visit number of the
   * state in that thread, the state name and the attempt, e.g. `Par[0][1]/Map[0][3]/2:Charge#1`.
   * The same definition and input give the same ids on every run.
   */
  readonly invocationId: string;
  /** A fresh request id for this invocation (from the execution's injected id source). */
  readonly requestId: string;
  /** Restarts the HeartbeatSeconds timer. */
  heartbeat(): void;
  /** `$$.Task.Token` for `.waitForTaskToken` resources. */
  readonly taskToken?: string;
  /** For `.sync` jobs: reports that the job was submitted (writes TaskSubmitted with `output`). */
  submitted(output: unknown): void;
  /** The runtime of the execution: callbacks, activities and registered machines. */
  readonly runtime: Runtime;
}

/** A plain async function that does a Task's work. Its return value is the task result. */
export type TaskHandler = (input: any, context: TaskContext) => unknown;

/** What a resolver found for a resource. */
export interface ResolvedTask {
  /** Runs the work; its resolved value is the raw result (already in the service's response shape). */
  invoke(input: unknown, context: TaskContext): unknown;
  /**
   * For handlers whose result may be any value: `'lambda'` turns `undefined` into `null` as the
   * Lambda runtime does; `'strict'` (the default) fails the task when a handler returns undefined.
   */
  readonly undefinedResult?: 'lambda' | 'strict';
}

/**
 * The plug-in point for task execution: given a Task's resource and state, return what runs it,
 * or undefined to let the next resolver try. Handlers, Lambda functions and mocks are all
 * resolvers.
 */
export interface TaskResolver {
  resolve(request: { resource: string; stateName: string; parameters: unknown }): ResolvedTask | undefined;
}

/** A Lambda function handler as users write it for AWS: `(event, context) => result`. */
export type LambdaHandler = (event: any, context: LambdaContext) => unknown;

/** The subset of AWS Lambda's context object that local runs can provide faithfully. */
export interface LambdaContext {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly awsRequestId: string;
  readonly memoryLimitInMB: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  getRemainingTimeInMillis(): number;
}
