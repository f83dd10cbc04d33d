import { StatesError, StatesErrors } from '../errors.js';
import { RealClock, type Clock } from './clock.js';
import { executionContext, makeIdentity, type ContextOverrides } from './context.js';
import { Frame, type ExecutionEnv } from './frame.js';
import { HistoryLog, payloadDetails, type HistoryEvent, type HistoryListener } from './history.js';
import type { CompiledMachine } from './machine.js';
import { executionInput, toJson } from './payload.js';
import type { TaskResolver } from '../tasks/types.js';
import { Runtime } from './runtime.js';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

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
  readonly clock: Clock | undefined;
  readonly resolvers: readonly TaskResolver[];
  readonly context: ContextOverrides;
  readonly name: string | undefined;
  readonly signal: AbortSignal | undefined;
  readonly random: (() => number) | undefined;
  readonly uuid: (() => string) | undefined;
  readonly includeExecutionData: boolean;
  readonly runtime: Runtime | undefined;
}

class Ended {
  constructor(
    readonly status: 'TIMED_OUT' | 'ABORTED',
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
  /** When it started, by its clock. */
  readonly startDate: Date;
  private readonly log: HistoryLog;
  private readonly controller = new AbortController();
  private current: ExecutionStatus = 'RUNNING';
  /** Tokens, activities and nested machines this execution uses. */
  readonly runtime: Runtime;

  /** @internal use `StateMachine.start()` */
  constructor(settings: ExecutionSettings, rawInput: unknown) {
    const { value: input, json: inputJson } = executionInput(rawInput);
    const clock = settings.clock ?? new RealClock();
    this.runtime = settings.runtime ?? new Runtime();
    const uuid = settings.uuid ?? (() => crypto.randomUUID());
    this.name = settings.name ?? uuid();
    const identity = makeIdentity(settings.context, this.name);
    this.executionArn = identity.executionArn;
    this.startDate = new Date(clock.now());
    this.log = new HistoryLog(() => clock.now());
    const env: ExecutionEnv = {
      clock,
      history: this.log,
      random: settings.random ?? Math.random,
      uuid,
      identity,
      context: executionContext(identity, input, this.startDate.toISOString(), settings.context.redriveCount ?? 0),
      resolvers: settings.resolvers,
      runtime: this.runtime,
      signal: this.controller.signal,
      includeData: settings.includeExecutionData,
    };
    const started: Record<string, unknown> = { roleArn: identity.roleArn };
    if (env.includeData) {
      started.input = inputJson;
      started.inputDetails = payloadDetails(inputJson);
    }
    this.log.add('ExecutionStarted', 0, started);
    const frame = new Frame(env, Object.create(null) as Record<string, unknown>, this.controller.signal, '');
    frame.lastEventId = 1;

    const outer = settings.signal;
    const onOuterAbort = () => this.stop({ error: 'States.Aborted', cause: 'The execution was stopped by its AbortSignal.' });
    if (outer?.aborted) queueMicrotask(onOuterAbort);
    else outer?.addEventListener('abort', onOuterAbort, { once: true });

    const timer = new AbortController();
    if (settings.timeoutSeconds !== undefined) {
      clock.sleep(settings.timeoutSeconds * 1000, timer.signal).then(
        () => this.controller.abort(new Ended('TIMED_OUT', StatesErrors.Timeout, `The execution timed out after ${settings.timeoutSeconds} seconds.`)),
        () => {},
      );
    }
    // Start on the next microtask so `start()` returns before any state runs and callers can
    // subscribe to events first.
    this.result = Promise.resolve()
      .then(() => settings.machine.run(input, frame))
      .then(
        (output) => this.finish(frame, { status: 'SUCCEEDED', output }),
        (e: unknown) => this.finish(frame, this.failure(e)),
      )
      .finally(() => {
        timer.abort();
        outer?.removeEventListener('abort', onOuterAbort);
      });
  }

  /** Every event so far, in order (a live array: it grows as the execution runs). */
  get history(): readonly HistoryEvent[] {
    return this.log.events;
  }

  get status(): ExecutionStatus {
    return this.current;
  }

  /** Calls `listener` with each history event as it is written. Returns a function that unsubscribes. */
  on(event: 'event', listener: HistoryListener): () => void {
    if (event !== 'event') throw new TypeError(`Unknown execution event '${String(event)}'; use 'event'`);
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
        while (i < this.log.events.length) yield this.log.events[i++]!;
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

  /** Ends the execution as ABORTED, cancelling running work (task handlers see their signal fire). */
  stop(options: { error?: string; cause?: string } = {}): void {
    if (this.current !== 'RUNNING' || this.controller.signal.aborted) return;
    this.controller.abort(new Ended('ABORTED', options.error, options.cause));
  }

  private failure(e: unknown): ExecutionResult {
    const reason = this.controller.signal.aborted ? this.controller.signal.reason : undefined;
    if (reason instanceof Ended) return { status: reason.status, error: reason.error, cause: reason.cause };
    if (e instanceof StatesError) return { status: 'FAILED', error: e.error, cause: e.cause };
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { status: 'FAILED', error: StatesErrors.Runtime, cause: message };
  }

  private finish(frame: Frame, r: ExecutionResult): ExecutionResult {
    const details: Record<string, unknown> = {};
    if (r.error) details.error = r.error;
    if (r.cause) details.cause = r.cause;
    switch (r.status) {
      case 'SUCCEEDED': {
        const json = toJson(r.output);
        this.log.add('ExecutionSucceeded', frame.lastEventId, frame.env.includeData ? { output: json, outputDetails: payloadDetails(json) } : {});
        break;
      }
      case 'FAILED':
        this.log.add('ExecutionFailed', frame.lastEventId, details);
        break;
      case 'TIMED_OUT':
        this.log.add('ExecutionTimedOut', frame.lastEventId, details);
        break;
      case 'ABORTED':
        this.log.add('ExecutionAborted', frame.lastEventId, details);
        break;
    }
    this.current = r.status;
    const out: { -readonly [K in keyof ExecutionResult]: ExecutionResult[K] } = { status: r.status };
    if (r.status === 'SUCCEEDED') out.output = r.output;
    if (r.error) out.error = r.error;
    if (r.cause) out.cause = r.cause;
    if (!this.controller.signal.aborted) this.controller.abort();
    return out;
  }
}
