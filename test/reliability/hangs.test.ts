import { beforeAll, describe, expect, it } from 'vitest';
import { checkBuild, runScenario, type ScenarioOutput } from './harness.js';

// Each scenario runs in its own Node process on the built package, killed at its deadline: a
// run that starves its event loop cannot time itself out (findings D1-D4, D8, D9, D12 in
// notes/reliability-findings.md). A failure reads "did not settle within Xs: <scenario>".

beforeAll(checkBuild);

// Generous against a loaded 2-core machine: a scenario that settles takes well under a second
// unloaded. RELIABILITY_DEADLINE_MS raises it on a slower machine.
const DEADLINE = Number(process.env.RELIABILITY_DEADLINE_MS) || 8000;
// Queued scenarios wait for the pool, so the test's own timeout is not the deadline.
const QUEUED = 120_000;

const run = (name: string, ...args: string[]): Promise<ScenarioOutput> => runScenario(name, args, DEADLINE);

describe.concurrent('cancellation always settles (DESIGN: "an aborted branch, iteration or execution settles at once; a handler is never started with an aborted signal")', () => {
  for (const clock of ['real', 'virtual']) {
    for (const handler of ['ignore', 'listen']) {
      it(`a Parallel with a failing branch fails with that branch's error while the other branch's handler (${handler}s its signal) hangs, ${clock} clock`, { timeout: QUEUED }, async () => {
        // "Parallel": if any branch fails, the Parallel state fails with that branch's error.
        expect(await run('parallel-failing-sibling', handler, 'nocatch', clock)).toMatchObject({ status: 'FAILED', error: 'Boom', abortedSignalCalls: 0 });
      });

      it(`an inline Map with a failing item fails with its error while other items' handlers (${handler}) hang, ${clock} clock`, { timeout: QUEUED }, async () => {
        expect(await run('map-failing-item', handler, clock)).toMatchObject({ status: 'FAILED', error: 'Boom', abortedSignalCalls: 0 });
      });
    }
  }

  it("a Parallel's Catch runs when a branch fails while a sibling handler hangs", { timeout: QUEUED }, async () => {
    expect(await run('parallel-failing-sibling', 'ignore', 'catch')).toMatchObject({ status: 'SUCCEEDED', output: 'handled', abortedSignalCalls: 0 });
  });

  it('a distributed Map with a failing item fails without starting handlers on an aborted signal', { timeout: QUEUED }, async () => {
    const r = await run('distributed-map-failing-item');
    expect(r.status).toBe('FAILED');
    expect(r.abortedSignalCalls).toBe(0);
  });

  for (const at of ['TaskStateEntered', 'TaskScheduled']) {
    for (const how of ['stop', 'signal']) {
      for (const handler of ['ignore', 'listen']) {
        it(`${how === 'stop' ? 'stop()' : "the signal option's abort()"} from an event listener at ${at} ends the execution as ABORTED (handler ${handler}s its signal)`, { timeout: QUEUED }, async () => {
          expect(await run('stop-from-listener', at, how, handler)).toMatchObject({ status: 'ABORTED', abortedSignalCalls: 0 });
        });
      }
    }
  }

  it('a cancelled states:startExecution.sync Task starts no child execution, and its parent settles', { timeout: QUEUED }, async () => {
    expect(await run('start-execution-sync-after-abort')).toMatchObject({ status: 'FAILED', error: 'Boom', childRuns: 0 });
  });
});

describe.concurrent('an endless loop of instant states leaves the event loop to others (history limit off)', () => {
  for (const kind of ['task', 'pass']) {
    it(`stop() from a setTimeout ends a ${kind}/Choice loop as ABORTED`, { timeout: QUEUED }, async () => {
      expect(await run('instant-loop-stop', kind, 'timer')).toMatchObject({ status: 'ABORTED' });
    });

    it(`an AbortSignal.timeout in the signal option ends a ${kind}/Choice loop as ABORTED`, { timeout: QUEUED }, async () => {
      expect(await run('instant-loop-stop', kind, 'signal')).toMatchObject({ status: 'ABORTED' });
    });

    it(`the execution's TimeoutSeconds on the real clock ends a ${kind}/Choice loop as TIMED_OUT with States.Timeout`, { timeout: QUEUED }, async () => {
      expect(await run('instant-loop-stop', kind, 'timeout')).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    });
  }

  it('the process stays responsive: a 50 ms timer fires within 500 ms and another execution completes', { timeout: QUEUED }, async () => {
    const r = await run('responsive-probe');
    expect(r.loopStillRunning).toBe(true);
    expect(r.otherExecution).toBe('SUCCEEDED');
    for (const ms of r.timerFiredAfterMs as number[]) expect(ms).toBeLessThan(500);
  });
});

describe.concurrent("AWS's 25,000-event history limit ends a runaway execution", () => {
  // AWS: "Maximum execution history size: 25,000 events"; the execution fails when it is reached.
  for (const kind of ['pass-loop', 'task-loop', 'wait-loop', 'map']) {
    it(`${kind}: FAILED with a States.* error, at most 25,000 events`, { timeout: QUEUED }, async () => {
      const r = await run('history-limit', kind);
      expect(r.status).toBe('FAILED');
      expect(r.error).toMatch(/^States\./);
      expect(r.events).toBeLessThanOrEqual(25_000);
      expect(r.last).toBe('ExecutionFailed');
    });
  }
});

describe.concurrent('author-written and generated patterns run in linear time and answer correctly', () => {
  const cases: Array<[string, string, number, string, string]> = [
    // [what, StringMatches pattern, number of a's in the input, then, expected branch]
    ['3 stars on 10,000 chars', '*a*a*b', 10_000, '', 'no match'],
    ['2 stars on 100,000 chars', '*a*b', 100_000, '', 'no match'],
    ['4 stars on 1,000 chars', '*a*a*a*b', 1_000, '', 'no match'],
    ['40 consecutive stars on 100 chars', `${'*'.repeat(40)}b`, 100, '', 'no match'],
    ['3 stars on 10,000 chars that match', '*a*a*b', 10_000, 'b', 'matched'],
  ];
  for (const [what, pattern, count, suffix, expected] of cases) {
    it(`Choice StringMatches, ${what}`, { timeout: QUEUED }, async () => {
      expect(await run('string-matches', pattern, String(count), suffix)).toEqual({ status: 'SUCCEEDED', output: expected });
    });
  }

  it('JSONata $match with /(a+)+$/ on a non-matching string finds nothing', { timeout: QUEUED }, async () => {
    expect(await run('author-regex', 'jsonata-match')).toEqual({ status: 'SUCCEEDED', output: 0 });
  });

  it('JSONata $contains with /(a+)+$/ on a non-matching string is false', { timeout: QUEUED }, async () => {
    expect(await run('author-regex', 'jsonata-contains')).toEqual({ status: 'SUCCEEDED', output: false });
  });

  it('a JSONPath filter calling .match(/(a+)+$/) settles: no hit, or a States.* failure, or the definition is refused', { timeout: QUEUED }, async () => {
    const r = await run('author-regex', 'jsonpath-filter');
    if (r.status === 'SUCCEEDED') expect(r.output).toEqual({ hits: [] });
    else if (r.status === 'FAILED') expect(r.error).toMatch(/^States\./);
    else expect(r).toEqual({ status: 'REFUSED', error: 'AslValidationError' });
  });
});

describe.concurrent('JSONata work beyond memory or time fails the state with States.QueryEvaluationError', () => {
  for (const which of ['sort', 'range-map', 'count-map']) {
    it(which, { timeout: QUEUED }, async () => {
      expect(await run('jsonata-heavy', which)).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError' });
    });
  }
});

describe.concurrent('a handler that never settles cannot hang a test (issue 11 §8)', () => {
  for (const variant of ['plain', 'task-timeout', 'heartbeat', 'execution-timeout']) {
    it(`testRun rejects with TestWatchdogError naming the state (${variant})`, { timeout: QUEUED }, async () => {
      const r = await run('testrun-never-settles', variant);
      expect(r).toMatchObject({ rejected: 'TestWatchdogError', isTestWatchdogError: true, stateName: 'Stuck' });
      expect(r.message).toMatch(/Virtual time stands still while a handler runs/);
    });
  }

  it('testRun does so by default, within about 5 seconds', { timeout: QUEUED }, async () => {
    const r = await runScenario('testrun-never-settles', ['default-watchdog'], 5000 + DEADLINE);
    expect(r).toMatchObject({ rejected: 'TestWatchdogError', stateName: 'Stuck' });
  });

  it('testState rejects with TestWatchdogError naming the inner Task of a tested Map', { timeout: QUEUED }, async () => {
    expect(await run('teststate-never-settles')).toMatchObject({ rejected: 'TestWatchdogError', isTestWatchdogError: true, stateName: 'Each' });
  });
});

describe.concurrent('snapshots', () => {
  it('a snapshot resumed twice on one Runtime is refused, or every copy settles when its token is answered', { timeout: QUEUED }, async () => {
    const r = await run('resume-twice');
    if (r.secondResume === 'refused') expect(r).toMatchObject({ first: 'SUCCEEDED' });
    else expect(r).toMatchObject({ first: 'SUCCEEDED', second: expect.stringMatching(/^(SUCCEEDED|FAILED)$/) });
  });
});
