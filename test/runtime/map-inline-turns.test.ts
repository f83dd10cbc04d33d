import { describe, expect, it } from 'vitest';
import { RealClock, StateMachine } from '../../src/index.js';

const turn = () => new Promise<void>((r) => setImmediate(r));

/** An inline Map over `$.items` whose iterations are two Pass states. */
function map(maxConcurrency: number): StateMachine {
  return new StateMachine(
    {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          MaxConcurrency: maxConcurrency,
          ItemProcessor: {
            StartAt: 'A',
            States: { A: { Type: 'Pass', Parameters: { 'v.$': '$' }, Next: 'B' }, B: { Type: 'Pass', Result: 1, End: true } },
          },
          End: true,
        },
      },
    },
    { maxHistoryEvents: Infinity },
  );
}

// The host keeps its turns while a long inline Map runs on the real clock (ARCHITECTURE: never
// starve the host): it must not start every item of an unlimited Map before the first turn.
describe('inline Map and the event loop', () => {
  for (const limit of [0, 40]) {
    it(`gives the host turns before it has started every item (MaxConcurrency ${limit})`, async () => {
      const items = Array.from({ length: 30_000 }, (_, v) => v);
      const execution = map(limit).start({ items }, { clock: new RealClock() });
      await turn();
      const started = execution.history.filter((e) => e.type === 'MapIterationStarted').length;
      expect(started).toBeLessThan(items.length);
      const r = await execution.result;
      expect(r.status).toBe('SUCCEEDED');
      expect((r.output as unknown[]).length).toBe(items.length);
    });
  }
});
