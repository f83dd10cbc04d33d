/** One activity task handed to a worker: its token and input, as GetActivityTask returns them. */
export interface ActivityTask {
  readonly taskToken: string;
  /** The task input (already parsed JSON). */
  readonly input: unknown;
}

interface Queued {
  readonly task: ActivityTask;
  /** Called when a worker takes the task (for the ActivityStarted event). */
  readonly onStarted: (workerName: string | undefined) => void;
}

interface Waiter {
  readonly workerName: string | undefined;
  /** Hands the worker a task (and drops its abort listener). */
  readonly deliver: (task: ActivityTask) => void;
}

/**
 * Activity queues: Task states with an activity ARN enqueue work; workers take it with
 * `getActivityTask` (first come, first served) and answer through the task token.
 *
 * A withdrawn task (its execution stopped, failed or timed out) leaves its queue at once: a
 * queued task holds its execution's callbacks, so on a shared Runtime a task left behind would
 * keep the whole execution in memory until a worker polled that activity.
 */
export class ActivityQueues {
  /** Tasks per activity ARN, oldest first (a Set: withdrawal is O(1) and keeps the order). */
  private readonly queues = new Map<string, Set<Queued>>();
  private readonly waiters = new Map<string, Waiter[]>();

  /** Enqueues a task; returns a function that withdraws it if no worker has taken it yet. */
  enqueue(activityArn: string, task: ActivityTask, onStarted: (workerName: string | undefined) => void): () => void {
    const w = this.nextWaiter(activityArn);
    if (w) {
      onStarted(w.workerName);
      w.deliver(task);
      return () => {};
    }
    const q: Queued = { task, onStarted };
    let queue = this.queues.get(activityArn);
    if (!queue) this.queues.set(activityArn, (queue = new Set()));
    queue.add(q);
    return () => {
      if (queue.delete(q) && queue.size === 0 && this.queues.get(activityArn) === queue) this.queues.delete(activityArn);
    };
  }

  /**
   * Waits until a task for `activityArn` is available and takes it. Resolves undefined when
   * `signal` aborts first (AWS returns an empty response after its poll times out).
   */
  take(activityArn: string, options: { workerName?: string; signal?: AbortSignal } = {}): Promise<ActivityTask | undefined> {
    const queue = this.queues.get(activityArn);
    const first = queue?.values().next();
    if (queue && first && !first.done) {
      const q = first.value;
      queue.delete(q);
      if (queue.size === 0) this.queues.delete(activityArn);
      q.onStarted(options.workerName);
      return Promise.resolve(q.task);
    }
    const signal = options.signal;
    if (signal?.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const onAbort = () => {
        this.removeWaiter(activityArn, waiter);
        resolve(undefined);
      };
      const waiter: Waiter = {
        workerName: options.workerName,
        deliver: (task) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(task);
        },
      };
      const waiting = this.waiters.get(activityArn);
      if (waiting) waiting.push(waiter);
      else this.waiters.set(activityArn, [waiter]);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * @internal How many tasks wait for a worker (of one activity, or of all), and how many
   * workers wait for a task: what the queues still hold, for tests and diagnostics.
   */
  sizes(activityArn?: string): { tasks: number; workers: number } {
    if (activityArn !== undefined) {
      return { tasks: this.queues.get(activityArn)?.size ?? 0, workers: this.waiters.get(activityArn)?.length ?? 0 };
    }
    let tasks = 0;
    let workers = 0;
    for (const q of this.queues.values()) tasks += q.size;
    for (const w of this.waiters.values()) workers += w.length;
    return { tasks, workers };
  }

  private nextWaiter(activityArn: string): Waiter | undefined {
    const waiting = this.waiters.get(activityArn);
    const w = waiting?.shift();
    if (waiting?.length === 0) this.waiters.delete(activityArn);
    return w;
  }

  private removeWaiter(activityArn: string, waiter: Waiter): void {
    const waiting = this.waiters.get(activityArn);
    if (!waiting) return;
    const i = waiting.indexOf(waiter);
    if (i >= 0) waiting.splice(i, 1);
    if (waiting.length === 0) this.waiters.delete(activityArn);
  }
}
