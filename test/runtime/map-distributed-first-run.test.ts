// The Distributed Map's run code is imported on its first run (cold start). No time may pass
// meanwhile: a Map Run and its child executions start when the Map state is entered, whatever
// else runs on the same virtual clock (AWS "Distributed Map state": the state starts a Map Run).
// This file's first test is the process's first Distributed Map run, so the import happens in it.
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

const distributed = {
  Type: 'Map',
  ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
  End: true,
};

describe('the first Distributed Map run in a process', () => {
  it('starts its Map Run and children at the time the Map state is entered, beside a Wait on the same clock', async () => {
    const def = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } },
            { StartAt: 'M', States: { M: distributed } },
          ],
        },
      },
    };
    const r = await run(def, [1, 2]);
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toEqual([[1, 2], [1, 2]]);
    const [mapRun] = r.execution.mapRuns;
    expect(mapRun!.startDate.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(mapRun!.executions.map((e) => e.startDate.toISOString())).toEqual(['2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z']);
  });
});
