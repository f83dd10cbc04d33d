import type { HistoryEvent } from './history.js';

/** The version tag of the snapshot format this build writes and reads. */
export const SNAPSHOT_FORMAT = 'asl-runtime/snapshot@1';

/**
 * A JSON-serialisable picture of an execution at a moment it was waiting (a Wait, a callback
 * or activity, a retry backoff — anywhere in Parallel branches and Map iterations).
 * `StateMachine.resume(snapshot)` continues it in any process: it replays the recorded history
 * (task results included, no handler is called again) and goes on from the waiting points.
 */
export interface ExecutionSnapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  /** SHA-256 of the definition's canonical JSON: resuming against another definition is refused. */
  readonly definitionHash: string;
  readonly executionArn: string;
  readonly name: string;
  /** ISO-8601 start time of the execution. */
  readonly startTime: string;
  readonly input: unknown;
  /** Identity fields the execution was started with (region, account, machine name, role). */
  readonly context: Readonly<Record<string, unknown>>;
  /** Every history event so far. */
  readonly events: readonly HistoryEvent[];
  /** For each event, the thread that wrote it (`''` is the top level; e.g. `Par[0][1]/`). */
  readonly threads: readonly string[];
  /** Values drawn from the random and id sources, by thread and draw number, so a replay draws the same. */
  readonly journal: Readonly<Record<string, string | number>>;
  /** Task tokens the execution is waiting on (callbacks and activities). */
  readonly taskTokens: readonly string[];
  /**
   * Increases every time the execution writes history: a store compares it to refuse a stale
   * save (two processes that resumed the same snapshot).
   */
  readonly version: number;
}
