import { AslUsageError } from '../errors.js';
import { HISTORY_EVENT_TYPES, type HistoryEvent } from './history.js';
import { isObject } from '../validate/diagnostics.js';

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

/** `StateMachine.resume()` was given something that is not an intact snapshot of this machine. */
export class InvalidSnapshotError extends AslUsageError {
  override readonly name: string = 'InvalidSnapshotError';
}

const EVENT_TYPES: ReadonlySet<string> = new Set(HISTORY_EVENT_TYPES);

/**
 * Checks a snapshot before anything runs from it, so damage is reported by `resume()` as a
 * typed error instead of surfacing later inside the execution.
 * @throws InvalidSnapshotError
 */
export function checkSnapshot(s: unknown, definitionHash: string): asserts s is ExecutionSnapshot {
  const fail = (what: string): never => {
    throw new InvalidSnapshotError(`The snapshot is damaged: ${what}.`);
  };
  if (!isObject(s) || s.format !== SNAPSHOT_FORMAT) {
    throw new InvalidSnapshotError(`Not an execution snapshot: expected format '${SNAPSHOT_FORMAT}'.`);
  }
  if (s.definitionHash !== definitionHash) {
    throw new InvalidSnapshotError('The snapshot was taken against a different definition; resume it with the machine it came from.');
  }
  if (typeof s.executionArn !== 'string' || typeof s.name !== 'string') fail('executionArn and name must be strings');
  if (typeof s.startTime !== 'string' || !Number.isFinite(Date.parse(s.startTime))) fail('startTime is not an ISO-8601 date');
  if (!isObject(s.context)) fail('context is not an object');
  if (!isObject(s.journal) || !Object.values(s.journal).every((v) => typeof v === 'string' || typeof v === 'number')) {
    fail('journal must map keys to strings or numbers');
  }
  if (!Array.isArray(s.taskTokens) || !s.taskTokens.every((t) => typeof t === 'string')) fail('taskTokens must be a list of strings');
  if (!Number.isInteger(s.version)) fail('version is not an integer');
  const events = s.events;
  const threads = s.threads;
  if (!Array.isArray(events) || !Array.isArray(threads) || events.length !== threads.length) return fail('events and threads do not match');
  (threads as unknown[]).forEach((t, i) => typeof t === 'string' || fail(`thread of event #${i + 1} is not a string`));
  (events as unknown[]).forEach((e, i) => {
    const at = `event #${i + 1}`;
    if (!isObject(e) || e.id !== i + 1) return fail(`${at} is missing or out of order`);
    if (typeof e.type !== 'string' || !EVENT_TYPES.has(e.type)) return fail(`${at} has an unknown type ${JSON.stringify(e.type)}`);
    if (!Number.isInteger(e.previousEventId) || (e.previousEventId as number) < 0 || (e.previousEventId as number) > i) {
      return fail(`${at} has an invalid previousEventId`);
    }
    if (typeof e.timestamp !== 'string' || !Number.isFinite(Date.parse(e.timestamp))) return fail(`${at} has an invalid timestamp`);
    return undefined;
  });
  if (events.length === 0 || (events[0] as HistoryEvent).type !== 'ExecutionStarted') fail('the first event is not ExecutionStarted');
}
