/**
 * The hub executions share (the public `Runtime`): task tokens, activity queues and the
 * machines nested executions start. It knows a child execution only through the narrow
 * {@link ChildExecution} view, so tasks/ does not depend on the interpreter.
 */
import { AslUsageError } from '../errors.js';
import type { Clock } from '../runtime/clock.js';
import { ActivityQueues, type ActivityTask } from './activities.js';
import { DEFAULT_FINISHED_TOKEN_LIMIT, TaskTokens } from './tokens.js';

/** What a nested-execution task sees of the child it started (an `Execution` is one). */
export interface ChildExecution {
  readonly executionArn: string;
  readonly name: string;
  readonly startDate: Date;
  /** Resolves when the child ends, whatever its outcome. */
  readonly result: Promise<{ readonly status: string; readonly output?: unknown; readonly error?: string; readonly cause?: string }>;
  stop(options?: { error?: string; cause?: string }): void;
}

/** What the runtime needs of a state machine to start it as a nested execution. */
export interface StartableMachine {
  /** Starts a child execution on the parent's runtime, clock and random/UUID sources. */
  start(input?: unknown, options?: { name?: string; runtime?: Runtime; clock?: Clock; random?: () => number; uuid?: () => string }): ChildExecution;
}

/** Options of {@link Runtime}. */
export interface RuntimeOptions {
  /**
   * How many finished task tokens to remember, so that a late SendTaskSuccess / Failure /
   * Heartbeat for a task that timed out is refused with `TaskTimedOut`. The oldest are
   * forgotten first; a late answer to a forgotten token gets `TaskDoesNotExist` (never
   * accepted). Default {@link DEFAULT_FINISHED_TOKEN_LIMIT} (10 000, about 1.4 MB); 0 keeps none.
   */
  readonly finishedTokenLimit?: number;
}

/**
 * The hub that executions share: task tokens (callbacks), activity queues, and state machines
 * registered for nested executions (`arn:aws:states:::states:startExecution`). Pass one to
 * `start()` (or the machine options) to reach executions by token from anywhere; each execution
 * otherwise gets a private one.
 *
 * A long-lived Runtime holds nothing per ended execution except its most recent finished task
 * tokens (`finishedTokenLimit`, so late answers get the right error).
 */
export class Runtime {
  /** @internal */
  readonly tokens: TaskTokens;
  /** @internal */
  readonly activities = new ActivityQueues();
  private readonly machines = new Map<string, StartableMachine>();
  /** Executions running here that were claimed (ARN to the snapshot version they were resumed from). */
  private readonly running = new Map<string, number>();

  /** @param options how many finished task tokens to remember, see {@link RuntimeOptions}. */
  constructor(options: RuntimeOptions = {}) {
    this.tokens = new TaskTokens(options.finishedTokenLimit === undefined ? {} : { finishedTokenLimit: options.finishedTokenLimit });
  }

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

  /**
   * @internal Marks `executionArn` as running on this Runtime before a resume (or a start,
   * with `version` 0) begins. Throws {@link SnapshotAlreadyResumedError}, changing nothing,
   * when it is already running here. Every successful claim must be paired with one
   * {@link releaseResume} when that execution ends or is suspended.
   */
  claimResume(executionArn: string, version: number): void {
    const runningVersion = this.running.get(executionArn);
    if (runningVersion !== undefined) throw new SnapshotAlreadyResumedError(executionArn, version, runningVersion);
    this.running.set(executionArn, version);
  }

  /** @internal Ends the claim of {@link claimResume}; a no-op when `executionArn` is not claimed. */
  releaseResume(executionArn: string): void {
    this.running.delete(executionArn);
  }
}

/**
 * Thrown by `machine.resume(snapshot, { runtime })` when the execution is already running on
 * that Runtime: the same snapshot (or another of the same execution) was resumed before and
 * has not ended or been suspended. Two copies would share its task tokens, so one answer would
 * complete one copy and leave the other waiting forever. Wait for the running copy's `result`
 * (or `suspend()` it) first; to run a second copy on purpose, give it its own Runtime.
 */
export class SnapshotAlreadyResumedError extends AslUsageError {
  override readonly name: string = 'SnapshotAlreadyResumedError';
  constructor(
    /** The execution that is already running. */
    readonly executionArn: string,
    /** The snapshot `version` of the refused resume. */
    readonly version: number,
    /** The snapshot `version` the running copy was resumed from (0: it was started, not resumed). */
    readonly runningVersion: number,
  ) {
    super(
      `Execution '${executionArn}' is already running on this Runtime (resumed from snapshot version ${runningVersion}); ` +
        `refusing to resume it again from version ${version}. Let the running copy end or suspend it first.`,
    );
  }
}
