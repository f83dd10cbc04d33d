import { ActivityQueues, type ActivityTask } from '../tasks/activities.js';
import { TaskTokens } from '../tasks/tokens.js';
import type { Execution } from './execution.js';

/** What the runtime needs of a state machine to start it as a nested execution. */
export interface StartableMachine {
  start(input?: unknown, options?: { name?: string; runtime?: Runtime }): Execution;
}

/**
 * The hub that executions share: task tokens (callbacks), activity queues, and state machines
 * registered for nested executions (`arn:aws:states:::states:startExecution`). Pass one to
 * `start()` (or the machine options) to reach executions by token from anywhere; each execution
 * otherwise gets a private one.
 */
export class Runtime {
  /** @internal */
  readonly tokens = new TaskTokens();
  /** @internal */
  readonly activities = new ActivityQueues();
  private readonly machines = new Map<string, StartableMachine>();

  /** Registers a state machine under its ARN or name, for nested executions. */
  register(arnOrName: string, machine: StartableMachine): this {
    this.machines.set(arnOrName, machine);
    return this;
  }

  /** Finds a registered machine by full ARN, or by the name at the end of an ARN. */
  findMachine(arnOrName: string): StartableMachine | undefined {
    return this.machines.get(arnOrName) ?? this.machines.get(arnOrName.split(':stateMachine:').pop()!.split(':')[0]!);
  }

  /** SendTaskSuccess: completes the task waiting on `taskToken` with `output` (a value or JSON text). */
  sendTaskSuccess(taskToken: string, output: unknown): void {
    this.tokens.succeed(taskToken, output);
  }

  /** SendTaskFailure: fails the task waiting on `taskToken`. */
  sendTaskFailure(taskToken: string, error?: string, cause?: string): void {
    this.tokens.fail(taskToken, error, cause);
  }

  /** SendTaskHeartbeat: restarts the HeartbeatSeconds timer of the task waiting on `taskToken`. */
  sendTaskHeartbeat(taskToken: string): void {
    this.tokens.heartbeat(taskToken);
  }

  /**
   * GetActivityTask: waits for a task of the activity and takes it; resolves undefined when
   * `signal` aborts first. Answer with sendTaskSuccess / sendTaskFailure / sendTaskHeartbeat.
   */
  getActivityTask(activityArn: string, options: { workerName?: string; signal?: AbortSignal } = {}): Promise<ActivityTask | undefined> {
    return this.activities.take(activityArn, options);
  }
}
