/**
 * One suite, two targets: these tests take a factory of machines and run the same way on the
 * in-process `StateMachine` and on `RemoteStateMachine` against a Step Functions endpoint.
 * Every call is awaited, so both shapes fit (`MachineUnderTest`). Both run on virtual time.
 */
import { describe, expect, it } from 'vitest';
import type { MachineUnderTest } from '../../src/remote/index.js';

/** The Lambda functions both targets use (the server gets them as its handlers). */
export const lambdas = {
  greet: async (event: { name: string }) => ({ message: `Hello, ${event.name}` }),
  validate: async (event: { amount: number }) => {
    if (event.amount < 0) throw Object.assign(new Error(`negative amount ${event.amount}`), { name: 'InvalidAmount' });
    return { ok: true };
  },
  flaky: async (event: { key: string }) => {
    const n = (attempts.get(event.key) ?? 0) + 1;
    attempts.set(event.key, n);
    if (n < 3) throw Object.assign(new Error(`attempt ${n}`), { name: 'Throttled' });
    return { attempts: n };
  },
};
const attempts = new Map<string, number>();

/** Service integrations both targets use: a queue whose message only submits the work (the answer comes by task token). */
export const handlers = { 'arn:aws:states:::sqs:sendMessage.waitForTaskToken': async () => ({ MessageId: 'm-1' }) };

const invoke = (fn: string, next: object) => ({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: fn, 'Payload.$': '$' }, ...next });

export type MakeMachine = (name: string, definition: object) => Promise<MachineUnderTest>;

export function machineSuite(target: string, make: MakeMachine): void {
  describe(`state machine behaviour (${target})`, () => {
    it('runs a Task and returns its output', async () => {
      const m = await make('Greet', { StartAt: 'G', States: { G: invoke('greet', { OutputPath: '$.Payload', End: true }) } });
      expect(await m.run({ name: 'Ada' })).toEqual({ status: 'SUCCEEDED', output: { message: 'Hello, Ada' } });
    });

    it('fails with the handler error name and message when nothing catches it', async () => {
      const m = await make('Validate', { StartAt: 'V', States: { V: invoke('validate', { End: true }) } });
      const r = await m.run({ amount: -5 });
      expect(r.status).toBe('FAILED');
      expect(r.error).toBe('InvalidAmount');
      expect(r.cause).toContain('negative amount -5');
    });

    it('catches an error into ResultPath and goes on', async () => {
      const m = await make('Caught', {
        StartAt: 'V',
        States: {
          V: invoke('validate', { Catch: [{ ErrorEquals: ['InvalidAmount'], ResultPath: '$.problem', Next: 'Report' }], End: true }),
          Report: { Type: 'Pass', Parameters: { 'error.$': '$.problem.Error' }, End: true },
        },
      });
      expect(await m.run({ amount: -1 })).toEqual({ status: 'SUCCEEDED', output: { error: 'InvalidAmount' } });
    });

    it('retries until the handler succeeds', async () => {
      const m = await make('Retried', {
        StartAt: 'F',
        States: { F: invoke('flaky', { Retry: [{ ErrorEquals: ['Throttled'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 1 }], OutputPath: '$.Payload', End: true }) },
      });
      expect(await m.run({ key: `${target}-retry` })).toEqual({ status: 'SUCCEEDED', output: { attempts: 3 } });
    });

    it('runs a Map and a Choice with JSONata', async () => {
      const m = await make('Mapped', {
        QueryLanguage: 'JSONata',
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            Items: '{% $states.input.values %}',
            ItemProcessor: { StartAt: 'Sq', States: { Sq: { Type: 'Pass', Output: '{% $states.input * $states.input %}', End: true } } },
            Next: 'Big',
          },
          Big: { Type: 'Choice', Choices: [{ Condition: '{% $sum($states.input) > 10 %}', Next: 'Yes', Output: { sum: '{% $sum($states.input) %}' } }], Default: 'No' },
          Yes: { Type: 'Succeed' },
          No: { Type: 'Fail', Error: 'TooSmall' },
        },
      });
      expect(await m.run({ values: [1, 2, 3] })).toEqual({ status: 'SUCCEEDED', output: { sum: 14 } });
      expect(await m.run({ values: [1, 2] })).toMatchObject({ status: 'FAILED', error: 'TooSmall' });
    });

    it('names the execution and records AWS-shaped history', async () => {
      const m = await make('Named', { StartAt: 'P', States: { P: { Type: 'Pass', Result: 1, End: true } } });
      const e = await m.start({ a: 1 }, { name: `run-${target}` });
      expect(e.executionArn).toMatch(new RegExp(`^arn:aws:states:us-east-1:123456789012:execution:Named:run-${target}$`));
      expect(await e.result).toEqual({ status: 'SUCCEEDED', output: 1 });
      const history = await e.history;
      expect(history.map((x) => x.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
      expect(history.map((x) => x.previousEventId)).toEqual([0, 0, 2, 3]);
      const started = history[0]!;
      expect(started.type).toBe('ExecutionStarted');
      expect(started.type === 'ExecutionStarted' && started.executionStartedEventDetails).toMatchObject({ input: '{"a":1}', inputDetails: { truncated: false } });
      expect(Date.parse(history[0]!.timestamp)).not.toBeNaN();
    });

    it('stops an execution waiting for a callback as ABORTED', async () => {
      const m = await make('Waits', {
        StartAt: 'Ask',
        States: { Ask: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token' } }, End: true } },
      });
      const e = await m.start({});
      await e.stop({ error: 'Cancelled', cause: 'test over' });
      expect(await e.result).toEqual({ status: 'ABORTED', error: 'Cancelled', cause: 'test over' });
      expect((await e.history).at(-1)!.type).toBe('ExecutionAborted');
    });
  });
}
