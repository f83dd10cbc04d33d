/**
 * A machine runs many executions with handlers given on the machine or per run. Whatever the
 * machine prepares once for a set of options, each run must call the handlers of its own
 * options, and machine-level handlers must apply when a run gives none.
 */
import { describe, expect, it } from 'vitest';
import { Runtime, StateMachine, VirtualClock } from '../../src/index.js';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:Work';
const definition = { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: ARN, End: true } } };

describe('handlers per run', () => {
  it('calls the handlers of each run, however often the same or another object is passed', async () => {
    const machine = new StateMachine(definition, { handlers: { [ARN]: () => 'machine' } });
    const a = { [ARN]: () => 'a' };
    const b = { [ARN]: () => 'b' };
    const clock = new VirtualClock(0);
    const outputs: unknown[] = [];
    for (const handlers of [a, a, b, a, undefined, b]) {
      outputs.push((await machine.run({}, handlers ? { handlers, clock } : { clock })).output);
    }
    expect(outputs).toEqual(['a', 'a', 'b', 'a', 'machine', 'b']);
  });

  it('uses glob handlers and lambdas given per run alongside the machine\'s', async () => {
    const machine = new StateMachine(definition);
    const byGlob = await machine.run({}, { handlers: { 'arn:aws:lambda:*': () => 'glob' } });
    expect(byGlob.output).toBe('glob');
    const byLambda = await machine.run({ n: 1 }, { lambdas: { Work: async (event) => event } });
    expect(byLambda.output).toEqual({ n: 1 });
    // With neither, the Task has no handler: AWS-named failure, not a crash.
    const none = await machine.run({});
    expect(none.status).toBe('FAILED');
  });
});

describe('an execution\'s Runtime', () => {
  it('is the one given, or one of its own that stays the same for the whole execution', async () => {
    const machine = new StateMachine({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    const shared = new Runtime();
    expect(machine.start({}, { runtime: shared }).runtime).toBe(shared);
    const own = machine.start({});
    expect(own.runtime).toBeInstanceOf(Runtime);
    expect(own.runtime).toBe(own.runtime);
    expect(own.runtime).not.toBe(machine.start({}).runtime);
    await own.result;
  });
});

describe('an execution\'s start time', () => {
  it('is one Date, the clock\'s time, and $$.Execution.StartTime is its ISO-8601 text', async () => {
    const machine = new StateMachine({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'start.$': '$$.Execution.StartTime' }, End: true } } });
    for (const t of [Date.UTC(2024, 1, 29, 12, 0, 0, 7), Date.UTC(2024, 1, 29, 12, 0, 0, 8)]) {
      const execution = machine.start({}, { clock: new VirtualClock(t) });
      expect(execution.startDate.getTime()).toBe(t);
      expect(execution.startDate).toBe(execution.startDate);
      expect((await execution.result).output).toEqual({ start: new Date(t).toISOString() });
    }
  });
});

describe('identity per run', () => {
  it('gives each execution the ARNs of its own context, whatever ran before', async () => {
    // Execution ARN: arn:<partition>:states:<region>:<account>:execution:<stateMachineName>:<executionName>.
    const machine = new StateMachine({
      StartAt: 'P',
      States: { P: { Type: 'Pass', Parameters: { 'id.$': '$$.Execution.Id', 'machine.$': '$$.StateMachine.Id', 'role.$': '$$.Execution.RoleArn' }, End: true } },
    });
    const eu = { region: 'eu-west-1', accountId: '111122223333', stateMachineName: 'Orders' };
    const cn = { region: 'cn-north-1', partition: 'aws-cn', roleArn: 'arn:aws-cn:iam::123456789012:role/Mine' };
    for (const [context, name] of [[eu, 'a'], [cn, 'b'], [eu, 'c'], [undefined, 'd']] as const) {
      const r = await machine.run({}, { context, name });
      const o = r.output as Record<string, string>;
      if (context === eu) {
        expect(o).toEqual({
          id: `arn:aws:states:eu-west-1:111122223333:execution:Orders:${name}`,
          machine: 'arn:aws:states:eu-west-1:111122223333:stateMachine:Orders',
          role: 'arn:aws:iam::111122223333:role/StepFunctionsExecutionRole',
        });
      } else if (context === cn) {
        expect(o).toEqual({
          id: `arn:aws-cn:states:cn-north-1:123456789012:execution:StateMachine:${name}`,
          machine: 'arn:aws-cn:states:cn-north-1:123456789012:stateMachine:StateMachine',
          role: 'arn:aws-cn:iam::123456789012:role/Mine',
        });
      } else {
        expect(o.id).toBe(`arn:aws:states:us-east-1:123456789012:execution:StateMachine:${name}`);
      }
    }
  });
});
