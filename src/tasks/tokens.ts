import { AslUsageError, StatesError } from '../errors.js';
import { bytesToBase64Url, hexToBytes } from '../web/base64.js';

/**
 * Errors of the callback API, named like AWS's SendTaskSuccess/Failure/Heartbeat errors so
 * code written against AWS can catch them by name.
 */
export class TaskTokenError extends Error {
  constructor(
    override readonly name: 'InvalidToken' | 'TaskDoesNotExist' | 'TaskTimedOut' | 'InvalidOutput',
    message: string,
  ) {
    super(message);
  }
}

const TOKEN = /^AQ[A-Za-z0-9_-]{20,}$/;

type Answer = { ok: true; value: unknown } | { ok: false; error: StatesError };

interface Entry {
  /** An answer that arrived before anyone waited (a fast consumer). */
  answer?: Answer;
  waiter?: { settle(a: Answer): void; heartbeat(): void };
}

/** Outcome of a finished token, remembered so a late answer gets the right error. */
type Finished = 'completed' | 'timedOut';

/** How many finished tokens a {@link TaskTokens} remembers by default (about 1.4 MB). */
export const DEFAULT_FINISHED_TOKEN_LIMIT = 10_000;

/** Options of {@link TaskTokens}. */
export interface TaskTokensOptions {
  /**
   * How many finished tokens to remember, so a late answer to one of them is refused with
   * `TaskTimedOut` when its task timed out. The oldest are forgotten first; a late answer to a
   * forgotten token gets `TaskDoesNotExist` (it is never accepted). Default
   * {@link DEFAULT_FINISHED_TOKEN_LIMIT}; 0 remembers none.
   */
  readonly finishedTokenLimit?: number;
}

/**
 * Task tokens of `.waitForTaskToken` tasks and activities: who is waiting on which token, and
 * the answers sent back with sendTaskSuccess / sendTaskFailure / sendTaskHeartbeat. A token is
 * live from the moment it is issued, so an answer may arrive before the task starts waiting.
 */
export class TaskTokens {
  private readonly live = new Map<string, Entry>();
  /** Recently finished tokens, oldest first (a Map keeps insertion order): a FIFO of bounded size. */
  private readonly finished = new Map<string, Finished>();
  private readonly finishedLimit: number;

  constructor(options: TaskTokensOptions = {}) {
    const limit = options.finishedTokenLimit ?? DEFAULT_FINISHED_TOKEN_LIMIT;
    if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 0) {
      throw new AslUsageError(`finishedTokenLimit must be a non-negative integer, got ${String(limit)}`);
    }
    this.finishedLimit = limit;
  }

  /** A new unguessable token built from the execution's id source. */
  static create(uuid: () => string): string {
    const hex = `${uuid()}${uuid()}${uuid()}`.replace(/[^0-9a-f]/gi, '');
    return 'AQ' + bytesToBase64Url(hexToBytes(hex.length % 2 ? hex + '0' : hex));
  }

  /** Makes `token` live: answers are accepted from now on. */
  issue(token: string): void {
    // Idempotent: a resumed execution issues its waiting tokens up front, then again when its
    // replay reaches the task; an answer that arrived in between must survive.
    if (!this.live.has(token)) this.live.set(token, {});
  }

  /** Retires a token that will not be waited on again (the attempt ended). */
  retire(token: string, how: Finished): void {
    if (!this.live.delete(token)) return;
    this.finished.delete(token); // re-issued and retired again: it becomes the newest
    if (this.finishedLimit === 0) return;
    this.finished.set(token, how);
    if (this.finished.size > this.finishedLimit) this.finished.delete(this.finished.keys().next().value!);
  }

  /** @internal How many tokens are live and how many finished ones are remembered. */
  sizes(): { live: number; finished: number } {
    return { live: this.live.size, finished: this.finished.size };
  }

  /** Waits for the answer to `token`. `onHeartbeat` is called for each heartbeat sent. */
  wait(token: string, onHeartbeat: () => void, signal: AbortSignal): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const entry = this.live.get(token) ?? {};
      this.live.set(token, entry);
      const settle = (a: Answer) => {
        this.retire(token, 'completed');
        signal.removeEventListener('abort', onAbort);
        if (a.ok) resolve(a.value);
        else reject(a.error);
      };
      const onAbort = () => {
        this.retire(token, signal.reason instanceof StatesError && /Timeout/.test(signal.reason.error) ? 'timedOut' : 'completed');
        reject(signal.reason);
      };
      if (entry.answer) return settle(entry.answer);
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      entry.waiter = { settle, heartbeat: onHeartbeat };
    });
  }

  /** SendTaskSuccess: completes the task with `output` (a JSON value or JSON text). */
  succeed(token: string, output: unknown): void {
    const entry = this.find(token);
    const value = typeof output === 'string' ? parseOutput(output) : output;
    this.answer(entry, { ok: true, value });
  }

  /** SendTaskFailure: fails the task with an error name and cause. */
  fail(token: string, error = '', cause = ''): void {
    this.answer(this.find(token), { ok: false, error: new StatesError(error, cause) });
  }

  /** SendTaskHeartbeat: restarts the task's HeartbeatSeconds timer. */
  heartbeat(token: string): void {
    this.find(token).waiter?.heartbeat();
  }

  private answer(entry: Entry, a: Answer): void {
    if (entry.waiter) entry.waiter.settle(a);
    else entry.answer ??= a;
  }

  private find(token: string): Entry {
    if (typeof token !== 'string' || !TOKEN.test(token)) throw new TaskTokenError('InvalidToken', 'Invalid token: it is not a task token this runtime issued.');
    const entry = this.live.get(token);
    if (entry && !entry.answer) return entry;
    if (this.finished.get(token) === 'timedOut') throw new TaskTokenError('TaskTimedOut', 'Task timed out: the task for this token already timed out.');
    throw new TaskTokenError('TaskDoesNotExist', 'Task does not exist: no task is waiting for this token (it was never issued here or is already complete).');
  }
}

function parseOutput(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new TaskTokenError('InvalidOutput', 'Invalid output: the output is not valid JSON text.');
  }
}
