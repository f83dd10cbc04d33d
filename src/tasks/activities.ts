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
  cancelled: boolean;
}

interface Waiter {
  readonly workerName: string | undefined;
  readonly resolve: (task: ActivityTask | undefined) => void;
}

/**
 * Activity queues: Task states with an activity ARN enqueue work; workers take it with
 * `getActivityTask` (first come, first served) and answer through the task token.
 */
export class ActivityQueues {
  private readonly queues = new Map<string, Queued[]>();
  private readonly waiters = new Map<string, Waiter[]>();

  /** Enqueues a task; returns a function that withdraws it if no worker has taken it yet. */
  enqueue(activityArn: string, task: ActivityTask, onStarted: (workerName: string | undefined) => void): () => void {
    const q: Queued = { task, onStarted, cancelled: false };
    const waiting = this.waiters.get(activityArn);
    const w = waiting?.shift();
    if (w) {
      onStarted(w.workerName);
      w.resolve(task);
      return () => {};
    }
    const list = this.queues.get(activityArn) ?? [];
    list.push(q);
    this.queues.set(activityArn, list);
    return () => {
      q.cancelled = true;
    };
  }

  /**
   * Waits until a task for `activityArn` is available and takes it. Resolves undefined when
   * `signal` aborts first (AWS returns an empty response after its poll times out).
   */
  take(activityArn: string, options: { workerName?: string; signal?: AbortSignal } = {}): Promise<ActivityTask | undefined> {
    const list = this.queues.get(activityArn);
    while (list?.length) {
      const q = list.shift()!;
      if (q.cancelled) continue;
      q.onStarted(options.workerName);
      return Promise.resolve(q.task);
    }
    return new Promise((resolve) => {
      if (options.signal?.aborted) return resolve(undefined);
      const waiter: Waiter = { workerName: options.workerName, resolve };
      const waiting = this.waiters.get(activityArn) ?? [];
      waiting.push(waiter);
      this.waiters.set(activityArn, waiting);
      options.signal?.addEventListener(
        'abort',
        () => {
          const i = waiting.indexOf(waiter);
          if (i >= 0) waiting.splice(i, 1);
          resolve(undefined);
        },
        { once: true },
      );
    });
  }
}
