// A long-lived shared Runtime (findings D15, D12): what it remembers of ended executions is
// bounded, late answers still get AWS's error names, and one execution cannot run twice on it.
// AWS SendTaskSuccess API reference, Errors: TaskTimedOut ("the task token has either expired
// or the task associated with the token has already been closed"), TaskDoesNotExist.
import { describe, expect, it } from 'vitest';
import { StatesError } from '../../src/errors.js';
import { AslUsageError, Runtime, StateMachine, VirtualClock } from '../../src/index.js';
import { SnapshotAlreadyResumedError } from '../../src/tasks/hub.js';
import { TaskTokens } from '../../src/tasks/tokens.js';

const ARN = 'arn:aws:states:us-east-1:123456789012:execution:Approval:order-42';
const token = (i: number) => TaskTokens.create(() => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
const neverAborted = () => new AbortController().signal;

/** Issues, waits on and answers `count` tokens (the first `timedOut` of them time out instead). */
async function finish(tokens: TaskTokens, count: number, timedOut = 0): Promise<string[]> {
  const all = Array.from({ length: count }, (_, i) => token(i));
  for (const [i, t] of all.entries()) {
    tokens.issue(t);
    if (i < timedOut) {
      const ac = new AbortController();
      const waiting = tokens.wait(t, () => {}, ac.signal);
      ac.abort(new StatesError('States.Timeout', ''));
      await waiting.catch(() => undefined);
    } else {
      const waiting = tokens.wait(t, () => {}, neverAborted());
      tokens.succeed(t, {});
      await waiting;
    }
    tokens.retire(t, i < timedOut ? 'timedOut' : 'completed'); // the task's own retire: a no-op now
  }
  return all;
}

function errorName(fn: () => void): string | undefined {
  try {
    fn();
    return undefined; // accepted
  } catch (error) {
    return (error as Error).name;
  }
}

describe('TaskTokens: finished tokens', () => {
  it('remembers only the most recent finishedTokenLimit, oldest forgotten first', async () => {
    const tokens = new TaskTokens({ finishedTokenLimit: 5 });
    await finish(tokens, 40);
    expect(tokens.sizes()).toEqual({ live: 0, finished: 5 });
  });

  it('answers TaskTimedOut for a recent timed-out token and TaskDoesNotExist once it is forgotten, never accepting it', async () => {
    const tokens = new TaskTokens({ finishedTokenLimit: 3 });
    const [first, second, third] = await finish(tokens, 3, 3);
    expect(errorName(() => tokens.succeed(first!, {}))).toBe('TaskTimedOut');
    expect(errorName(() => tokens.heartbeat(second!))).toBe('TaskTimedOut');
    // Three more finish: the timed-out ones are forgotten.
    for (let i = 10; i < 13; i++) {
      const t = token(i);
      tokens.issue(t);
      tokens.retire(t, 'completed');
    }
    expect(tokens.sizes().finished).toBe(3);
    for (const t of [first!, second!, third!]) {
      expect(errorName(() => tokens.succeed(t, {}))).toBe('TaskDoesNotExist');
      expect(errorName(() => tokens.fail(t, 'E'))).toBe('TaskDoesNotExist');
      expect(errorName(() => tokens.heartbeat(t))).toBe('TaskDoesNotExist');
    }
  });

  it('answers TaskDoesNotExist for a completed token, recent or forgotten', async () => {
    const tokens = new TaskTokens({ finishedTokenLimit: 2 });
    const all = await finish(tokens, 4);
    for (const t of all) expect(errorName(() => tokens.succeed(t, {}))).toBe('TaskDoesNotExist');
  });

  it('keeps none with a limit of 0, and refuses a bad limit', async () => {
    const tokens = new TaskTokens({ finishedTokenLimit: 0 });
    const [t] = await finish(tokens, 1, 1);
    expect(tokens.sizes()).toEqual({ live: 0, finished: 0 });
    expect(errorName(() => tokens.succeed(t!, {}))).toBe('TaskDoesNotExist');
    for (const bad of [-1, 1.5, Number.NaN, Infinity, '10']) {
      expect(() => new TaskTokens({ finishedTokenLimit: bad as number })).toThrow(AslUsageError);
      expect(() => new Runtime({ finishedTokenLimit: bad as number })).toThrow(/finishedTokenLimit/);
    }
  });

  it('makes a token retired again the newest (it is not forgotten first)', () => {
    const tokens = new TaskTokens({ finishedTokenLimit: 2 });
    const [a, b, c] = [token(1), token(2), token(3)];
    tokens.issue(a);
    tokens.retire(a, 'timedOut');
    tokens.issue(b);
    tokens.retire(b, 'timedOut');
    tokens.issue(a); // a resumed execution re-issues it
    tokens.retire(a, 'timedOut');
    tokens.issue(c);
    tokens.retire(c, 'timedOut'); // evicts b, the oldest
    expect(errorName(() => tokens.succeed(a, {}))).toBe('TaskTimedOut');
    expect(errorName(() => tokens.succeed(b, {}))).toBe('TaskDoesNotExist');
  });
});

describe('a shared Runtime over many executions', () => {
  const CALLBACK = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';
  const machine = new StateMachine({
    StartAt: 'Ask',
    States: { Ask: { Type: 'Task', Resource: CALLBACK, Parameters: { 'token.$': '$$.Task.Token' }, TimeoutSeconds: 60, End: true } },
  });

  it('holds a bounded number of finished tokens and still refuses late answers', async () => {
    const runtime = new Runtime({ finishedTokenLimit: 10 });
    const sent: string[] = [];
    const handlers = { [CALLBACK]: (input: { token: string }) => (sent.push(input.token), {}) };
    for (let i = 0; i < 30; i++) {
      const clock = new VirtualClock();
      const e = machine.start({}, { runtime, handlers, clock });
      while (sent.length <= i) await new Promise((res) => setImmediate(res)); // the task is waiting
      if (i % 2 === 0) {
        await clock.advance(60_000); // the task times out
        expect(await e.result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
      } else {
        runtime.sendTaskSuccess(sent[i]!, { ok: i });
        expect(await e.result).toEqual({ status: 'SUCCEEDED', output: { ok: i } });
      }
    }
    expect(sent).toHaveLength(30);
    expect(runtime.tokens.sizes()).toEqual({ live: 0, finished: 10 });
    expect(errorName(() => runtime.sendTaskSuccess(sent[28]!, {}))).toBe('TaskTimedOut'); // recent, timed out
    expect(errorName(() => runtime.sendTaskSuccess(sent[29]!, {}))).toBe('TaskDoesNotExist'); // recent, completed
    expect(errorName(() => runtime.sendTaskSuccess(sent[0]!, {}))).toBe('TaskDoesNotExist'); // forgotten
    expect(errorName(() => runtime.sendTaskFailure(sent[2]!, 'Late'))).toBe('TaskDoesNotExist');
  });
});

describe('Runtime.claimResume / releaseResume', () => {
  it('refuses a second claim of a running execution with SnapshotAlreadyResumedError, a catchable AslUsageError', () => {
    const runtime = new Runtime();
    runtime.claimResume(ARN, 7);
    const error = (() => {
      try {
        runtime.claimResume(ARN, 7);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(SnapshotAlreadyResumedError);
    expect(error).toBeInstanceOf(AslUsageError);
    expect(error).toMatchObject({ name: 'SnapshotAlreadyResumedError', executionArn: ARN, version: 7, runningVersion: 7 });
    // The refused claim changed nothing: the first claim still holds.
    expect(() => runtime.claimResume(ARN, 9)).toThrow(expect.objectContaining({ runningVersion: 7, version: 9 }));
  });

  it('allows a claim again once released, keeps executions apart, and is per Runtime', () => {
    const runtime = new Runtime();
    runtime.claimResume(ARN, 3);
    runtime.claimResume(`${ARN}-other`, 3);
    expect(() => new Runtime().claimResume(ARN, 3)).not.toThrow();
    runtime.releaseResume(ARN);
    runtime.releaseResume(ARN); // idempotent
    expect(() => runtime.claimResume(ARN, 4)).not.toThrow();
    expect(() => runtime.claimResume(`${ARN}-other`, 4)).toThrow(SnapshotAlreadyResumedError);
  });
});
