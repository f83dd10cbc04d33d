/** `run`'s Wait lines come from the clock: a Wait's sleep is announced, a retry's backoff is not. */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/runtime/clock.js';
import { StateMachine } from '../../src/runtime/state-machine.js';
import { AnnouncingClock } from '../../src/cli/wait-announcer.js';

describe('AnnouncingClock', () => {
  it('announces each Wait that sleeps, with its end, and not retry backoff or a Wait already due', async () => {
    const machine = new StateMachine({
      StartAt: 'Flaky',
      States: {
        Flaky: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:flaky', Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 2 }], Next: 'Past' },
        Past: { Type: 'Wait', Timestamp: '2000-01-01T00:00:00Z', Next: 'Pause' },
        Pause: { Type: 'Wait', Seconds: 90, End: true },
      },
    });
    let calls = 0;
    const heard: [string, string, number][] = [];
    const clock = new AnnouncingClock(new VirtualClock('2024-01-01T00:00:00Z'), (state, until, ms) => heard.push([state, new Date(until).toISOString(), ms]));
    const execution = machine.start({}, {
      clock,
      lambdas: {
        flaky: () => {
          if (calls++ === 0) throw Object.assign(new Error('try again'), { name: 'Busy' });
          return {};
        },
      },
    });
    execution.history.forEach((e) => clock.observe(e));
    execution.on('event', (e) => clock.observe(e));
    expect((await execution.result).status).toBe('SUCCEEDED');
    // The retry slept 2 s first, so the Wait starts at 00:00:02.
    expect(heard).toEqual([['Pause', '2024-01-01T00:01:32.000Z', 90_000]]);
  });
});
