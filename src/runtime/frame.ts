import type { Clock } from './clock.js';
import type { ContextObject, ExecutionContext, Identity } from './context.js';
import type { HistoryLog } from './history.js';
import type { EvalScope } from '../query/scope.js';
import type { TaskResolver } from '../tasks/types.js';
import type { Runtime } from './runtime.js';

/** What every state of one execution shares. */
export interface ExecutionEnv {
  readonly clock: Clock;
  readonly history: HistoryLog;
  readonly random: () => number;
  readonly uuid: () => string;
  readonly identity: Identity;
  readonly context: ExecutionContext;
  readonly resolvers: readonly TaskResolver[];
  /** Tokens, activities and registered machines shared with other executions. */
  readonly runtime: Runtime;
  /** Aborted when the execution is stopped or times out. */
  readonly signal: AbortSignal;
  /** Whether history events carry input/output (AWS's includeExecutionData). */
  readonly includeData: boolean;
}

/**
 * One thread of control: the top-level run, a Parallel branch or a Map iteration. Holds its
 * variable scope and the id of its last history event (for previousEventId).
 */
export class Frame {
  lastEventId = 0;
  /** How many states this thread has entered: with the thread id, a stable id for each visit. */
  steps = 0;
  /** The current state's name, entered time and retry count, for `$$.State`. */
  stateName = '';
  enteredTime = '';
  retryCount: number | undefined;
  /** Event id of the current state's Entered event (quoted in error causes). */
  enteredEventId = 0;
  /** Set only for a Map ItemSelector evaluation. */
  mapItem: { Index: number; Value: unknown; Key?: string } | undefined;
  taskToken: string | undefined;
  /** Variables the current state assigned, for its Exited event. */
  assigned: Record<string, string> | undefined;

  constructor(
    readonly env: ExecutionEnv,
    /** Variables in scope: a prototype chain, inner scopes inherit outer ones. */
    readonly variables: Record<string, unknown>,
    /** Aborted when this thread must stop (execution stop, a sibling branch failed). */
    readonly signal: AbortSignal,
    /** Stable identity of this thread, e.g. `Par[1]/Map[3]`, for task invocation ids. */
    readonly threadId: string,
  ) {}

  /** A child thread (branch or iteration) with its own variable scope. */
  child(signal: AbortSignal, threadId: string, lastEventId: number): Frame {
    const f = new Frame(this.env, Object.create(this.variables) as Record<string, unknown>, signal, threadId);
    f.lastEventId = lastEventId;
    return f;
  }

  contextObject(): ContextObject {
    const c: Record<string, unknown> = {
      Execution: this.env.context.Execution,
      StateMachine: this.env.context.StateMachine,
      State:
        this.retryCount === undefined
          ? { Name: this.stateName, EnteredTime: this.enteredTime }
          : { Name: this.stateName, EnteredTime: this.enteredTime, RetryCount: this.retryCount },
    };
    if (this.taskToken !== undefined) c.Task = { Token: this.taskToken };
    if (this.mapItem) c.Map = { Item: this.mapItem };
    return c as unknown as ContextObject;
  }

  /** An evaluation scope over `input`; the context object is built only if read. */
  scope(input: unknown): EvalScope {
    return new FrameScope(this, input);
  }
}

class FrameScope implements EvalScope {
  private ctx: ContextObject | undefined;
  constructor(
    private readonly frame: Frame,
    readonly input: unknown,
  ) {}
  get context(): ContextObject {
    return (this.ctx ??= this.frame.contextObject());
  }
  get variables(): Readonly<Record<string, unknown>> {
    return this.frame.variables;
  }
  get random(): () => number {
    return this.frame.env.random;
  }
  get uuid(): () => string {
    return this.frame.env.uuid;
  }
}
