/**
 * What every state of one execution shares (frame.ts's ExecutionEnv), as a class: its lazy parts
 * are prototype getters, so making one per execution is a plain allocation (an object literal
 * with getters defines each accessor at run time).
 */
import type { Clock } from './clock.js';
import type { ExecutionContext, Identity } from './context.js';
import type { ExecutionEnv, Inspector } from './frame.js';
import type { HistoryLog } from './history-log.js';
import type { LazyAbort } from './abort.js';
import type { TaskResolver } from '../tasks/types.js';
import type { Runtime } from '../tasks/hub.js';
import type { ObjectStore } from '../objects/types.js';
import type { MapRunRecord } from './states/map-run.js';

/** What snapshot() must know of an execution; the token set is made when a task first waits on one. */
export class Activity {
  inFlight = 0;
  mapRuns = 0;
  private waited: Set<string> | undefined = undefined;

  get tokens(): Set<string> {
    return (this.waited ??= new Set());
  }
}

/** The parts of an env that are made on first use (most short executions never need them). */
export interface LazyParts {
  readonly stopper: LazyAbort;
  /** The execution's Runtime (given, or its own, made on first use). */
  readonly runtime: () => Runtime;
  /** A resumed execution's journal; undefined for a new one. */
  readonly journal: Map<string, string | number> | undefined;
}

export class Env implements ExecutionEnv {
  readonly activity = new Activity();
  readonly mapRuns: MapRunRecord[] = [];
  private readonly stopper: LazyAbort;
  private readonly hub: () => Runtime;
  private draws: Map<string, string | number> | undefined;

  constructor(
    readonly clock: Clock,
    readonly history: HistoryLog,
    readonly random: () => number,
    readonly uuid: () => string,
    readonly identity: Identity,
    readonly context: ExecutionContext,
    readonly resolvers: readonly TaskResolver[],
    readonly includeData: boolean,
    readonly inspect: Inspector | undefined,
    readonly objectStore: ObjectStore | undefined,
    lazy: LazyParts,
  ) {
    this.stopper = lazy.stopper;
    this.hub = lazy.runtime;
    this.draws = lazy.journal;
  }

  get runtime(): Runtime {
    return this.hub();
  }

  /** The execution's signal, made on first use (see LazyAbort). */
  get signal(): AbortSignal {
    return this.stopper.signal;
  }

  get journal(): Map<string, string | number> {
    return (this.draws ??= new Map());
  }
}
