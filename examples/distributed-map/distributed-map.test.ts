// A Distributed Map over a CSV of orders in a local folder: items read as a stream, priced in
// batches by child executions, a failing batch tolerated, results written to another folder
// in AWS's ResultWriter layout (manifest.json, SUCCEEDED_0.json, FAILED_0.json).
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { StateMachine } from 'asl-runtime';
import { DirectoryObjectStore } from 'asl-runtime/node';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module
import { lambdas } from './handlers.mjs';

const definition = readFileSync(new URL('./state-machine.asl.json', import.meta.url), 'utf8');
/** Each bucket is a folder of ./buckets: orders-in holds orders.csv, orders-out gets the results. */
const root = fileURLToPath(new URL('./buckets', import.meta.url));

describe('distributed map over a CSV of orders', () => {
  it('prices the good batches, tolerates the bad one and writes the results to a folder', async () => {
    mkdirSync(`${root}/orders-out`, { recursive: true });
    const objectStore = new DirectoryObjectStore(root);
    const machine = new StateMachine(definition, { lambdas, objectStore });

    const execution = machine.start({ ordersKey: 'orders.csv', currency: 'EUR' });
    const result = await execution.result;

    // 7 orders in batches of 3: the batch with O-1006 (quantity -1) fails, so 3 of 7 items
    // (43%) failed, under the 50% tolerated.
    expect(result.status).toBe('SUCCEEDED');
    const { MapRunArn, ResultWriterDetails } = (result.output as { results: { MapRunArn: string; ResultWriterDetails: { Bucket: string; Key: string } } }).results;
    expect(MapRunArn).toMatch(/:mapRun:StateMachine\/PriceOrders:/);
    expect(ResultWriterDetails.Bucket).toBe('orders-out');
    expect(ResultWriterDetails.Key).toMatch(/^pricing\/[0-9a-f-]{36}\/manifest\.json$/);

    const read = (key: string) => JSON.parse(readFileSync(`${root}/orders-out/${key}`, 'utf8'));
    const manifest = read(ResultWriterDetails.Key);
    expect(manifest.MapRunArn).toBe(MapRunArn);
    // FLATTEN: each batch returned an array of priced orders; the file holds the orders.
    expect(read(manifest.ResultFiles.SUCCEEDED[0].Key)).toEqual(
      expect.arrayContaining([
        { orderId: 'O-1001', total: 25, currency: 'EUR' },
        { orderId: 'O-1002', total: 8, currency: 'EUR' },
        { orderId: 'O-1003', total: 50, currency: 'EUR' },
        { orderId: 'O-1007', total: 3.6, currency: 'EUR' },
      ]),
    );
    // The failed batch is kept whole, with its input and the error.
    const [failed] = read(manifest.ResultFiles.FAILED[0].Key);
    expect(failed).toMatchObject({ Status: 'FAILED', Error: 'InvalidOrder', Cause: expect.stringContaining('O-1006') });
    expect(JSON.parse(failed.Input).Items.map((o: { orderId: string }) => o.orderId)).toEqual(['O-1004', 'O-1005', 'O-1006']);

    // The parent history holds only the Map Run's events; the run's counts are on execution.mapRuns.
    expect(execution.history.map((e) => e.type)).toContain('MapRunSucceeded');
    expect(execution.mapRuns[0]!.itemCounts).toMatchObject({ total: 7, succeeded: 4, failed: 3 });
  });
});
