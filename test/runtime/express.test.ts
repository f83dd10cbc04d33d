/**
 * The execution type. AWS developer guide, "Choosing workflow type in Step Functions": an Express
 * workflow runs for at most five minutes, supports only the Request Response integration pattern
 * (no `.sync`, no `.waitForTaskToken`, no activities: "Integrating services with Step Functions"),
 * and keeps no execution history in Step Functions, so the 25,000-event history quota of Standard
 * workflows does not apply. Express execution ARNs have the shape
 * `arn:<partition>:states:<region>:<account>:express:<stateMachine>:<executionName>:<uuid>`.
 */
import { describe, expect, it } from 'vitest';
import { AslUsageError, AslValidationError, StateMachine, VirtualClock } from '../../src/index.js';

const echoContext = {
  StartAt: 'Who',
  States: { Who: { Type: 'Pass', Parameters: { 'id.$': '$$.Execution.Id', 'name.$': '$$.Execution.Name' }, End: true } },
};

const endless = {
  StartAt: 'A',
  States: {
    A: { Type: 'Pass', Next: 'C' },
    C: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericLessThan: 20_000, Next: 'Inc' }], Default: 'Done' },
    Inc: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)' }, Next: 'A' },
    Done: { Type: 'Succeed' },
  },
};

const ids = () => {
  let i = 0;
  return () => `00000000-0000-4000-8000-${String(++i).padStart(12, '0')}`;
};

describe('execution type', () => {
  it('is STANDARD by default: $$.Execution.Id is an execution ARN', async () => {
    const r = await new StateMachine(echoContext).run({}, { name: 'e1' });
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: { id: 'arn:aws:states:us-east-1:123456789012:execution:StateMachine:e1', name: 'e1' } });
  });

  it('EXPRESS gives $$.Execution.Id in the Express shape, ending in a fresh uuid', async () => {
    const m = new StateMachine(echoContext, { type: 'EXPRESS', uuid: ids() });
    const r = await m.run({}, { name: 'e1', context: { stateMachineName: 'Orders', region: 'eu-west-1' } });
    expect(r.status).toBe('SUCCEEDED');
    const out = (r as { output: { id: string; name: string } }).output;
    expect(out.name).toBe('e1');
    expect(out.id).toMatch(/^arn:aws:states:eu-west-1:123456789012:express:Orders:e1:[0-9a-f-]{36}$/);
  });

  it('takes the type per run, overriding the machine option', async () => {
    const m = new StateMachine(echoContext, { type: 'EXPRESS' });
    const r = await m.run({}, { name: 'e2', type: 'STANDARD' });
    expect((r as { output: { id: string } }).output.id).toBe('arn:aws:states:us-east-1:123456789012:execution:StateMachine:e2');
  });

  it('refuses a definition with .sync or .waitForTaskToken for an EXPRESS machine, as CreateStateMachine does', () => {
    const sync = { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:child' }, End: true } } };
    const token = { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token' } }, End: true } } };
    for (const def of [sync, token]) {
      expect(() => new StateMachine(def, { type: 'EXPRESS' })).toThrow(AslValidationError);
      expect(() => new StateMachine(def)).not.toThrow();
    }
  });

  it('refuses to start an EXPRESS run of a machine that uses .waitForTaskToken', () => {
    const token = { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token' } }, End: true } } };
    const m = new StateMachine(token);
    expect(() => m.start({}, { type: 'EXPRESS' })).toThrow(AslValidationError);
  });

  it('rejects an unknown type with a usage error', () => {
    expect(() => new StateMachine(echoContext, { type: 'FAST' as never })).toThrow(AslUsageError);
  });

  it('EXPRESS is not subject to the 25,000-event history quota', async () => {
    // 20,000 laps of three states: about 120,000 events.
    const standard = await new StateMachine(endless).run({ n: 0 }, { clock: new VirtualClock(0) });
    expect(standard).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    const e = new StateMachine(endless, { type: 'EXPRESS' }).start({ n: 0 }, { clock: new VirtualClock(0) });
    expect(await e.result).toEqual({ status: 'SUCCEEDED', output: { n: 20_000 } });
    expect(e.history.length).toBeGreaterThan(25_000);
  });

  it('EXPRESS times out after five minutes with States.Timeout', async () => {
    const wait = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 301, End: true } } };
    const clock = new VirtualClock(0);
    const e = new StateMachine(wait, { type: 'EXPRESS' }).start({}, { clock });
    const r = await e.result;
    expect(r).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    const last = e.history.at(-1)!;
    expect(last.type).toBe('ExecutionTimedOut');
    expect(Date.parse(last.timestamp) - Date.parse(e.history[0]!.timestamp)).toBe(300_000);
    // A five-minute Wait fits; a Standard execution has no such limit.
    expect((await new StateMachine({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 299, End: true } } }, { type: 'EXPRESS' }).run({}, { clock: new VirtualClock(0) })).status).toBe('SUCCEEDED');
    expect((await new StateMachine(wait).run({}, { clock: new VirtualClock(0) })).status).toBe('SUCCEEDED');
  });

  it('EXPRESS keeps a shorter TimeoutSeconds', async () => {
    const def = { TimeoutSeconds: 10, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } };
    const e = new StateMachine(def, { type: 'EXPRESS' }).start({}, { clock: new VirtualClock(0) });
    expect(await e.result).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(Date.parse(e.history.at(-1)!.timestamp) - Date.parse(e.history[0]!.timestamp)).toBe(10_000);
  });
});
