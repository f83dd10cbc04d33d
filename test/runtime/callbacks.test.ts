import { describe, expect, it } from 'vitest';
import { Runtime, StateMachine, TaskTokenError, VirtualClock, type TaskContext } from '../../src/index.js';

const callbackMachine = (extra: object = {}) =>
  new StateMachine({
    StartAt: 'Approve',
    States: {
      Approve: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        Parameters: { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token', 'order.$': '$.order' } },
        ...extra,
        End: true,
      },
    },
  });

/** Captures the token the "service call" received, as an SQS consumer would. */
function inbox() {
  let resolveToken!: (t: string) => void;
  const token = new Promise<string>((r) => (resolveToken = r));
  const handlers = {
    'arn:aws:states:::sqs:sendMessage.waitForTaskToken': (input: { MessageBody: { token: string } }, ctx: TaskContext) => {
      expect(ctx.taskToken).toBe(input.MessageBody.token);
      resolveToken(input.MessageBody.token);
      return { MessageId: 'm-1' };
    },
  };
  return { token, handlers };
}

// AWS "Wait for a Callback with Task Token".
describe('.waitForTaskToken', () => {
  it('waits for sendTaskSuccess and uses its output as the task result', async () => {
    const { token, handlers } = inbox();
    const e = callbackMachine().start({ order: 1 }, { handlers });
    e.sendTaskSuccess(await token, JSON.stringify({ approved: true }));
    expect(await e.result).toEqual({ status: 'SUCCEEDED', output: { approved: true } });
    expect(e.history.map((x) => x.type)).toEqual([
      'ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded',
    ]);
    expect(e.history.find((x) => x.type === 'TaskSubmitted')!.taskSubmittedEventDetails).toMatchObject({ output: '{"MessageId":"m-1"}' });
  });

  it('fails the task with sendTaskFailure, which Catch can match', async () => {
    const { token, handlers } = inbox();
    const e = callbackMachine().start({ order: 1 }, { handlers });
    e.sendTaskFailure(await token, 'Rejected', 'manager said no');
    expect(await e.result).toEqual({ status: 'FAILED', error: 'Rejected', cause: 'manager said no' });
  });

  it('finds the execution by token through a shared Runtime', async () => {
    const runtime = new Runtime();
    const { token, handlers } = inbox();
    const e = callbackMachine().start({ order: 1 }, { handlers, runtime });
    runtime.sendTaskSuccess(await token, { ok: 1 });
    expect((await e.result).output).toEqual({ ok: 1 });
  });

  it('HeartbeatSeconds fails with States.HeartbeatTimeout when no heartbeat arrives in time', async () => {
    const clock = new VirtualClock('2024-01-01T00:00:00Z');
    const { token, handlers } = inbox();
    const e = callbackMachine({ HeartbeatSeconds: 60 }).start({ order: 1 }, { handlers, clock });
    const t = await token;
    await clock.advance(50_000);
    e.sendTaskHeartbeat(t);
    await clock.advance(50_000);
    expect(e.status).toBe('RUNNING');
    await clock.advance(20_000);
    expect(await e.result).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    expect(e.history.map((x) => x.type)).toContain('TaskTimedOut');
    // A late answer is refused with AWS's error name.
    expect(() => e.sendTaskSuccess(t, {})).toThrow(expect.objectContaining({ name: 'TaskTimedOut' }));
  });

  it('TimeoutSeconds fails with States.Timeout', async () => {
    const clock = new VirtualClock();
    const { token, handlers } = inbox();
    const e = callbackMachine({ TimeoutSeconds: 300 }).start({ order: 1 }, { handlers, clock });
    await token;
    await clock.advance(300_000);
    expect(await e.result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });

  it('stop() while waiting releases the token', async () => {
    const { token, handlers } = inbox();
    const e = callbackMachine().start({ order: 1 }, { handlers });
    const t = await token;
    e.stop();
    expect((await e.result).status).toBe('ABORTED');
    expect(() => e.sendTaskSuccess(t, {})).toThrow(TaskTokenError);
  });

  it('rejects malformed and unknown tokens with typed errors', () => {
    const runtime = new Runtime();
    expect(() => runtime.sendTaskSuccess('nonsense', {})).toThrow(expect.objectContaining({ name: 'InvalidToken' }));
    expect(() => runtime.sendTaskSuccess('AQ' + 'a'.repeat(40), {})).toThrow(expect.objectContaining({ name: 'TaskDoesNotExist' }));
  });

  it('rejects output that is not JSON text', async () => {
    const { token, handlers } = inbox();
    const e = callbackMachine().start({ order: 1 }, { handlers });
    const t = await token;
    expect(() => e.sendTaskSuccess(t, '{not json')).toThrow(expect.objectContaining({ name: 'InvalidOutput' }));
    e.stop();
    await e.result;
  });
});

// AWS "Activities in Step Functions".
describe('Activities', () => {
  const arn = 'arn:aws:states:us-east-1:123456789012:activity:review';
  const machine = new StateMachine({
    StartAt: 'Par',
    States: {
      Par: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'A', States: { A: { Type: 'Task', Resource: arn, Parameters: { 'n.$': '$.a' }, End: true } } },
          { StartAt: 'B', States: { B: { Type: 'Task', Resource: arn, Parameters: { 'n.$': '$.b' }, End: true } } },
        ],
        End: true,
      },
    },
  });

  it('two workers take one task each and answer through the token', async () => {
    const runtime = new Runtime();
    const e = machine.start({ a: 1, b: 2 }, { runtime });
    const worker = async (name: string) => {
      const task = await runtime.getActivityTask(arn, { workerName: name });
      runtime.sendTaskSuccess(task!.taskToken, { doubled: (task!.input as { n: number }).n * 2, by: name });
    };
    await Promise.all([worker('w1'), worker('w2')]);
    const r = await e.result;
    expect(r.status).toBe('SUCCEEDED');
    expect((r.output as { doubled: number }[]).map((o) => o.doubled)).toEqual([2, 4]);
    const types = e.history.map((x) => x.type);
    expect(types.filter((t) => t === 'ActivityScheduled')).toHaveLength(2);
    expect(types.filter((t) => t === 'ActivityStarted')).toHaveLength(2);
    expect(types.filter((t) => t === 'ActivitySucceeded')).toHaveLength(2);
    const started = e.history.filter((x) => x.type === 'ActivityStarted').map((x) => (x.activityStartedEventDetails as { workerName: string }).workerName);
    expect(started.sort()).toEqual(['w1', 'w2']);
  });

  it('a worker failure fails the task; a waiting worker gives up when its signal aborts', async () => {
    const runtime = new Runtime();
    const e = new StateMachine({ StartAt: 'A', States: { A: { Type: 'Task', Resource: arn, End: true } } }).start({}, { runtime });
    const task = await runtime.getActivityTask(arn, { workerName: 'w' });
    runtime.sendTaskFailure(task!.taskToken, 'Review.Failed', 'bad');
    expect(await e.result).toMatchObject({ status: 'FAILED', error: 'Review.Failed' });
    const ac = new AbortController();
    const idle = runtime.getActivityTask(arn, { signal: ac.signal });
    ac.abort();
    expect(await idle).toBeUndefined();
  });

  it('stop() withdraws a queued activity task', async () => {
    const runtime = new Runtime();
    const e = new StateMachine({ StartAt: 'A', States: { A: { Type: 'Task', Resource: arn, End: true } } }).start({}, { runtime });
    await new Promise((r) => setTimeout(r, 5));
    e.stop();
    expect((await e.result).status).toBe('ABORTED');
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 10);
    expect(await runtime.getActivityTask(arn, { signal: ac.signal })).toBeUndefined();
  });
});

// AWS "Start a new AWS Step Functions state machine execution" (nested workflows).
describe('Nested executions', () => {
  const child = new StateMachine({
    StartAt: 'C',
    States: {
      C: {
        Type: 'Choice',
        Choices: [{ And: [{ Variable: '$.fail', IsPresent: true }, { Variable: '$.fail', BooleanEquals: true }], Next: 'Bad' }],
        Default: 'Good',
      },
      Good: { Type: 'Pass', Parameters: { 'doubled.$': 'States.MathAdd($.n, $.n)' }, End: true },
      Bad: { Type: 'Fail', Error: 'Child.Failed', Cause: 'asked to fail' },
    },
  });
  const parent = (resource: string) =>
    new StateMachine({
      StartAt: 'Run',
      States: { Run: { Type: 'Task', Resource: resource, Parameters: { StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Child', 'Input.$': '$' }, End: true } },
    });
  const runtime = new Runtime().register('Child', child);

  it('.sync:2 waits for the child and returns its output as JSON', async () => {
    const e = parent('arn:aws:states:::states:startExecution.sync:2').start({ n: 4 }, { runtime });
    const r = await e.result;
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toMatchObject({ Status: 'SUCCEEDED', Output: { doubled: 8 }, Input: { n: 4 } });
    expect(e.history.map((x) => x.type)).toContain('TaskSubmitted');
    const submitted = e.history.find((x) => x.type === 'TaskSubmitted')!.taskSubmittedEventDetails as { output: string };
    expect(JSON.parse(submitted.output).ExecutionArn).toMatch(/:execution:/);
  });

  it('.sync returns Input and Output as JSON text', async () => {
    const r = await parent('arn:aws:states:::states:startExecution.sync').run({ n: 1 }, { runtime });
    expect(r.output).toMatchObject({ Status: 'SUCCEEDED', Output: '{"doubled":2}', Input: '{"n":1}' });
  });

  it('a failed child fails the parent task with States.TaskFailed', async () => {
    const r = await parent('arn:aws:states:::states:startExecution.sync:2').run({ fail: true }, { runtime });
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
    expect(JSON.parse(r.cause!)).toMatchObject({ Status: 'FAILED', Error: 'Child.Failed' });
  });

  it('fire-and-forget returns the child execution ARN at once', async () => {
    const r = await parent('arn:aws:states:::states:startExecution').run({ n: 1 }, { runtime });
    expect(r.output).toMatchObject({ ExecutionArn: expect.stringContaining(':execution:StateMachine:') });
  });

  it('an unregistered machine fails with StepFunctions.StateMachineDoesNotExistException', async () => {
    const r = await parent('arn:aws:states:::states:startExecution.sync').run({ n: 1 }, { runtime: new Runtime() });
    expect(r).toMatchObject({ status: 'FAILED', error: 'StepFunctions.StateMachineDoesNotExistException' });
  });
});
