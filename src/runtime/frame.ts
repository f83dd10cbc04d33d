import type { StateType } from '../definition/types.js';
import { abortFlag, LazyAbort, linkedAbort, type AbortFlag } from './abort.js';
import type { Clock } from './clock.js';
import type { MaybePromise } from './maybe.js';
import { StateVisit } from './visit.js';
import type { ContextObject, ExecutionContext, Identity } from './context.js';
import type { HistoryEventType } from './history.js';
import type { DetailsBuilder, HistoryLog, ThreadSlot } from './history-log.js';
import type { EvalScope } from '../query/scope.js';
import type { TaskResolver } from '../tasks/types.js';
import type { Runtime } from '../tasks/hub.js';
import type { ObjectStore } from '../objects/types.js';
import type { MapRunRecord } from './states/map-run.js';

/**
 * A value a state computes on its way, named as in AWS's TestState `InspectionData`:
 * `afterInputPath`, `afterParameters` (JSONPath) or `afterArguments` (JSONata), `result`,
 * `afterResultSelector`, `afterResultPath`; `errorOutput`, the `{ Error, Cause }` a catcher
 * received; Map's `afterItemsPath`, `afterItemSelector` (every iteration's input, in order),
 * `maxConcurrency`, `toleratedFailureCount`, `toleratedFailurePercentage`; and when the state
 * exits, `assigned` (the variables it set), `output` and `nextState`.
 */
export type InspectStep =
  | 'afterInputPath'
  | 'afterParameters'
  | 'afterArguments'
  | 'result'
  | 'afterResultSelector'
  | 'afterResultPath'
  | 'errorOutput'
  | 'afterItemsPath'
  | 'afterItemSelector'
  | 'maxConcurrency'
  | 'toleratedFailureCount'
  | 'toleratedFailurePercentage'
  | 'assigned'
  | 'output'
  | 'nextState';

/**
 * Receives each inspected value as the state computes it (`frame` says which thread and state).
 * Must not mutate `value`; what it throws is ignored.
 */
export type Inspector = (frame: Frame, step: InspectStep, value: unknown) => void;

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
  /** Draws from `random` and `uuid` by thread and draw number: a resumed run draws the same. */
  readonly journal: Map<string, string | number>;
  /** What snapshot() must know: handlers running, open Map Runs, tokens waited on. */
  readonly activity: { inFlight: number; mapRuns: number; readonly tokens: Set<string> };
  /** Sees the data flow of every state (TestState's inspectionData); absent in normal runs, where it costs one check. */
  readonly inspect?: Inspector | undefined;
  /** Where Distributed Maps read items and write results (the `objectStore` run option). */
  readonly objectStore: ObjectStore | undefined;
  /** The execution's Map Runs, for `execution.mapRuns`. */
  readonly mapRuns: MapRunRecord[];
}

/**
 * A state after compilation: everything that does not depend on data is already done. The run
 * loop's side of the protocol is described in states/common.ts.
 */
export interface CompiledState {
  readonly name: string;
  readonly type: StateType;
  run(input: unknown, frame: Frame): MaybePromise<Outcome>;
}

/**
 * Where a state leads. `target` is the next state itself when the state knows it (a linked
 * Transition); otherwise the run loop looks `next` up by name. `next` undefined: the thread ends.
 */
export interface Outcome {
  readonly output: unknown;
  readonly next: string | undefined;
  readonly target?: CompiledState | undefined;
}

/** A thread's one Outcome, filled by each state's exit(): a transition allocates none. */
export class ThreadOutcome implements Outcome {
  output: unknown = undefined;
  next: string | undefined = undefined;
  target: CompiledState | undefined = undefined;
}

/**
 * One thread of control: the top-level run, a Parallel branch or a Map iteration. Holds its
 * variable scope and the id of its last history event (for previousEventId).
 */
export class Frame implements ThreadSlot {
  lastEventId = 0;
  /** How many states this thread has entered: with the thread id, a stable id for each visit. */
  steps = 0;
  /** The state this thread is in (reused from state to state). */
  readonly visit = new StateVisit();
  private draws = 0;
  /** States run since this thread last gave the event loop a turn (reproducible clocks only). */
  pace = 0;
  /**
   * Payload quota bookkeeping (256 KiB): an upper bound of the JSON size of the value the current
   * state received, or -1 when unknown. Set by the run loop before each state.
   */
  inputBound = -1;
  /**
   * An upper bound of the JSON size of the value the data flow's last step produced, or -1 when
   * unknown. Set by the data flow (ResultPath/OutputPath writers), read by the state's exit,
   * which counts exactly only when this is unknown or above the quota.
   */
  outputBound = -1;
  /** Where the current state leads: exit() fills it, the run loop reads it at once. */
  readonly outcome = new ThreadOutcome();
  /** This thread's index in the history's thread table (HistoryLog ThreadSlot; -1 until its first event). */
  threadIndex = -1;
  /** True once `signal` has aborted: a plain field the run loop reads before every state. */
  readonly abort: AbortFlag;
  private reusable: FrameScope | undefined;

  /** A child's variable scope, made on first use (most Map iterations never touch it). */
  private ownVariables: Record<string, unknown> | undefined;
  /** The thread whose variables a child's scope inherits. */
  private parentFrame: Frame | undefined;

  constructor(
    readonly env: ExecutionEnv,
    /** Variables in scope (undefined: a child's, made from its parent's on first use). */
    variables: Record<string, unknown> | undefined,
    /** Aborted when this thread must stop: a signal, or a LazyAbort (the execution's, a group's; see {@link signal}). */
    private readonly stopper: AbortSignal | LazyAbort,
    /** Stable identity of this thread, e.g. `Par[1]/Map[3]`, for task invocation ids. */
    readonly threadId: string,
  ) {
    this.abort = stopper instanceof LazyAbort ? stopper : abortFlag(stopper);
    this.ownVariables = variables;
  }

  /** Variables in scope: a prototype chain, inner scopes inherit outer ones. */
  get variables(): Record<string, unknown> {
    return (this.ownVariables ??= Object.create(this.parentFrame!.variables) as Record<string, unknown>);
  }

  /**
   * Aborted when this thread must stop (execution stop, a sibling branch failed). Made on first
   * use when the stopper is a LazyAbort: to know whether the thread was stopped, read `abort.aborted`.
   */
  get signal(): AbortSignal {
    const s = this.stopper;
    return s instanceof LazyAbort ? s.signal : s;
  }

  /**
   * The stop of a group of child threads (a Parallel's branches, a Map's iterations): it stops
   * when this thread does and can be stopped on its own. Call `unlink` when the group is done.
   */
  childGroup(): { abort: LazyAbort; unlink: () => void } {
    return linkedAbort(this.stopper);
  }

  /** A child thread (branch or iteration) with its own variable scope, stopped by `stopper` (usually a {@link childGroup}). */
  child(stopper: AbortSignal | LazyAbort, threadId: string, lastEventId: number): Frame {
    const f = new Frame(this.env, undefined, stopper, threadId);
    f.parentFrame = this;
    f.lastEventId = lastEventId;
    return f;
  }

  /** Writes a history event for this thread (or replays the recorded one) and returns its id. */
  emit(type: HistoryEventType, details?: Record<string, unknown>): number {
    this.lastEventId = this.env.history.add(type, this.lastEventId, details, this);
    return this.lastEventId;
  }

  /** Writes a state's Entered/Exited event (name and payload only, built when read). */
  emitState(type: HistoryEventType, name: string, payload: unknown): number {
    this.lastEventId = this.env.history.addState(type, this.lastEventId, this, name, payload);
    return this.lastEventId;
  }

  /** Writes an event whose details `build(a, b)` makes when the history is read (HistoryLog.addBuilt). */
  emitWith<A, B>(type: HistoryEventType, build: DetailsBuilder<A, B>, a: A, b: B): number {
    this.lastEventId = this.env.history.addBuilt(type, this.lastEventId, this, build, a, b);
    return this.lastEventId;
  }

  /** The thread's time: the recorded time while it replays a snapshot, else the clock's. */
  now(): number {
    return this.env.history.replayTime(this.threadId) ?? this.env.clock.now();
  }

  /**
   * Waits until `deadline` (ms). A thread that replays a snapshot has already waited past it
   * (its recording goes on), so it does not wait again.
   */
  sleepUntil(deadline: number, signal: AbortSignal = this.signal): Promise<void> {
    if (this.env.history.replaying(this.threadId)) return Promise.resolve();
    const ms = Number.isFinite(deadline) ? deadline - this.env.clock.now() : 0;
    return ms > 0 ? this.env.clock.sleep(ms, signal) : signal.aborted ? Promise.reject(signal.reason) : Promise.resolve();
  }

  // Made on first use: most threads (Map iterations) never draw.
  private randomSource: (() => number) | undefined;
  private uuidSource: (() => string) | undefined;

  /** The execution's random source, journaled per thread. */
  get random(): () => number {
    return (this.randomSource ??= () => this.draw(this.env.random) as number);
  }

  /** The execution's id source, journaled per thread. */
  get uuid(): () => string {
    return (this.uuidSource ??= () => this.draw(this.env.uuid) as string);
  }

  private draw(source: () => string | number): string | number {
    const key = `${this.threadId}#${this.steps}.${this.draws++}`;
    const journal = this.env.journal;
    const known = journal.get(key);
    if (known !== undefined) return known;
    const value = source();
    journal.set(key, value);
    return value;
  }

  contextObject(): ContextObject {
    const v = this.visit;
    const c: Record<string, unknown> = {
      Execution: this.env.context.Execution,
      StateMachine: this.env.context.StateMachine,
      State:
        v.retryCount === undefined
          ? { Name: v.name, EnteredTime: v.enteredTime(this.env.history) }
          : { Name: v.name, EnteredTime: v.enteredTime(this.env.history), RetryCount: v.retryCount },
    };
    if (v.taskToken !== undefined) c.Task = { Token: v.taskToken };
    if (v.mapItem) c.Map = { Item: v.mapItem };
    return c as unknown as ContextObject;
  }

  /** An evaluation scope over `input`; the context object is built only if read. */
  scope(input: unknown): EvalScope {
    return new FrameScope(this, input);
  }

  /**
   * {@link scope} without an allocation: the thread's one scope, pointed at `input`. Only for a
   * synchronous evaluation that keeps no reference to it (JSONPath Choice rules).
   */
  transientScope(input: unknown): EvalScope {
    const s = (this.reusable ??= new FrameScope(this, undefined));
    s.reset(input);
    return s;
  }
}

class FrameScope implements EvalScope {
  private ctx: ContextObject | undefined;
  constructor(
    private readonly frame: Frame,
    public input: unknown,
  ) {}
  reset(input: unknown): void {
    this.input = input;
    this.ctx = undefined;
  }
  get context(): ContextObject {
    return (this.ctx ??= this.frame.contextObject());
  }
  get variables(): Readonly<Record<string, unknown>> {
    return this.frame.variables;
  }
  get random(): () => number {
    return this.frame.random;
  }
  get uuid(): () => string {
    return this.frame.uuid;
  }
  /** The execution's time (epoch ms), for JSONata's $now() and $millis(). */
  get now(): () => number {
    const frame = this.frame;
    return () => frame.now();
  }
}
