/**
 * The endpoint driven by the AWS SDK for JavaScript v3, as a user's code would drive AWS.
 * Behaviour follows the Step Functions API Reference (actions, errors, member names).
 */
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { StateMachine } from '../../src/index.js';
import { comparable, rejection, ROLE, serve, until } from './helpers.js';

const lambdas = { greet: async (event: { name: string }) => ({ message: `Hello, ${event.name}` }) };

const GREETER = {
  StartAt: 'Greet',
  States: {
    Greet: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'greet', 'Payload.$': '$' }, OutputPath: '$.Payload', Next: 'Check' },
    Check: { Type: 'Choice', Choices: [{ Variable: '$.message', StringMatches: 'Hello*', Next: 'Done' }], Default: 'Odd' },
    Odd: { Type: 'Fail', Error: 'Odd', Cause: 'unexpected message' },
    Done: { Type: 'Pass', Parameters: { 'greeting.$': '$.message' }, End: true },
  },
};
const WAIT = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } };
const PASS = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };

const { client, server } = await serve({ handlers: { lambdas } });

async function create(name: string, definition: object, type: 'STANDARD' | 'EXPRESS' = 'STANDARD'): Promise<string> {
  const out = await client.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE, type }));
  return out.stateMachineArn!;
}

async function finished(executionArn: string) {
  return until(async () => {
    const d = await client.send(new DescribeExecutionCommand({ executionArn }));
    return d.status === 'RUNNING' ? undefined : d;
  });
}

describe('machines and executions', () => {
  it('creates a machine, runs it, and reports it as DescribeExecution does on AWS', async () => {
    const machineArn = await create('Greeter', GREETER);
    expect(machineArn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:Greeter');
    const started = await client.send(new StartExecutionCommand({ stateMachineArn: machineArn, name: 'first', input: '{"name":"Ada"}' }));
    expect(started.executionArn).toBe('arn:aws:states:us-east-1:123456789012:execution:Greeter:first');
    expect(started.startDate).toBeInstanceOf(Date);
    expect(Math.abs(started.startDate!.getTime() - Date.now())).toBeLessThan(60_000);
    const d = await finished(started.executionArn!);
    expect(d).toMatchObject({
      executionArn: started.executionArn,
      stateMachineArn: machineArn,
      name: 'first',
      status: 'SUCCEEDED',
      input: '{"name":"Ada"}',
      output: '{"greeting":"Hello, Ada"}',
      inputDetails: { included: true },
      outputDetails: { included: true },
    });
    expect(d.stopDate!.getTime()).toBeGreaterThanOrEqual(d.startDate!.getTime());
  });

  it('returns the same history as the in-process engine', async () => {
    const machineArn = await create('GreeterHistory', GREETER);
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: machineArn, name: 'h', input: '{"name":"Bo"}' }));
    await finished(executionArn!);
    const remote = await client.send(new GetExecutionHistoryCommand({ executionArn }));
    const local = new StateMachine(GREETER).start({ name: 'Bo' }, { lambdas, name: 'h', context: { stateMachineName: 'GreeterHistory', roleArn: ROLE } });
    await local.result;
    expect(comparable(remote.events as unknown as Record<string, unknown>[])).toEqual(comparable(local.history));
    expect(remote.events![0]!.timestamp).toBeInstanceOf(Date);
  });

  it('answers a repeated StartExecution with the same name and input idempotently, and a different input with ExecutionAlreadyExists', async () => {
    const machineArn = await create('Waiter', WAIT);
    const a = await client.send(new StartExecutionCommand({ stateMachineArn: machineArn, name: 'once', input: '{}' }));
    const b = await client.send(new StartExecutionCommand({ stateMachineArn: machineArn, name: 'once', input: '{}' }));
    expect(b.executionArn).toBe(a.executionArn);
    const e = await rejection(client.send(new StartExecutionCommand({ stateMachineArn: machineArn, name: 'once', input: '{"x":1}' })));
    expect(e.name).toBe('ExecutionAlreadyExists');
    await client.send(new StopExecutionCommand({ executionArn: a.executionArn }));
  });

  it('stops an execution as ABORTED with the error and cause given', async () => {
    const machineArn = await create('Stoppable', WAIT);
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: machineArn }));
    const stop = await client.send(new StopExecutionCommand({ executionArn, error: 'Operator', cause: 'not needed' }));
    expect(stop.stopDate).toBeInstanceOf(Date);
    const d = await client.send(new DescribeExecutionCommand({ executionArn }));
    expect(d).toMatchObject({ status: 'ABORTED', error: 'Operator', cause: 'not needed' });
    const h = await client.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1 }));
    expect(h.events![0]).toMatchObject({ type: 'ExecutionAborted', executionAbortedEventDetails: { error: 'Operator', cause: 'not needed' } });
  });

  it('runs an EXPRESS machine through StartSyncExecution and refuses a STANDARD one', async () => {
    const express = await create('Quick', GREETER, 'EXPRESS');
    const out = await client.send(new StartSyncExecutionCommand({ stateMachineArn: express, input: '{"name":"Cy"}' }));
    expect(out).toMatchObject({ status: 'SUCCEEDED', output: '{"greeting":"Hello, Cy"}', stateMachineArn: express, input: '{"name":"Cy"}' });
    expect(out.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:express:Quick:[^:]+:[0-9a-f-]{36}$/);
    expect(out.billingDetails?.billedDurationInMilliseconds).toBeGreaterThanOrEqual(100);
    const standard = await create('NotQuick', PASS);
    const e = await rejection(client.send(new StartSyncExecutionCommand({ stateMachineArn: standard })));
    expect(e.name).toBe('StateMachineTypeNotSupported');
  });

  it('refuses an EXPRESS definition that uses .waitForTaskToken with InvalidDefinition', async () => {
    const def = { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true } } };
    const e = await rejection(create('ExpressCallback', def, 'EXPRESS'));
    expect(e.name).toBe('InvalidDefinition');
  });

  it('lists executions newest first, by status, a page at a time', async () => {
    const waiting = await create('Lister', { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.wait', BooleanEquals: true, Next: 'W' }], Default: 'P' }, W: WAIT.States.W, P: PASS.States.P } });
    for (const [i, wait] of [false, true, false, true, false].entries()) {
      await client.send(new StartExecutionCommand({ stateMachineArn: waiting, name: `e${i}`, input: JSON.stringify({ wait }) }));
    }
    await until(async () => {
      const s = await client.send(new ListExecutionsCommand({ stateMachineArn: waiting, statusFilter: 'SUCCEEDED' }));
      return s.executions!.length === 3 ? true : undefined;
    });
    const names: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const p = await client.send(new ListExecutionsCommand({ stateMachineArn: waiting, maxResults: 2, nextToken }));
      names.push(...p.executions!.map((e) => e.name!));
      nextToken = p.nextToken;
      pages++;
    } while (nextToken);
    expect(names).toEqual(['e4', 'e3', 'e2', 'e1', 'e0']);
    expect(pages).toBe(3);
    const running = await client.send(new ListExecutionsCommand({ stateMachineArn: waiting, statusFilter: 'RUNNING' }));
    expect(running.executions!.map((e) => e.name)).toEqual(['e3', 'e1']);
    expect(running.executions![0]!.stopDate).toBeUndefined();
    for (const e of running.executions!) await client.send(new StopExecutionCommand({ executionArn: e.executionArn }));
    const bad = await rejection(client.send(new ListExecutionsCommand({ stateMachineArn: waiting, nextToken: 'not-a-token' })));
    expect(bad.name).toBe('InvalidToken');
  });

  it('pages GetExecutionHistory with maxResults and nextToken, in reverse, and without data', async () => {
    const machineArn = await create('Paged', GREETER);
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: machineArn, input: '{"name":"Di"}' }));
    await finished(executionArn!);
    const all = (await client.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
    expect(all.map((e) => e.id)).toEqual(all.map((_, i) => i + 1));
    const paged: number[] = [];
    let nextToken: string | undefined;
    do {
      const p = await client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 3, nextToken, reverseOrder: true }));
      expect(p.events!.length).toBeLessThanOrEqual(3);
      paged.push(...p.events!.map((e) => e.id!));
      nextToken = p.nextToken;
    } while (nextToken);
    expect(paged).toEqual(all.map((e) => e.id!).reverse());
    const bare = await client.send(new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false }));
    expect(bare.events![0]!.executionStartedEventDetails).toMatchObject({ roleArn: ROLE });
    expect(bare.events![0]!.executionStartedEventDetails!.input).toBeUndefined();
    expect(bare.events!.at(-1)!.executionSucceededEventDetails!.output).toBeUndefined();
  });

  it('updates, lists and deletes machines; running executions keep their definition', async () => {
    const machineArn = await create('Changing', WAIT);
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: machineArn }));
    const before = await client.send(new DescribeStateMachineCommand({ stateMachineArn: machineArn }));
    const update = await client.send(new UpdateStateMachineCommand({ stateMachineArn: machineArn, definition: JSON.stringify(PASS) }));
    expect(update.updateDate).toBeInstanceOf(Date);
    const after = await client.send(new DescribeStateMachineCommand({ stateMachineArn: machineArn }));
    expect(after).toMatchObject({ name: 'Changing', status: 'ACTIVE', type: 'STANDARD', roleArn: ROLE, definition: JSON.stringify(PASS) });
    expect(after.revisionId).not.toBe(before.revisionId);
    expect((await client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    const next = await client.send(new StartExecutionCommand({ stateMachineArn: machineArn }));
    expect((await finished(next.executionArn!)).status).toBe('SUCCEEDED');
    await client.send(new StopExecutionCommand({ executionArn }));

    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const p = await client.send(new ListStateMachinesCommand({ maxResults: 2, nextToken }));
      names.push(...p.stateMachines!.map((m) => m.name!));
      nextToken = p.nextToken;
    } while (nextToken);
    expect(names).toContain('Changing');
    expect(names).toEqual([...names].sort());

    await client.send(new DeleteStateMachineCommand({ stateMachineArn: machineArn }));
    const gone = await rejection(client.send(new DescribeStateMachineCommand({ stateMachineArn: machineArn })));
    expect(gone.name).toBe('StateMachineDoesNotExist');
  });

  it('runs nested executions (states:startExecution.sync:2) as executions of the child machine', async () => {
    const child = await create('Child', { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'twice.$': 'States.MathAdd($.n, $.n)' }, End: true } } });
    const parent = await create('Parent', {
      StartAt: 'Call',
      States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: child, Input: { n: 4 } }, ResultSelector: { 'out.$': '$.Output' }, End: true } },
    });
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: parent }));
    expect(await finished(executionArn!)).toMatchObject({ status: 'SUCCEEDED', output: '{"out":{"twice":8}}' });
    const children = await client.send(new ListExecutionsCommand({ stateMachineArn: child }));
    expect(children.executions).toHaveLength(1);
    expect(children.executions![0]!.status).toBe('SUCCEEDED');
  });

  it('creates a machine idempotently for the same definition and refuses another definition under the same name', async () => {
    const a = await create('Twice', PASS);
    expect(await create('Twice', PASS)).toBe(a);
    const e = await rejection(create('Twice', WAIT));
    expect(e.name).toBe('StateMachineAlreadyExists');
  });
});

describe('errors, named as AWS names them', () => {
  it('InvalidDefinition carries the diagnostics (code and location)', async () => {
    const e = await rejection(create('Broken', { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } }));
    expect(e.name).toBe('InvalidDefinition');
    expect(e.message).toMatch(/^Invalid State Machine Definition: '/);
    expect(e.message).toMatch(/'MISSING_TRANSITION_TARGET: [^']*'Nowhere'[^']* at \/States\/A\/Next'/);
    expect(e.$metadata?.httpStatusCode).toBe(400);
  });

  it('StateMachineDoesNotExist, ExecutionDoesNotExist and InvalidArn', async () => {
    const arn = 'arn:aws:states:us-east-1:123456789012:stateMachine:Nope';
    expect((await rejection(client.send(new StartExecutionCommand({ stateMachineArn: arn })))).name).toBe('StateMachineDoesNotExist');
    expect((await rejection(client.send(new DescribeExecutionCommand({ executionArn: 'arn:aws:states:us-east-1:123456789012:execution:Nope:x' })))).name).toBe('ExecutionDoesNotExist');
    expect((await rejection(client.send(new DescribeExecutionCommand({ executionArn: 'not an arn' })))).name).toBe('InvalidArn');
    expect((await rejection(client.send(new DescribeStateMachineCommand({ stateMachineArn: 'arn:aws:states:us-east-1:123456789012:activity:A' })))).name).toBe('InvalidArn');
  });

  it('InvalidExecutionInput, InvalidName and ValidationException', async () => {
    const machineArn = await create('Inputs', PASS);
    expect((await rejection(client.send(new StartExecutionCommand({ stateMachineArn: machineArn, input: '{oops' })))).name).toBe('InvalidExecutionInput');
    expect((await rejection(client.send(new StartExecutionCommand({ stateMachineArn: machineArn, name: 'has space' })))).name).toBe('InvalidName');
    expect((await rejection(client.send(new StartExecutionCommand({ stateMachineArn: machineArn, name: 'x'.repeat(81) })))).name).toBe('ValidationException');
    const noRole = await rejection(client.send(new CreateStateMachineCommand({ name: 'NoRole', definition: JSON.stringify(PASS), roleArn: undefined as unknown as string })));
    expect(noRole.name).toBe('ValidationException');
    const badType = await rejection(client.send(new CreateStateMachineCommand({ name: 'T', definition: JSON.stringify(PASS), roleArn: ROLE, type: 'FAST' as 'STANDARD' })));
    expect(badType.name).toBe('ValidationException');
  });

  it('answers protocol mistakes with UnknownOperationException and SerializationException', async () => {
    const post = (target: string, body: string) =>
      fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target }, body });
    const unknown = await post('AWSStepFunctions.LaunchRocket', '{}');
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(await unknown.json()).toMatchObject({ __type: 'com.amazonaws.states#UnknownOperationException' });
    const notJson = await post('AWSStepFunctions.ListStateMachines', '{');
    expect((await notJson.json()) as object).toMatchObject({ __type: 'com.amazonaws.states#SerializationException' });
    const wrongType = await post('AWSStepFunctions.DescribeStateMachine', '{"stateMachineArn": 5}');
    expect((await wrongType.json()) as object).toMatchObject({ __type: 'com.amazonaws.states#SerializationException' });
    const get = await fetch(server.url);
    expect(get.status).toBe(404);
  });

  it('listens on loopback only by default', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });
});

describe('ValidateStateMachineDefinition', () => {
  it('returns OK, or FAIL with AWS-shaped diagnostics', async () => {
    const ok = await client.send(new ValidateStateMachineDefinitionCommand({ definition: JSON.stringify(PASS) }));
    expect(ok).toMatchObject({ result: 'OK', diagnostics: [], truncated: false });
    const bad = await client.send(new ValidateStateMachineDefinitionCommand({ definition: JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } }) }));
    expect(bad.result).toBe('FAIL');
    expect(bad.diagnostics).toContainEqual(expect.objectContaining({ severity: 'ERROR', code: 'MISSING_TRANSITION_TARGET', location: '/States/A/Next' }));
  });
});
