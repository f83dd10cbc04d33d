import { describe, expect, it } from 'vitest';
import { StatesError, type TaskContext } from '../../src/index.js';
import { run } from '../helpers.js';

const task = (extra: object = {}) => ({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::my:task', End: true, ...extra } } });

describe('Task state: handlers', () => {
  it('calls the handler with the effective input and a context, and uses its result', async () => {
    let seen: { input: unknown; ctx?: TaskContext } = { input: undefined };
    const r = await run(task({ Parameters: { 'id.$': '$.id' } }), { id: 7 }, {
      handlers: {
        'arn:aws:states:::my:task': (input, ctx) => {
          seen = { input, ctx };
          return { ok: input.id };
        },
      },
    });
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: { ok: 7 } });
    expect(seen.input).toEqual({ id: 7 });
    expect(seen.ctx).toMatchObject({ stateName: 'T', resource: 'arn:aws:states:::my:task', attempt: 0 });
    expect(seen.ctx!.context.State.Name).toBe('T');
    expect(r.types).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
  });

  it('matches handlers by exact resource first, then glob patterns', async () => {
    const def = { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', End: true } } };
    const glob = await run(def, {}, { handlers: { 'arn:aws:states:::dynamodb:*': () => 'glob' } });
    expect(glob.output).toBe('glob');
    const exact = await run(def, {}, { handlers: { 'arn:aws:states:::dynamodb:*': () => 'glob', 'arn:aws:states:::dynamodb:putItem': () => 'exact' } });
    expect(exact.output).toBe('exact');
  });

  it('records resourceType and resource as AWS does for service integrations', async () => {
    const def = { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', End: true } } };
    const r = await run(def, {}, { handlers: { 'arn:aws:states:::dynamodb:*': () => ({}) } });
    const scheduled = r.execution.history.find((e) => e.type === 'TaskScheduled')!;
    expect(scheduled.taskScheduledEventDetails).toMatchObject({ resourceType: 'dynamodb', resource: 'putItem', region: 'us-east-1', parameters: '{}' });
  });

  it('fails the execution with a helpful cause when no handler resolves the resource', async () => {
    const r = await run(task(), {});
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toContain("'arn:aws:states:::my:task'");
    expect(r.cause).toContain("'T'");
    expect(r.cause).toContain('handlers');
  });

  it("maps a thrown Error to { error: err.name, cause: err.message }", async () => {
    class OrderNotFound extends Error {
      override name = 'OrderNotFound';
    }
    const r = await run(task(), {}, { handlers: { 'arn:aws:states:::my:task': () => { throw new OrderNotFound('no order 7'); } } });
    expect(r).toMatchObject({ status: 'FAILED', error: 'OrderNotFound', cause: 'no order 7' });
    expect(r.types).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'ExecutionFailed']);
  });

  it('lets a handler choose the exact error with StatesError', async () => {
    const r = await run(task(), {}, { handlers: { 'arn:aws:states:::my:task': async () => { throw new StatesError('Custom.Error', 'why'); } } });
    expect(r).toMatchObject({ error: 'Custom.Error', cause: 'why' });
  });

  it('fails clearly when a handler returns something that is not JSON', async () => {
    for (const bad of [undefined, () => 1, 10n]) {
      const r = await run(task(), {}, { handlers: { 'arn:aws:states:::my:task': () => bad } });
      expect(r.status).toBe('FAILED');
      expect(r.cause).toMatch(/not JSON/);
    }
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const c = await run(task(), {}, { handlers: { 'arn:aws:states:::my:task': () => circular } });
    expect(c.status).toBe('FAILED');
  });

  it('handles a thrown non-Error value without crashing', async () => {
    const r = await run(task(), {}, { handlers: { 'arn:aws:states:::my:task': () => { throw 'plain string'; } } });
    expect(r).toMatchObject({ status: 'FAILED', error: 'Error', cause: 'plain string' });
  });

  it('gives the handler its own copy of the input', async () => {
    const r = await run(
      { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::my:task', ResultPath: '$.r', End: true } } },
      { list: [1] },
      { handlers: { 'arn:aws:states:::my:task': (input) => { input.list.push(2); return 0; } } },
    );
    expect(r.output).toEqual({ list: [1], r: 0 });
  });

  it('applies ResultSelector to the raw result before ResultPath', async () => {
    const r = await run(
      task({ ResultSelector: { 'v.$': '$.body.value' }, ResultPath: '$.sel' }),
      { keep: 1 },
      { handlers: { 'arn:aws:states:::my:task': () => ({ body: { value: 3 }, noise: true }) } },
    );
    expect(r.output).toEqual({ keep: 1, sel: { v: 3 } });
  });
});

describe('Task state: Retry and Catch', () => {
  it('retries with backoff on the clock, then succeeds', async () => {
    let calls = 0;
    const r = await run(
      task({ Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3 }] }),
      {},
      { handlers: { 'arn:aws:states:::my:task': (_i, ctx) => { calls++; if (ctx.attempt < 2) throw Object.assign(new Error('x'), { name: 'Flaky' }); return ctx.attempt; } } },
    );
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: 2 });
    expect(calls).toBe(3);
    const scheduled = r.execution.history.filter((e) => e.type === 'TaskScheduled').map((e) => Date.parse(e.timestamp));
    // Waits of 2 s then 6 s (IntervalSeconds × BackoffRate^n).
    expect(scheduled[1]! - scheduled[0]!).toBe(2000);
    expect(scheduled[2]! - scheduled[1]!).toBe(6000);
  });

  it('MaxAttempts 0 never retries; MaxDelaySeconds caps the backoff', async () => {
    let calls = 0;
    const r = await run(task({ Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 0 }] }), {}, { handlers: { 'arn:aws:states:::my:task': () => { calls++; throw new Error('e'); } } });
    expect(r.status).toBe('FAILED');
    expect(calls).toBe(1);

    const capped = await run(
      task({ Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 10, BackoffRate: 10, MaxAttempts: 3, MaxDelaySeconds: 15 }] }),
      {},
      { handlers: { 'arn:aws:states:::my:task': () => { throw new Error('e'); } } },
    );
    const times = capped.execution.history.filter((e) => e.type === 'TaskScheduled').map((e) => Date.parse(e.timestamp));
    expect(times.slice(1).map((t, i) => t - times[i]!)).toEqual([10_000, 15_000, 15_000]);
  });

  it('FULL jitter draws the delay from the injected random source', async () => {
    const r = await run(
      task({ Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 10, MaxAttempts: 1, JitterStrategy: 'FULL' }] }),
      {},
      { random: () => 0.25, handlers: { 'arn:aws:states:::my:task': () => { throw new Error('e'); } } },
    );
    const times = r.execution.history.filter((e) => e.type === 'TaskScheduled').map((e) => Date.parse(e.timestamp));
    expect(times[1]! - times[0]!).toBe(2500);
  });

  it('the first matching retrier and catcher win; States.ALL catches custom errors', async () => {
    const def = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::my:task',
          Catch: [
            { ErrorEquals: ['Other'], Next: 'Wrong' },
            { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Handled' },
          ],
          End: true,
        },
        Wrong: { Type: 'Fail', Error: 'Wrong' },
        Handled: { Type: 'Pass', End: true },
      },
    };
    const r = await run(def, { order: 1 }, { handlers: { 'arn:aws:states:::my:task': () => { throw Object.assign(new Error('boom'), { name: 'Mine' }); } } });
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: { order: 1, error: { Error: 'Mine', Cause: 'boom' } } });
    expect(r.types).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'TaskStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });

  it('States.TaskFailed matches any task error but not States.Timeout', async () => {
    const def = (seconds: number) => ({
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: 'arn:aws:states:::my:task', TimeoutSeconds: seconds, Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Caught' }], End: true },
        Caught: { Type: 'Pass', End: true },
      },
    });
    const failed = await run(def(100), {}, { handlers: { 'arn:aws:states:::my:task': () => { throw new Error('e'); } } });
    expect(failed.status).toBe('SUCCEEDED');
    const timedOut = await run(def(1), {}, { handlers: { 'arn:aws:states:::my:task': (_i, ctx) => ctx.clock.sleep(5000).then(() => 1) } });
    expect(timedOut).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });

  it('States.Runtime is not caught, even when named (recorded AWS behaviour)', async () => {
    const r = await run(
      {
        StartAt: 'T',
        States: {
          T: { Type: 'Task', Resource: 'arn:aws:states:::my:task', OutputPath: '$.no.such', Catch: [{ ErrorEquals: ['States.Runtime'], Next: 'C' }], End: true },
          C: { Type: 'Pass', End: true },
        },
      },
      {},
      { handlers: { 'arn:aws:states:::my:task': () => ({}) } },
    );
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});

describe('Task state: timeouts and heartbeats', () => {
  it('TimeoutSeconds fails the task with States.Timeout and TaskTimedOut, aborting the handler signal', async () => {
    let aborted = false;
    const r = await run(task({ TimeoutSeconds: 5 }), {}, {
      handlers: {
        'arn:aws:states:::my:task': async (_i, ctx) => {
          ctx.signal.addEventListener('abort', () => (aborted = true));
          await ctx.clock.sleep(60_000, ctx.signal);
          return 1;
        },
      },
    });
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(r.types).toContain('TaskTimedOut');
    expect(aborted).toBe(true);
  });

  it('HeartbeatSeconds fails with States.HeartbeatTimeout unless the handler calls heartbeat()', async () => {
    const slow = (beat: boolean) => async (_i: unknown, ctx: TaskContext) => {
      for (let i = 0; i < 5; i++) {
        await ctx.clock.sleep(4000, ctx.signal);
        if (beat) ctx.heartbeat();
      }
      return 'done';
    };
    const def = task({ TimeoutSeconds: 100, HeartbeatSeconds: 5 });
    expect(await run(def, {}, { handlers: { 'arn:aws:states:::my:task': slow(true) } })).toMatchObject({ status: 'SUCCEEDED', output: 'done' });
    const missed = await run(def, {}, { handlers: { 'arn:aws:states:::my:task': slow(false) } });
    expect(missed).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    expect(missed.types).toContain('TaskTimedOut');
  });

  it('TimeoutSecondsPath reads the timeout from the input', async () => {
    const r = await run(task({ TimeoutSecondsPath: '$.t' }), { t: 1 }, { handlers: { 'arn:aws:states:::my:task': (_i, ctx) => ctx.clock.sleep(2000).then(() => 1) } });
    expect(r.error).toBe('States.Timeout');
  });
});

describe('Task state: Lambda functions', () => {
  const arn = 'arn:aws:lambda:us-east-1:123456789012:function:greet';

  it('serves a Lambda ARN used as Resource from the user code, with Lambda history events', async () => {
    const r = await run({ StartAt: 'L', States: { L: { Type: 'Task', Resource: arn, End: true } } }, { who: 'x' }, {
      lambdas: { greet: async (event: { who: string }) => `hi ${event.who}` },
    });
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: 'hi x' });
    expect(r.types).toEqual(['ExecutionStarted', 'TaskStateEntered', 'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
  });

  it('serves lambda:invoke with the Payload envelope, matching FunctionName by name, partial or full ARN', async () => {
    for (const fn of ['greet', '123456789012:function:greet', arn, `${arn}:live`]) {
      const r = await run(
        { StartAt: 'L', States: { L: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: fn, 'Payload.$': '$' }, End: true } } },
        { n: 1 },
        { lambdas: { [arn]: (event: { n: number }) => ({ n: event.n + 1 }) } },
      );
      expect(r.status).toBe('SUCCEEDED');
      expect(r.output).toMatchObject({ Payload: { n: 2 }, StatusCode: 200 });
    }
  });

  it('reports a function error as Lambda does: Error = errorType, Cause = error JSON', async () => {
    const r = await run({ StartAt: 'L', States: { L: { Type: 'Task', Resource: arn, End: true } } }, {}, {
      lambdas: { greet: () => { throw Object.assign(new Error('bad input'), { name: 'ValidationError' }); } },
    });
    expect(r.error).toBe('ValidationError');
    expect(JSON.parse(r.cause!)).toMatchObject({ errorMessage: 'bad input', errorType: 'ValidationError' });
  });

  it('a Lambda returning undefined gives null, as the Lambda runtime does', async () => {
    const r = await run({ StartAt: 'L', States: { L: { Type: 'Task', Resource: arn, End: true } } }, {}, { lambdas: { greet: () => undefined } });
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: null });
  });

  it('a result over 256 KiB fails with States.DataLimitExceeded, which States.ALL catches', async () => {
    const r = await run(
      {
        StartAt: 'L',
        States: { L: { Type: 'Task', Resource: arn, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'C' }], End: true }, C: { Type: 'Pass', End: true } },
      },
      {},
      { lambdas: { greet: () => 'a'.repeat(300_000) } },
    );
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toMatchObject({ Error: 'States.DataLimitExceeded' });
  });
});
