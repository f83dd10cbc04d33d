/**
 * `--store DIR`: machines and executions survive a restart; a waiting execution is saved
 * through the FileExecutionStore and resumed when the next server starts.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetActivityTaskCommand,
  GetExecutionHistoryCommand,
  ListActivitiesCommand,
  ListStateMachinesCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/index.js';
import { clientFor, ROLE, until } from './helpers.js';

const CALLBACK = {
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Result: { step: 1 }, ResultPath: '$.prepared', Next: 'Approve' },
    Approve: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sns:publish.waitForTaskToken',
      Parameters: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:approvals', Message: { 'token.$': '$$.Task.Token' } },
      ResultPath: '$.approval',
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
};

async function withServer<T>(dir: string, body: (client: ReturnType<typeof clientFor>) => Promise<T>, options = {}): Promise<T> {
  const server = await startServer({ port: 0, store: dir, log: () => {}, ...options });
  const client = clientFor(server.url);
  try {
    return await body(client);
  } finally {
    client.destroy();
    await server.close();
  }
}

describe('--store', () => {
  it('resumes an execution waiting on a callback after a restart, and it completes with its full history', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asl-serve-store-'));
    const { executionArn, token } = await withServer(dir, async (client) => {
      const { stateMachineArn } = await client.send(new CreateStateMachineCommand({ name: 'Approval', definition: JSON.stringify(CALLBACK), roleArn: ROLE }));
      const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, name: 'order-1', input: '{"order":1}' }));
      const token = await until(async () => {
        const h = (await client.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
        if (!h.some((e) => e.type === 'TaskSubmitted')) return undefined;
        const scheduled = h.find((e) => e.type === 'TaskScheduled')!;
        return (JSON.parse(scheduled.taskScheduledEventDetails!.parameters!) as { Message: { token: string } }).Message.token;
      });
      return { executionArn: executionArn!, token };
    });

    await withServer(dir, async (client) => {
      // The machine and the waiting execution came back.
      expect((await client.send(new ListStateMachinesCommand({}))).stateMachines!.map((m) => m.name)).toEqual(['Approval']);
      expect((await client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
      await client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
      const d = await until(async () => {
        const x = await client.send(new DescribeExecutionCommand({ executionArn }));
        return x.status === 'RUNNING' ? undefined : x;
      });
      expect(d).toMatchObject({ status: 'SUCCEEDED', name: 'order-1', input: '{"order":1}' });
      expect(JSON.parse(d.output!)).toEqual({ order: 1, prepared: { step: 1 }, approval: { approved: true } });
      const types = (await client.send(new GetExecutionHistoryCommand({ executionArn }))).events!.map((e) => e.type);
      expect(types).toEqual([
        'ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted',
        'TaskSucceeded', 'TaskStateExited', 'SucceedStateEntered', 'SucceedStateExited', 'ExecutionSucceeded',
      ]);
    });

    // A finished execution stays describable after another restart.
    await withServer(dir, async (client) => {
      const d = await client.send(new DescribeExecutionCommand({ executionArn }));
      expect(d.status).toBe('SUCCEEDED');
      expect((await client.send(new GetExecutionHistoryCommand({ executionArn }))).events).toHaveLength(12);
    });
  });

  it('keeps activities, and resumes an execution waiting for an activity worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asl-serve-store-'));
    const executionArn = await withServer(dir, async (client) => {
      const { activityArn } = await client.send(new CreateActivityCommand({ name: 'Check' }));
      const definition = { StartAt: 'Check', States: { Check: { Type: 'Task', Resource: activityArn, End: true } } };
      const { stateMachineArn } = await client.send(new CreateStateMachineCommand({ name: 'Checked', definition: JSON.stringify(definition), roleArn: ROLE }));
      return (await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"n":3}' }))).executionArn!;
    });
    await withServer(dir, async (client) => {
      const activityArn = (await client.send(new ListActivitiesCommand({}))).activities![0]!.activityArn!;
      const task = await client.send(new GetActivityTaskCommand({ activityArn }));
      expect(JSON.parse(task.input!)).toEqual({ n: 3 });
      await client.send(new SendTaskSuccessCommand({ taskToken: task.taskToken!, output: '{"checked":3}' }));
      const d = await until(async () => {
        const x = await client.send(new DescribeExecutionCommand({ executionArn }));
        return x.status === 'RUNNING' ? undefined : x;
      });
      expect(d).toMatchObject({ status: 'SUCCEEDED', output: '{"checked":3}' });
    }, { activityPollSeconds: 2 });
  });

  it('starts with a damaged store: a snapshot it cannot read fails its execution with States.Runtime, other executions are kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asl-serve-store-'));
    const executionArn = await withServer(dir, async (client) => {
      const { stateMachineArn } = await client.send(new CreateStateMachineCommand({ name: 'Damaged', definition: JSON.stringify(CALLBACK), roleArn: ROLE }));
      const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn }));
      await until(async () => ((await client.send(new GetExecutionHistoryCommand({ executionArn }))).events!.some((e) => e.type === 'TaskSubmitted') ? true : undefined));
      return executionArn!;
    });
    const snapshots = join(dir, 'snapshots', 'executions');
    for (const f of readdirSync(snapshots)) writeFileSync(join(snapshots, f), '{ not json');
    await withServer(dir, async (client) => {
      const d = await client.send(new DescribeExecutionCommand({ executionArn }));
      expect(d).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
      expect(d.cause).toContain('could not be resumed');
      expect((await client.send(new ListStateMachinesCommand({}))).stateMachines!.map((m) => m.name)).toEqual(['Damaged']);
    });
  });
});
