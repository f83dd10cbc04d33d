/**
 * Callbacks and activities through the API: SendTaskSuccess/Failure/Heartbeat and
 * GetActivityTask, with AWS's error names (InvalidToken, TaskDoesNotExist, ActivityDoesNotExist).
 */
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DeleteActivityCommand,
  DescribeActivityCommand,
  DescribeExecutionCommand,
  GetActivityTaskCommand,
  GetExecutionHistoryCommand,
  ListActivitiesCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { rejection, ROLE, serve, until } from './helpers.js';

const { client, logs } = await serve({ activityPollSeconds: 0.2 });

async function start(name: string, definition: object, input: object = {}): Promise<string> {
  const { stateMachineArn } = await client.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE }));
  return (await client.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }))).executionArn!;
}

async function events(executionArn: string): Promise<HistoryEvent[]> {
  return (await client.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
}

/** The token from the TaskScheduled parameters, once the task has been submitted. */
async function tokenOf(executionArn: string): Promise<string> {
  return until(async () => {
    const h = await events(executionArn);
    if (!h.some((e) => e.type === 'TaskSubmitted')) return undefined;
    const scheduled = h.find((e) => e.type === 'TaskScheduled')!;
    return (JSON.parse(scheduled.taskScheduledEventDetails!.parameters!) as { MessageBody: { token: string } }).MessageBody.token;
  });
}

async function outcome(executionArn: string) {
  return until(async () => {
    const d = await client.send(new DescribeExecutionCommand({ executionArn }));
    return d.status === 'RUNNING' ? undefined : d;
  });
}

const CALLBACK = {
  StartAt: 'Ask',
  States: {
    Ask: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/approvals', MessageBody: { 'token.$': '$$.Task.Token', 'order.$': '$.order' } },
      HeartbeatSeconds: 600,
      End: true,
    },
  },
};

describe('a .waitForTaskToken integration nothing serves', () => {
  it('counts as sent, waits for SendTaskSuccess, and logs that nothing was sent', async () => {
    const executionArn = await start('Approval', CALLBACK, { order: 7 });
    const token = await tokenOf(executionArn);
    expect(logs.some((l) => l.includes("No handler serves 'arn:aws:states:::sqs:sendMessage.waitForTaskToken'") && l.includes('nothing was sent'))).toBe(true);
    await client.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
    expect(await outcome(executionArn)).toMatchObject({ status: 'SUCCEEDED', output: '{"approved":true}' });
    // The token is spent: AWS answers a second answer with TaskDoesNotExist.
    expect((await rejection(client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })))).name).toBe('TaskDoesNotExist');
  });

  it('fails the task with the error and cause of SendTaskFailure', async () => {
    const executionArn = await start('Rejection', CALLBACK, { order: 8 });
    const token = await tokenOf(executionArn);
    await client.send(new SendTaskFailureCommand({ taskToken: token, error: 'Rejected', cause: 'over budget' }));
    expect(await outcome(executionArn)).toMatchObject({ status: 'FAILED', error: 'Rejected', cause: 'over budget' });
  });

  it('answers a malformed token with InvalidToken and output that is not JSON with InvalidOutput', async () => {
    expect((await rejection(client.send(new SendTaskSuccessCommand({ taskToken: 'nonsense', output: '{}' })))).name).toBe('InvalidToken');
    const executionArn = await start('BadOutput', CALLBACK, { order: 9 });
    const token = await tokenOf(executionArn);
    expect((await rejection(client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{nope' })))).name).toBe('InvalidOutput');
    await client.send(new SendTaskFailureCommand({ taskToken: token }));
    expect((await outcome(executionArn)).status).toBe('FAILED');
  });
});

describe('activities', () => {
  it('hands a task to GetActivityTask and completes it with SendTaskSuccess', async () => {
    const { activityArn } = await client.send(new CreateActivityCommand({ name: 'Review' }));
    expect(activityArn).toBe('arn:aws:states:us-east-1:123456789012:activity:Review');
    const definition = { StartAt: 'Review', States: { Review: { Type: 'Task', Resource: activityArn, End: true } } };
    const executionArn = await start('Reviewed', definition, { doc: 'a.txt' });
    const task = await until(async () => {
      const t = await client.send(new GetActivityTaskCommand({ activityArn, workerName: 'worker-1' }));
      return t.taskToken ? t : undefined;
    });
    expect(JSON.parse(task.input!)).toEqual({ doc: 'a.txt' });
    await client.send(new SendTaskSuccessCommand({ taskToken: task.taskToken!, output: '{"ok":true}' }));
    expect(await outcome(executionArn)).toMatchObject({ status: 'SUCCEEDED', output: '{"ok":true}' });
    const started = (await events(executionArn)).find((e) => e.type === 'ActivityStarted');
    expect(started?.activityStartedEventDetails).toEqual({ workerName: 'worker-1' });
  });

  it('answers a long poll with no task when none comes in time', async () => {
    const { activityArn } = await client.send(new CreateActivityCommand({ name: 'Idle' }));
    const t = await client.send(new GetActivityTaskCommand({ activityArn }));
    expect(t.taskToken).toBeUndefined();
  });

  it('creates idempotently, describes, lists, deletes, and names a missing one ActivityDoesNotExist', async () => {
    const a = await client.send(new CreateActivityCommand({ name: 'Listed' }));
    const b = await client.send(new CreateActivityCommand({ name: 'Listed' }));
    expect(b.activityArn).toBe(a.activityArn);
    expect(b.creationDate).toEqual(a.creationDate);
    expect(await client.send(new DescribeActivityCommand({ activityArn: a.activityArn }))).toMatchObject({ name: 'Listed', activityArn: a.activityArn });
    const list = await client.send(new ListActivitiesCommand({}));
    expect(list.activities!.map((x) => x.name)).toContain('Listed');
    await client.send(new DeleteActivityCommand({ activityArn: a.activityArn }));
    expect((await rejection(client.send(new DescribeActivityCommand({ activityArn: a.activityArn })))).name).toBe('ActivityDoesNotExist');
    expect((await rejection(client.send(new GetActivityTaskCommand({ activityArn: a.activityArn })))).name).toBe('ActivityDoesNotExist');
  });
});
