/**
 * What happened in an execution, per state run: built from the history events alone, following
 * `previousEventId` links so that runs inside Map iterations and Parallel branches (which AWS
 * writes interleaved) are told apart.
 */
import type { TraceEvent } from './history.js';

/** How one run of a state ended. */
export type RunStatus = 'succeeded' | 'caught' | 'failed' | 'aborted' | 'running';

/** An error a state raised: a retried attempt, or the failure that was caught or failed it. */
export interface RunError {
  readonly error?: string;
  readonly cause?: string;
  /** Epoch milliseconds. */
  readonly time: number;
}

/** One Map iteration, from the MapIteration… events. */
export interface MapIteration {
  readonly index: number;
  status: 'succeeded' | 'failed' | 'aborted' | 'running';
  readonly start: number;
  end?: number;
}

/** One run of a state: from its …StateEntered event to its …StateExited (or to its failure). */
export interface StateRun {
  /** Position in {@link ExecutionTrace.runs}. */
  readonly id: number;
  readonly name: string;
  /** State type, from the entered event (`TaskStateEntered` → `Task`). */
  readonly type: string;
  readonly enteredEventId: number;
  exitedEventId?: number;
  readonly start: number;
  /** Time of the run's last event. */
  end: number;
  readonly input?: string;
  output?: string;
  status: RunStatus;
  /** The error that was caught or that failed the run. */
  failure?: RunError;
  /** Failed attempts that Retry answered, in order. */
  readonly retries: RunError[];
  /** The Map or Parallel run it ran inside, and which iteration or branch. */
  readonly parent?: { readonly run: number; readonly iteration?: number; readonly branch?: number };
  /** For a Map run: its iterations by index. */
  readonly iterations: MapIteration[];
  /** Failed, but an enclosing Parallel or Map was retried and ran it again. */
  retriedAbove?: boolean;
}

/** One followed transition: the state `to` was entered after `from` exited, in the same scope. */
export interface Transition {
  readonly from: string;
  readonly to: string;
  /** The `from` run was caught, so a Catch took this transition. */
  readonly caught: boolean;
}

/** The whole execution as the viewer shows it. */
export interface ExecutionTrace {
  readonly status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'RUNNING';
  readonly start: number;
  readonly end: number;
  readonly input?: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly runs: readonly StateRun[];
  readonly transitions: readonly Transition[];
  readonly events: readonly TraceEvent[];
  /** For each event id, the run it belongs to (state events and the task events inside a state). */
  readonly eventRun: ReadonlyMap<number, number>;
}

/** A place states run in: the top level, a Map iteration or a Parallel branch. */
interface Scope {
  readonly owner?: MutableRun;
  readonly iteration?: number;
  readonly branch?: number;
  lastExited?: MutableRun;
}

interface MutableRun extends StateRun {
  readonly scope: Scope;
  pending?: RunError;
  /** How many times a Parallel or Map started its branches (more than once: retried). */
  starts?: number;
}

interface Frame {
  readonly scope: Scope;
  readonly run?: MutableRun;
}

const ATTEMPT_STARTS = new Set(['TaskScheduled', 'LambdaFunctionScheduled', 'ActivityScheduled', 'MapStateStarted', 'ParallelStateStarted']);
const ABORTS = new Set(['TaskStateAborted', 'WaitStateAborted', 'MapStateAborted', 'ParallelStateAborted']);
const TERMINAL: Record<string, ExecutionTrace['status']> = {
  ExecutionSucceeded: 'SUCCEEDED',
  ExecutionFailed: 'FAILED',
  ExecutionTimedOut: 'TIMED_OUT',
  ExecutionAborted: 'ABORTED',
};

/**
 * Builds the trace of `events`. `branchOf` tells which Parallel branch a state name belongs to
 * (from the definition); events of states it does not know are still traced.
 */
export function traceExecution(events: readonly TraceEvent[], branchOf: (name: string) => number | undefined): ExecutionTrace {
  const root: Scope = {};
  const frames = new Map<number, Frame>();
  const runs: MutableRun[] = [];
  const transitions: Transition[] = [];
  const eventRun = new Map<number, number>();
  const byId = new Map(events.map((e) => [e.id, e]));
  let status: ExecutionTrace['status'] = 'RUNNING';
  let input: string | undefined;
  let output: string | undefined;
  let error: string | undefined;
  let cause: string | undefined;

  for (const e of events) {
    const prev = frames.get(e.previousEventId) ?? { scope: root };
    const d = e.details ?? {};
    const name = typeof d.name === 'string' ? d.name : undefined;
    let frame: Frame = prev;
    // The run this event belongs to (an exited run's frame no longer holds it).
    let owner: MutableRun | undefined = prev.run;

    if (e.type.endsWith('StateEntered') && name !== undefined) {
      const scope = scopeAfter(byId.get(e.previousEventId), prev, name, branchOf) ?? prev.scope;
      const run: MutableRun = {
        id: runs.length,
        name,
        type: e.type.slice(0, -'StateEntered'.length),
        enteredEventId: e.id,
        start: e.time,
        end: e.time,
        ...(typeof d.input === 'string' ? { input: d.input } : {}),
        status: e.type === 'FailStateEntered' ? 'failed' : 'running',
        retries: [],
        iterations: [],
        scope,
        ...(scope.owner ? { parent: { run: scope.owner.id, ...(scope.iteration !== undefined ? { iteration: scope.iteration } : {}), ...(scope.branch !== undefined ? { branch: scope.branch } : {}) } } : {}),
      };
      runs.push(run);
      if (scope.lastExited) transitions.push({ from: scope.lastExited.name, to: name, caught: scope.lastExited.status === 'caught' });
      frame = { scope, run };
      owner = run;
    } else if (e.type.endsWith('StateExited') && name !== undefined) {
      const run = enclosing(prev, (r) => r.name === name) ?? [...runs].reverse().find((r) => r.name === name && r.exitedEventId === undefined);
      if (run) {
        run.exitedEventId = e.id;
        if (typeof d.output === 'string') run.output = d.output;
        run.status = run.pending ? 'caught' : 'succeeded';
        if (run.pending) run.failure = run.pending;
        run.pending = undefined;
        run.scope.lastExited = run;
        frame = { scope: run.scope };
      }
      owner = run;
    } else if (e.type.startsWith('MapIteration') && name !== undefined) {
      const map = enclosing(prev, (r) => r.name === name);
      if (map) {
        iterationEvent(map, e);
        frame = { scope: map.scope, run: map };
      }
      owner = map;
    } else if (e.type.startsWith('MapState') || e.type.startsWith('ParallelState') || e.type.startsWith('MapRun')) {
      // Their previous event may lie inside the last iteration or branch: climb to the state.
      const type = e.type.startsWith('ParallelState') ? 'Parallel' : 'Map';
      owner = enclosing(prev, (r) => r.type === type);
      if (owner) frame = { scope: owner.scope, run: owner };
    } else if (e.type in TERMINAL) {
      status = TERMINAL[e.type]!;
      frame = { scope: root };
      owner = undefined;
      if (typeof d.output === 'string') output = d.output;
      if (typeof d.error === 'string') error = d.error;
      if (typeof d.cause === 'string') cause = d.cause;
    } else if (e.type === 'ExecutionStarted') {
      frame = { scope: root };
      owner = undefined;
      if (typeof d.input === 'string') input = d.input;
    }

    const run = owner;
    if (run && (e.type === 'ParallelStateStarted' || e.type === 'MapStateStarted')) {
      run.starts = (run.starts ?? 0) + 1;
      if (run.starts > 1) retryNested(run, runs);
    }
    if (run) {
      eventRun.set(e.id, run.id);
      if (e.time > run.end || Number.isNaN(run.end)) run.end = e.time;
      if (run.exitedEventId === undefined || run.exitedEventId === e.id) applyAttemptEvent(run, e, d);
    }
    frames.set(e.id, frame);
  }

  const end = events.length > 0 ? events[events.length - 1]!.time : Number.NaN;
  for (const run of runs) {
    settle(run, status);
    // A top-level Fail state's error is the execution's.
    if (run.type === 'Fail' && !run.parent && !run.failure && status === 'FAILED') run.failure = { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}), time: run.start };
  }
  return {
    status,
    start: events[0]?.time ?? Number.NaN,
    end,
    ...(input !== undefined ? { input } : {}),
    ...(output !== undefined ? { output } : {}),
    ...(error !== undefined ? { error } : {}),
    ...(cause !== undefined ? { cause } : {}),
    runs: runs.map(publicRun),
    transitions,
    events,
    eventRun,
  };
}

/** The scope a state entered right after `previous` runs in, when `previous` opens one. */
function scopeAfter(previous: TraceEvent | undefined, prev: Frame, name: string, branchOf: (name: string) => number | undefined): Scope | undefined {
  if (!previous || !prev.run) return undefined;
  if (previous.type === 'MapIterationStarted') {
    const index = previous.details?.index;
    return { owner: prev.run, ...(typeof index === 'number' ? { iteration: index } : {}) };
  }
  if (previous.type === 'ParallelStateStarted') {
    const branch = branchOf(name);
    return { owner: prev.run, ...(branch !== undefined ? { branch } : {}) };
  }
  return undefined;
}

/** The innermost run, from the frame's own run outwards, that `match` accepts. */
function enclosing(frame: Frame, match: (run: MutableRun) => boolean): MutableRun | undefined {
  let run = frame.run ?? frame.scope.owner;
  while (run) {
    if (match(run)) return run;
    run = run.scope.owner;
  }
  return undefined;
}

function iterationEvent(map: MutableRun, e: TraceEvent): void {
  const index = e.details?.index;
  if (typeof index !== 'number') return;
  let it = map.iterations.find((i) => i.index === index);
  if (!it) {
    it = { index, status: 'running', start: e.time };
    map.iterations.push(it);
  }
  if (e.type === 'MapIterationSucceeded') it.status = 'succeeded';
  else if (e.type === 'MapIterationFailed') it.status = 'failed';
  else if (e.type === 'MapIterationAborted') it.status = 'aborted';
  if (e.type !== 'MapIterationStarted') it.end = e.time;
}

/**
 * A Parallel or Map starts again: Retry answered a failure of its last attempt. AWS may not
 * write a …StateFailed first, so the error is taken from the nested run that failed, and the
 * nested runs the attempt left unfinished are marked as retried from above.
 */
function retryNested(run: MutableRun, runs: readonly MutableRun[]): void {
  const inside = runs.filter((r) => r !== run && within(r, run) && r.exitedEventId === undefined);
  for (const r of inside) r.retriedAbove = true;
  if (run.pending) return; // applyAttemptEvent records it
  const failed = inside.find((r) => r.pending ?? r.failure);
  const error = failed?.pending ?? failed?.failure;
  run.retries.push(error ?? { time: failed?.end ?? run.end });
}

function within(run: MutableRun, ancestor: MutableRun): boolean {
  for (let owner = run.scope.owner; owner; owner = owner.scope.owner) if (owner === ancestor) return true;
  return false;
}

/** Failures, retries and aborts of the run `e` belongs to. */
function applyAttemptEvent(run: MutableRun, e: TraceEvent, d: Readonly<Record<string, unknown>>): void {
  if (ATTEMPT_STARTS.has(e.type) && run.pending) {
    // A failed attempt followed by a new one: Retry answered it.
    run.retries.push(run.pending);
    run.pending = undefined;
  } else if (isFailure(e.type) && !e.type.startsWith('MapIteration')) {
    run.pending = {
      ...(typeof d.error === 'string' ? { error: d.error } : {}),
      ...(typeof d.cause === 'string' ? { cause: d.cause } : {}),
      time: e.time,
    };
  } else if (ABORTS.has(e.type)) {
    run.status = 'aborted';
  }
}

function isFailure(type: string): boolean {
  return type.endsWith('Failed') || type.endsWith('TimedOut');
}

/** Final status of a run the history leaves open. */
function settle(run: MutableRun, execution: ExecutionTrace['status']): void {
  if (run.status !== 'running' && run.status !== 'failed') return;
  if (run.pending) {
    run.status = 'failed';
    run.failure = run.pending;
  } else if (run.status === 'running' && execution !== 'RUNNING') {
    // Still open when the execution ended: stopped, timed out or cancelled by a failing sibling.
    run.status = 'aborted';
  }
}

function publicRun(run: MutableRun): StateRun {
  const { scope: _scope, pending: _pending, starts: _starts, ...rest } = run;
  return rest;
}
