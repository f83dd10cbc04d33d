/** Typed errors of resuming snapshots. */
import { AslUsageError } from '../errors.js';

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
