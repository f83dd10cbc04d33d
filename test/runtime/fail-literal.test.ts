/**
 * A Fail state with a literal Error and Cause fails every execution that reaches it the same way,
 * whether executions run one after another or at once, and whether the failure ends the
 * execution or is caught around a Parallel branch (AWS developer guide, "Fail workflow state":
 * Error and Cause; "Parallel workflow state": a failed branch fails the Parallel state).
 */
import { describe, expect, it } from 'vitest';
import { StateMachine, VirtualClock } from '../../src/index.js';

describe('Fail with literal Error and Cause', () => {
  it('fails each of many executions, concurrent ones too, with that error and cause', async () => {
    const machine = new StateMachine({ StartAt: 'No', States: { No: { Type: 'Fail', Error: 'Rejected', Cause: 'not today' } } });
    const clock = new VirtualClock(0);
    const runs = await Promise.all([1, 2, 3].map(() => machine.start({}, { clock })).map(async (e) => ({ r: await e.result, h: e.history })));
    for (const { r, h } of runs) {
      expect(r).toEqual({ status: 'FAILED', error: 'Rejected', cause: 'not today' });
      expect(h.at(-1)).toMatchObject({ type: 'ExecutionFailed', executionFailedEventDetails: { error: 'Rejected', cause: 'not today' } });
    }
  });

  it('fails its Parallel branch, and a Catch on the Parallel gets { Error, Cause }', async () => {
    const machine = new StateMachine({
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'No', States: { No: { Type: 'Fail', Error: 'Rejected' } } }],
          Catch: [{ ErrorEquals: ['Rejected'], ResultPath: '$.problem', Next: 'Done' }],
          End: true,
        },
        Done: { Type: 'Succeed' },
      },
    });
    for (let i = 0; i < 2; i++) {
      const r = await machine.run({ id: i }, { clock: new VirtualClock(0) });
      expect(r.status).toBe('SUCCEEDED');
      expect(r.output).toMatchObject({ id: i, problem: { Error: 'Rejected' } });
    }
  });
});
