// Unit-testing a data-processing Map with asl-runtime: real handler code, mocks for failures,
// and virtual time for retry backoff.
import { readFileSync } from 'node:fs';
import { StateMachine, VirtualClock } from 'asl-runtime';
import { testRun } from 'asl-runtime/testing';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module
import { lambdas, sampleBatch } from './handlers.mjs';

const definition = readFileSync(new URL('./state-machine.asl.json', import.meta.url), 'utf8');

describe('data processing', () => {
  it('enriches good records and reports bad ones without failing the batch', async () => {
    const result = await new StateMachine(definition, { lambdas }).run(sampleBatch, { clock: new VirtualClock() });
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: {
        batchId: 'B-2024-06-01',
        total: 4,
        accepted: [
          { id: 'r1', cents: 1250, category: 'small' },
          { id: 'r2', cents: 25000, category: 'large' },
          { id: 'r4', cents: 99, category: 'small' },
        ],
        rejected: [{ status: 'rejected', position: 2, reason: 'record "r3" has no id or no positive amount' }],
      },
    });
  });

  it('rides out throttling with jittered backoff, in virtual time', async () => {
    const r = await testRun(definition, { batchId: 'B', records: [{ id: 'a', amount: 1 }] }, {
      random: () => 0.5,
      mocks: {
        Enrich: [
          { throw: { error: 'Enrich.Throttled' } },
          { throw: { error: 'Enrich.Throttled' } },
          { Payload: { id: 'a', cents: 100, category: 'small' } },
        ],
      },
    });
    expect(r.output).toMatchObject({ total: 1, accepted: [{ id: 'a' }] });
    // FULL jitter with random 0.5: waits of 0.5 s then 1 s.
    const scheduled = r.history.filter((e) => e.type === 'TaskScheduled').map((e) => Date.parse(e.timestamp));
    expect(scheduled.slice(1).map((t, i) => t - scheduled[i]!)).toEqual([500, 1000]);
  });
});
