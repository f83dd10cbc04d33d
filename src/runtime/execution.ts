import { AslUsageError, StatesError, StatesErrors } from '../errors.js';
import { SNAPSHOT_FORMAT, type ExecutionSnapshot } from './snapshot.js';
import { RealClock, type Clock } from './clock.js';
import { executionContext, makeIdentity, type ContextOverrides, type WorkflowType } from './context.js';
import { Frame, type Inspector } from './frame.js';
import { Env } from './execution-env.js';
import { ABORT_ERROR, LazyAbort, onAbort } from './abort.js';
import { randomUuid } from '../web/uuid.js';
import { LazyJson, type HistoryEvent, type HistoryListener } from './history.js';
import { HistoryLog } from './history-log.js';
import type { CompiledMachine } from './machine.js';
import { jsonSize } from './json-size.js';
import { executionInput, MAX_PAYLOAD_BYTES } from './payload.js';
import type { TaskResolver } from '../tasks/types.js';
import { Runtime } from '../tasks/hub.js';
import { leaseToken } from '../tasks/lease.js';
import type { ObjectStore } from '../objects/types.js';
import type { MapRun } from './states/map-run.js';
import { isPromise } from './maybe.js';
import { isoTime } from './history-time.js';

/**
 * AWS's execution statuses, plus SUSPENDED: the execution was handed over as a snapshot
 * (`suspend()`) and goes on wherever it is resumed.
 */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'SUSPENDED';

/** How an execution ended. `execution.result` resolves to this; it never rejects because the workflow failed. */
export interface ExecutionResult {
  readonly status: Exclude<ExecutionStatus, 'RUNNING'>;
  /** The execution's output (SUCCEEDED only). */
  readonly output?: unknown;
  /** Error name (FAILED, TIMED_OUT, ABORTED when given). */
  readonly error?: string;
  readonly cause?: string;
}

/** Internal settings of one execution, resolved from machine and start options. */
export interface ExecutionSettings {
  readonly machine: CompiledMachine;
  readonly timeoutSeconds: number | undefined;
  /** The workflow type: it decides the execution ARN's shape (and, in StateMachine, the limits). */
  readonly type: WorkflowType;
  readonly clock: Clock | undefined;
  readonly resolvers: readonly TaskResolver[];
  readonly context: ContextOverrides;
  readonly name: string | undefined;
  readonly signal: AbortSignal | undefined;
  readonly random: (() => number) | undefined;
  readonly uuid: (() => string) | undefined;
  readonly includeExecutionData: boolean;
  /** The history quota (AWS: 25,000 events); Infinity for none. */
  readonly maxHistoryEvents: number;
  readonly runtime: Runtime | undefined;
  /** Where Distributed Maps and the S3 integrations read and write objects. */
  readonly objectStore?: ObjectStore | undefined;
  /** SHA-256 of the definition, written into snapshots (a function: computed on first snapshot). */
  readonly definitionHash: () => string;
  /** Set when resuming: the snapshot to continue. */
  readonly resumeFrom?: ExecutionSnapshot;
  /** Sees every state's intermediate values (testState's inspectionData). */
  readonly inspect?: Inspector;
}

class Ended {
  constructor(
    readonly status: 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'SUSPENDED',
    readonly error: string | undefined,
    readonly cause: string | undefined,
  ) {}
}

/**
 * One run of a state machine. Created by `StateMachine.start()`; runs on its own, and can be
 * watched (`on('event')`, `history`) and stopped.
 */
export class Execution {
  /** Resolves when the execution ends, whatever the outcome. */
  readonly result: Promise<ExecutionResult>;
  /** The execution ARN (`$$.Execution.Id`). */
  readonly executionArn: string;
  /** The execution name (`$$.Execution.Name`). */
  readonly name: string;
  /** When it started (epoch ms, by its clock); the Date is made when first asked for. */
  private readonly startMs: number;
  private startAsDate: Date | undefined;

  /** When it started, by its clock. */
  get startDate(): Date {
    return (this.startAsDate ??= new Date(this.startMs));
  }
  private readonly log: HistoryLog;
  private readonly env: Env;
  private readonly settings: ExecutionSettings;
  private readonly input: unknown;
  private readonly contextOverrides: ContextOverrides;
  /** Aborted when the execution must stop, and when it ends; an AbortSignal only if something listens. */
  private readonly stopper = new LazyAbort();
  private current: ExecutionStatus = 'RUNNING';
  /** The Runtime given in the options, or this execution's own (made when first used). */
  private hub: Runtime | undefined;

  /** Tokens, activities and nested machines this execution uses. */
  get runtime(): Runtime {
    return (this.hub ??= new Runtime());
  }

  /** @internal use `StateMachine.start()` */
  constructor(settings: ExecutionSettings, rawInput: unknown) {
    const resume = settings.resumeFrom;
    const { value: input, size: inputSize } = executionInput(resume ? resume.input : rawInput);
    const clock = settings.clock ?? new RealClock();
    this.hub = settings.runtime;
    const uuid = settings.uuid ?? randomUuid;
    this.name = resume?.name ?? settings.name ?? uuid();
    this.contextOverrides = resume ? (resume.context as ContextOverrides) : settings.context;
    const identity = resume
      ? { ...makeIdentity(this.contextOverrides, this.name), executionArn: resume.executionArn }
      : makeIdentity(this.contextOverrides, this.name, settings.type === 'EXPRESS' ? uuid() : undefined);
    this.executionArn = identity.executionArn;
    this.startMs = timeClip(resume ? Date.parse(resume.startTime) : clock.now());
    const max = settings.maxHistoryEvents;
    const limit = Number.isFinite(max)
      ? {
          max,
          // AWS's error and cause when a Standard execution's history is full.
          onLimit: () => this.stopper.abort(new Ended('FAILED', StatesErrors.Runtime, `The execution reached the maximum number of history events (${max}).`)),
        }
      : undefined;
    this.log = new HistoryLog(clock, resume ? { events: structuredClone(resume.events) as HistoryEvent[], threads: resume.threads } : undefined, limit);
    this.settings = settings;
    this.input = input;
    // Most short executions never draw, wait on a token or use the Runtime: those are made on first use.
    const env = new Env(
      clock,
      this.log,
      settings.random ?? Math.random,
      uuid,
      identity,
      executionContext(identity, input, isoTime(this.startMs), this.contextOverrides.redriveCount ?? 0),
      settings.resolvers,
      settings.includeExecutionData,
      settings.inspect,
      settings.objectStore,
      { stopper: this.stopper, runtime: () => this.runtime, journal: resume ? new Map(Object.entries(resume.journal)) : undefined },
    );
    this.env = env;
    // One live copy per resumed execution on a Runtime: a second resume of it is refused.
    if (resume) this.runtime.claimResume(this.executionArn, resume.version);
    // The tokens it waits on are live at once, so an answer may come before the replay reaches them.
    for (const token of resume?.taskTokens ?? []) leaseToken(this.runtime.tokens, env.activity.tokens, token);
    const frame = new Frame(env, Object.create(null) as Record<string, unknown>, this.stopper, '');
    // The input's JSON text is made only if the history is read (the input is within the quota).
    frame.emit('ExecutionStarted', env.includeData ? { roleArn: identity.roleArn, input: new LazyJson(input), inputDetails: { truncated: false } } : { roleArn: identity.roleArn });
    // AWS's first state event has previousEventId 0, not the ExecutionStarted id (recorded histories).
    frame.lastEventId = 0;
    // The first state's input bound (the run loop passes it on): the input's exact size.
    frame.outputBound = inputSize;

    const outer = settings.signal;
    // Through the shared fan-out: many executions on one signal add one listener, not one each.
    let unlinkOuter = noop;
    if (outer) {
      const onOuterAbort = () => this.stop({ error: 'States.Aborted', cause: 'The execution was stopped by its AbortSignal.' });
      if (outer.aborted) queueMicrotask(onOuterAbort);
      else unlinkOuter = onAbort(outer, onOuterAbort);
    }

    // No timer, and no controller for it, unless the machine has a TimeoutSeconds.
    let timer: AbortController | undefined;
    if (settings.timeoutSeconds !== undefined) {
      timer = new AbortController();
      // Measured from the start time, so a resumed execution keeps its original deadline.
      const left = this.startMs + settings.timeoutSeconds * 1000 - clock.now();
      clock.sleep(Math.max(0, left), timer.signal).then(
        () => this.stopper.abort(new Ended('TIMED_OUT', StatesErrors.Timeout, `The execution timed out after ${settings.timeoutSeconds} seconds.`)),
        () => {},
      );
    }
    // Start on the next microtask so `start()` returns before any state runs and callers can
    // subscribe to events first.
    const cleanUp =
      timer === undefined && outer === undefined && !resume
        ? undefined
        : () => {
            timer?.abort(ABORT_ERROR);
            unlinkOuter();
            if (resume) this.runtime.releaseResume(this.executionArn);
          };
    // An abort that came with the last state (the history quota, stop()) still decides.
    const succeeded = (output: unknown) => this.settle(frame, this.stopper.aborted ? this.failure(undefined) : { status: 'SUCCEEDED', output }, cleanUp);
    const failed = (e: unknown) => this.settle(frame, this.failure(e), cleanUp);
    this.result = new Promise<ExecutionResult>((resolve, reject) => {
      queueMicrotask(() => {
        try {
          let output: unknown;
          try {
            output = settings.machine.runMaybe(input, frame);
          } catch (e) {
            resolve(failed(e));
            return;
          }
          // A machine whose every state was synchronous ends in this microtask.
          resolve(isPromise(output) ? output.then(succeeded, failed) : succeeded(output));
        } catch (e) {
          // Only a bug in finishing could land here: the result rejects, the host goes on.
          reject(e);
        }
      });
    });
  }

  /** Ends the execution with `r`, then releases its timer, signal link and resume claim. */
  private settle(frame: Frame, r: ExecutionResult, cleanUp: (() => void) | undefined): ExecutionResult {
    if (cleanUp === undefined) return this.finish(frame, r);
    try {
      return this.finish(frame, r);
    } finally {
      cleanUp();
    }
  }

  /** Every event so far, in order (a live array: it grows as the execution runs). */
  get history(): readonly HistoryEvent[] {
    return this.log.read();
  }

  /** The Map Runs of this execution's Distributed Maps, in the order they started, with their child executions. */
  get mapRuns(): readonly MapRun[] {
    return this.env.mapRuns;
  }

  get status(): ExecutionStatus {
    return this.current;
  }

  /**
   * Calls `listener` with each history event as it is written. Returns a function that unsubscribes.
   * @throws AslUsageError for an event name other than `'event'` or a listener that is not a function.
   */
  on(event: 'event', listener: HistoryListener): () => void {
    if (event !== 'event') throw new AslUsageError(`Unknown execution event '${String(event)}'; use 'event'`);
    if (typeof listener !== 'function') throw new AslUsageError(`Execution.on: the listener must be a function, got ${typeof listener}`);
    return this.log.listen(listener);
  }

  /** Iterates over every history event, past and future, until the execution ends. */
  async *events(): AsyncGenerator<HistoryEvent> {
    let i = 0;
    let wake: (() => void) | undefined;
    const off = this.log.listen(() => wake?.());
    let done = false;
    void this.result.then(() => {
      done = true;
      wake?.();
    });
    try {
      for (;;) {
        while (i < this.log.length) yield this.log.read()[i++]!;
        if (done) return;
        await new Promise<void>((r) => (wake = r));
        wake = undefined;
      }
    } finally {
      off();
    }
  }

  /** SendTaskSuccess for a task of this execution (see {@link Runtime.sendTaskSuccess}). */
  sendTaskSuccess(taskToken: string, output: unknown): void {
    this.runtime.sendTaskSuccess(taskToken, output);
  }

  /** SendTaskFailure for a task of this execution. */
  sendTaskFailure(taskToken: string, error?: string, cause?: string): void {
    this.runtime.sendTaskFailure(taskToken, error, cause);
  }

  /** SendTaskHeartbeat for a task of this execution. */
  sendTaskHeartbeat(taskToken: string): void {
    this.runtime.sendTaskHeartbeat(taskToken);
  }

  /**
   * A JSON-serialisable snapshot of the execution as it is now, for `StateMachine.resume()` in
   * this or another process. Possible while the execution waits (Wait, callback, activity,
   * retry backoff), also inside Parallel branches and Map iterations.
   * @throws AslUsageError when a task handler is running, a distributed Map Run is open, the
   * execution has ended, or it was started with includeExecutionData: false.
   */
  snapshot(): ExecutionSnapshot {
    const a = this.env.activity;
    if (this.current !== 'RUNNING') throw new AslUsageError(`Cannot snapshot an execution that has ended (${this.current}).`);
    if (a.inFlight > 0) {
      throw new AslUsageError('Cannot snapshot while a task handler is running: snapshots are taken while the execution waits (Wait, callback, activity, retry backoff).');
    }
    if (a.mapRuns > 0) throw new AslUsageError('Cannot snapshot while a distributed Map Run is in progress.');
    if (!this.env.includeData) throw new AslUsageError('Cannot snapshot an execution started with includeExecutionData: false (its task results are not recorded).');
    return structuredClone({
      format: SNAPSHOT_FORMAT,
      definitionHash: this.settings.definitionHash(),
      executionArn: this.executionArn,
      name: this.name,
      startTime: this.startDate.toISOString(),
      input: this.input,
      context: { ...this.contextOverrides },
      events: this.log.read(),
      threads: this.log.threads,
      journal: Object.fromEntries(this.env.journal),
      taskTokens: [...a.tokens],
      version: this.log.length,
    });
  }

  /**
   * Takes a snapshot, then ends the execution here without writing history: its timers,
   * tokens and activity tasks are released and `result` resolves as SUSPENDED. Resume the
   * snapshot to go on.
   */
  suspend(): ExecutionSnapshot {
    const snapshot = this.snapshot();
    this.stopper.abort(new Ended('SUSPENDED', undefined, undefined));
    return snapshot;
  }

  /** Ends the execution as ABORTED, cancelling running work (task handlers see their signal fire). */
  stop(options: { error?: string; cause?: string } = {}): void {
    if (this.current !== 'RUNNING' || this.stopper.aborted) return;
    this.stopper.abort(new Ended('ABORTED', options.error, options.cause));
  }

  private failure(e: unknown): ExecutionResult {
    const reason = this.stopper.aborted ? this.stopper.reason : undefined;
    if (reason instanceof Ended) return { status: reason.status, error: reason.error, cause: reason.cause };
    if (e instanceof StatesError) return { status: 'FAILED', error: e.error, cause: e.cause };
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { status: 'FAILED', error: StatesErrors.Runtime, cause: message };
  }

  private finish(frame: Frame, r: ExecutionResult): ExecutionResult {
    // An execution stopped before its replay caught up ends live: its final event is new.
    this.log.endReplay();
    const details: Record<string, unknown> = {};
    if (r.error) details.error = r.error;
    if (r.cause) details.cause = r.cause;
    switch (r.status) {
      case 'SUCCEEDED': {
        if (!frame.env.includeData) {
          frame.emit('ExecutionSucceeded', {});
          break;
        }
        // The last state's exit left the output's size (or a bound within the quota) on the frame.
        const bound = frame.outputBound;
        const truncated = bound < 0 || bound > MAX_PAYLOAD_BYTES ? jsonSize(r.output) > MAX_PAYLOAD_BYTES : false;
        frame.emit('ExecutionSucceeded', { output: new LazyJson(r.output), outputDetails: { truncated } });
        break;
      }
      case 'FAILED':
        frame.emit('ExecutionFailed', details);
        break;
      case 'TIMED_OUT':
        frame.emit('ExecutionTimedOut', details);
        break;
      case 'ABORTED':
        frame.emit('ExecutionAborted', details);
        break;
      case 'SUSPENDED':
        break;
    }
    this.current = r.status;
    const out: { -readonly [K in keyof ExecutionResult]: ExecutionResult[K] } = { status: r.status };
    if (r.status === 'SUCCEEDED') out.output = r.output;
    if (r.error) out.error = r.error;
    if (r.cause) out.cause = r.cause;
    // Releases whatever still listens (a handler that outlived the run) with the shared AbortError.
    if (!this.stopper.aborted) this.stopper.abort(ABORT_ERROR);
    return out;
  }
}

function noop(): void {}

/** The time value `new Date(ms)` would hold (ECMA-262 TimeClip), without making the Date. */
function timeClip(ms: number): number {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? Math.trunc(ms) + 0 : Number.NaN;
}
