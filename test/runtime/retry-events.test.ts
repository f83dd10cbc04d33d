/**
 * One retry loop for Task, Parallel and Map. Recorded AWS histories of a retried Map or
 * Parallel: a failed attempt goes straight from its failed iteration or branch to the next
 * MapStateStarted / ParallelStateStarted; MapStateFailed / ParallelStateFailed is written once,
 * when the state finally fails.
 */
import { describe, expect, it } from 'vitest';
import { StatesError } from '../../src/index.js';
import { run } from '../helpers.js';

const FLAKY = 'arn:aws:states:::flaky';
const retry = [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1, MaxAttempts: 2 }];

function handlers(failures: number) {
  let calls = 0;
  return {
    [FLAKY]: () => {
      if (calls++ < failures) throw new StatesError('Flaky', `call ${calls}`);
      return 'ok';
    },
  };
}

const branch = { StartAt: 'T', States: { T: { Type: 'Task', Resource: FLAKY, End: true } } };

describe('a retried Parallel', () => {
  const def = { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [branch], Retry: retry, End: true } } };

  it('goes from the failed branch straight to the next ParallelStateStarted', async () => {
    const r = await run(def, {}, { handlers: handlers(1) });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.types.filter((t) => t === 'ParallelStateStarted')).toHaveLength(2);
    expect(r.types).not.toContain('ParallelStateFailed');
  });

  it('writes ParallelStateFailed once, when the retries are spent', async () => {
    const r = await run(def, {}, { handlers: handlers(5) });
    expect(r).toMatchObject({ status: 'FAILED', error: 'Flaky' });
    expect(r.types.filter((t) => t === 'ParallelStateStarted')).toHaveLength(3);
    expect(r.types.filter((t) => t === 'ParallelStateFailed')).toHaveLength(1);
    expect(r.types.slice(-2)).toEqual(['ParallelStateFailed', 'ExecutionFailed']);
  });
});

describe('a retried Map', () => {
  const def = { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: branch, Retry: retry, End: true } } };

  it('goes from the failed iteration straight to the next MapStateStarted', async () => {
    const r = await run(def, [1], { handlers: handlers(1) });
    expect(r.status).toBe('SUCCEEDED');
    const i = r.types.indexOf('MapIterationFailed');
    expect(r.types[i + 1]).toBe('MapStateStarted');
    expect(r.types).not.toContain('MapStateFailed');
  });

  it('writes MapStateFailed once, when the retries are spent', async () => {
    const r = await run(def, [1], { handlers: handlers(5) });
    expect(r).toMatchObject({ status: 'FAILED', error: 'Flaky' });
    expect(r.types.filter((t) => t === 'MapStateStarted')).toHaveLength(3);
    expect(r.types.filter((t) => t === 'MapStateFailed')).toHaveLength(1);
  });
});

describe('$$.State.RetryCount', () => {
  it('counts the attempts of a retried Task', async () => {
    const def = { StartAt: 'T', States: { T: { Type: 'Task', Resource: FLAKY, Parameters: { 'n.$': '$$.State.RetryCount' }, Retry: retry, End: true } } };
    const seen: number[] = [];
    let calls = 0;
    const r = await run(def, {}, {
      handlers: {
        [FLAKY]: (i: { n: number }) => {
          seen.push(i.n);
          if (calls++ < 2) throw new StatesError('Flaky', '');
          return i.n;
        },
      },
    });
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: 2 });
    expect(seen).toEqual([0, 1, 2]);
  });
});
