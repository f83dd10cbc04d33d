// Activity tasks on a shared Runtime (findings D10): a task whose execution stopped, failed or
// timed out leaves the queue at once instead of waiting there for a worker. AWS "Activities in
// Step Functions": a worker polling GetActivityTask gets only tasks that are still scheduled.
import { describe, expect, it } from 'vitest';
import { Runtime, StateMachine, VirtualClock } from '../../src/index.js';

const REVIEW = 'arn:aws:states:us-east-1:123456789012:activity:review';
const OTHER = 'arn:aws:states:us-east-1:123456789012:activity:other';

const single = (task: object = {}) => new StateMachine({ StartAt: 'A', States: { A: { Type: 'Task', Resource: REVIEW, ...task, End: true } } });

/** Lets every pending microtask and immediate run (executions reach their activity tasks). */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((res) => setImmediate(res));
}

describe('activity queues on a shared Runtime', () => {
  it('drop the tasks of stopped executions at once', async () => {
    const runtime = new Runtime();
    const executions = Array.from({ length: 50 }, (_, i) => single().start({ i }, { runtime }));
    await settle();
    expect(runtime.activities.sizes(REVIEW)).toEqual({ tasks: 50, workers: 0 });
    for (const e of executions) e.stop();
    for (const e of executions) expect((await e.result).status).toBe('ABORTED');
    expect(runtime.activities.sizes()).toEqual({ tasks: 0, workers: 0 });
  });

  it('drop the task of an execution whose task timed out (TimeoutSeconds)', async () => {
    const runtime = new Runtime();
    const clock = new VirtualClock();
    const e = single({ TimeoutSeconds: 60 }).start({}, { runtime, clock });
    await settle();
    expect(runtime.activities.sizes(REVIEW).tasks).toBe(1);
    await clock.advance(60_000);
    expect(await e.result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(runtime.activities.sizes()).toEqual({ tasks: 0, workers: 0 });
  });

  it('drop the task of an execution that timed out as a whole', async () => {
    const runtime = new Runtime();
    const machine = new StateMachine({ TimeoutSeconds: 30, StartAt: 'A', States: { A: { Type: 'Task', Resource: REVIEW, End: true } } });
    const clock = new VirtualClock();
    const e = machine.start({}, { runtime, clock });
    await settle();
    expect(runtime.activities.sizes(REVIEW).tasks).toBe(1);
    await clock.advance(30_000);
    expect(await e.result).toMatchObject({ status: 'TIMED_OUT' });
    expect(runtime.activities.sizes()).toEqual({ tasks: 0, workers: 0 });
  });

  it('drop the task of a parallel branch when its sibling fails the state', async () => {
    const runtime = new Runtime();
    const machine = new StateMachine({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Wait', States: { Wait: { Type: 'Task', Resource: REVIEW, End: true } } },
            { StartAt: 'Other', States: { Other: { Type: 'Task', Resource: OTHER, End: true } } },
          ],
          End: true,
        },
      },
    });
    const e = machine.start({}, { runtime });
    const task = await runtime.getActivityTask(OTHER);
    runtime.sendTaskFailure(task!.taskToken, 'Other.Failed', 'no');
    expect(await e.result).toMatchObject({ status: 'FAILED', error: 'Other.Failed' });
    expect(runtime.activities.sizes()).toEqual({ tasks: 0, workers: 0 });
  });

  it('keep first-come order for the tasks that remain', async () => {
    const runtime = new Runtime();
    const [first, second, third] = [1, 2, 3].map((n) => single({ Parameters: { n } }).start({}, { runtime }));
    await settle();
    second!.stop();
    await second!.result;
    expect(runtime.activities.sizes(REVIEW).tasks).toBe(2);
    const a = await runtime.getActivityTask(REVIEW);
    const b = await runtime.getActivityTask(REVIEW);
    expect([a?.input, b?.input]).toEqual([{ n: 1 }, { n: 3 }]);
    runtime.sendTaskSuccess(a!.taskToken, {});
    runtime.sendTaskSuccess(b!.taskToken, {});
    expect((await first!.result).status).toBe('SUCCEEDED');
    expect((await third!.result).status).toBe('SUCCEEDED');
    expect(runtime.activities.sizes()).toEqual({ tasks: 0, workers: 0 });
  });

  it('forget a worker whose poll was aborted, and one that got a task', async () => {
    const runtime = new Runtime();
    const ac = new AbortController();
    const idle = runtime.getActivityTask(REVIEW, { signal: ac.signal });
    const served = runtime.getActivityTask(OTHER, { signal: new AbortController().signal });
    expect(runtime.activities.sizes()).toEqual({ tasks: 0, workers: 2 });
    ac.abort();
    expect(await idle).toBeUndefined();
    const e = new StateMachine({ StartAt: 'A', States: { A: { Type: 'Task', Resource: OTHER, End: true } } }).start({}, { runtime });
    const task = await served;
    runtime.sendTaskSuccess(task!.taskToken, { ok: true });
    expect(await e.result).toEqual({ status: 'SUCCEEDED', output: { ok: true } });
    expect(runtime.activities.sizes()).toEqual({ tasks: 0, workers: 0 });
  });
});
