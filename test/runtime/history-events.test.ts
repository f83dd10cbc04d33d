/** History events are a union keyed by `type`: narrowing on the type gives its details typed. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { detailsOf, isEvent, type ErrorDetails, type HistoryEvent } from '../../src/index.js';
import { isStateEntered, isStateExited } from '../../src/runtime/history.js';
import { run } from '../helpers.js';

describe('typed history events', () => {
  it('narrow by type to their own details member', async () => {
    const r = await run({ StartAt: 'P', States: { P: { Type: 'Pass', Result: 1, Next: 'F' }, F: { Type: 'Fail', Error: 'E', Cause: 'c' } } });
    const failed = r.execution.history.find((e): e is Extract<HistoryEvent, { type: 'ExecutionFailed' }> => isEvent(e, 'ExecutionFailed'))!;
    expectTypeOf(failed.executionFailedEventDetails).toEqualTypeOf<ErrorDetails | undefined>();
    expect(failed.executionFailedEventDetails).toEqual({ error: 'E', cause: 'c' });
    const entered = r.execution.history.filter(isStateEntered).map((e) => e.stateEnteredEventDetails?.name);
    expect(entered).toEqual(['P', 'F']);
    const exited = r.execution.history.filter(isStateExited).map((e) => e.stateExitedEventDetails?.output);
    expect(exited).toEqual(['1']);
  });

  it('detailsOf reads the details member of any event, and nothing for types that carry none', async () => {
    const r = await run({ StartAt: 'P', States: { P: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'S', States: { S: { Type: 'Succeed' } } }] } } });
    const byType = Object.fromEntries(r.execution.history.map((e) => [e.type, detailsOf(e)]));
    expect(byType.ParallelStateEntered).toMatchObject({ name: 'P' });
    expect(byType.ParallelStateStarted).toBeUndefined();
    expect(byType.ExecutionSucceeded).toMatchObject({ output: '[{}]' });
  });
});
