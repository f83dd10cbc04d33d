/**
 * Step Functions Local compatibility: a mock-config test case is chosen by a
 * `StateMachineArn#TestCaseName` suffix on StartExecution, and Lambda functions come from the
 * handlers module by function name ("Testing with mocked service integrations", AWS developer guide).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CreateStateMachineCommand, DescribeExecutionCommand, GetExecutionHistoryCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { rejection, ROLE, serve, until } from './helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const { client } = await serve({ handlers: fixture('handlers.mjs'), mockConfig: fixture('MockConfigFile.json'), virtualTime: true });
const { stateMachineArn } = await client.send(new CreateStateMachineCommand({ name: 'Orders', definition: readFileSync(fixture('orders.asl.json'), 'utf8'), roleArn: ROLE }));

async function run(target: string, input: object = { orderId: 5 }) {
  const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: target, input: JSON.stringify(input) }));
  return until(async () => {
    const d = await client.send(new DescribeExecutionCommand({ executionArn }));
    return d.status === 'RUNNING' ? undefined : d;
  });
}

describe('mock-config test cases selected by ARN suffix', () => {
  it('serves the test case the suffix names', async () => {
    const d = await run(`${stateMachineArn!}#HappyPath`);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual({ orderId: 5, reservation: { reservationId: 'mock-r1' }, charge: { chargeId: 'mock-c1' } });
    // The execution belongs to the machine without the suffix.
    expect(d.stateMachineArn).toBe(stateMachineArn);
    expect(d.executionArn).toMatch(/:execution:Orders:/);
  });

  it('counts invocations per execution, so Retry sees the throw and then the return', async () => {
    const d = await run(`${stateMachineArn!}#ThrottledThenCharged`);
    expect(JSON.parse(d.output!).charge).toEqual({ chargeId: 'mock-c2' });
    const h = await client.send(new GetExecutionHistoryCommand({ executionArn: d.executionArn }));
    expect(h.events!.filter((e) => e.type === 'TaskFailed').map((e) => e.taskFailedEventDetails!.error)).toEqual(['Payments.Throttled']);
  });

  it('drives the Catch path with a mocked Throw', async () => {
    const d = await run(`${stateMachineArn!}#Declined`);
    expect(d).toMatchObject({ status: 'FAILED', error: 'OrderDeclined', cause: 'The card was declined' });
  });

  it('uses the handlers module by function name without a suffix', async () => {
    const d = await run(stateMachineArn!, { orderId: 9 });
    expect(JSON.parse(d.output!)).toEqual({ orderId: 9, reservation: { reservationId: 'real-9' }, charge: { chargeId: 'real-charge-9' } });
  });

  it('refuses an unknown test case with ValidationException before starting anything', async () => {
    const e = await rejection(client.send(new StartExecutionCommand({ stateMachineArn: `${stateMachineArn!}#NoSuchCase` })));
    expect(e.name).toBe('ValidationException');
    expect(e.message).toContain("Unknown test case 'NoSuchCase'");
  });
});
