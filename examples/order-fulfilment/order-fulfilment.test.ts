// How to unit-test a state machine with asl-runtime and Vitest: this file imports the package as
// a user would ('asl-runtime', 'asl-runtime/testing') and runs with `npm test`.
import { readFileSync } from 'node:fs';
import { StateMachine, VirtualClock } from 'asl-runtime';
import { loadMockConfig, normaliseHistory, testRun, testState } from 'asl-runtime/testing';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module
import { handlers, lambdas, sampleOrder } from './handlers.mjs';

const definition = readFileSync(new URL('./state-machine.asl.json', import.meta.url), 'utf8');
const twoItems = { orderId: 'T-1', items: [{ sku: 'apple', qty: 1, price: 2 }, { sku: 'pear', qty: 1, price: 3 }] };

describe('order fulfilment, with its real handlers', () => {
  it('ships the order; the one-hour courier wait costs no real time', async () => {
    const execution = new StateMachine(definition, { lambdas, handlers: handlers() }).start(sampleOrder, { clock: new VirtualClock('2024-06-01T09:00:00Z') });
    const result = await execution.result;
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { status: 'SHIPPED' } });
    expect(execution.history.at(-1)!.timestamp).toBe('2024-06-01T10:00:00.000Z');
  });
});

describe('order fulfilment, with mocks by state name', () => {
  it('retries a busy stock table, then ships', async () => {
    const r = await testRun(definition, twoItems, {
      mocks: {
        ValidateOrder: { Payload: { valid: true, total: 5 } },
        // One outcome per attempt: two Stock.Busy errors, then success (for each Map item).
        Reserve: (_input: unknown, ctx: { attempt: number }) => {
          if (ctx.attempt < 2) throw Object.assign(new Error('busy'), { name: 'Stock.Busy' });
          return { reserved: true };
        },
        Charge: { Payload: { charged: 5 } },
        Ship: { Payload: { tracking: 'TRK-9' } },
      },
    });
    expect(r.status).toBe('SUCCEEDED');
    // Retries stay in the state: two items, each failed twice before it succeeded.
    expect(r.visitedStates.filter((s) => s === 'Reserve')).toHaveLength(2);
    expect(r.history.filter((e) => e.type === 'TaskFailed')).toHaveLength(4);
  });

  it('rejects the order when an item is out of stock', async () => {
    const r = await testRun(definition, twoItems, {
      mocks: { ValidateOrder: { Payload: { valid: true, total: 5 } }, Reserve: { throw: { error: 'Stock.OutOfStock', cause: 'none left' } } },
    });
    expect(r).toMatchObject({ status: 'FAILED', error: 'OrderRejected' });
    expect(r.visitedStates).toContain('Rejected');
  });
});

describe('order fulfilment, with an AWS Step Functions Local mock-config file', () => {
  const config = loadMockConfig(readFileSync(new URL('./MockConfigFile.json', import.meta.url), 'utf8'));
  const run = (testCase: string) => testRun(definition, twoItems, { mockConfig: config, stateMachine: 'OrderFulfilment', testCase });

  it('HappyPath ships', async () => {
    expect((await run('HappyPath')).output).toEqual({ orderId: 'T-1', status: 'SHIPPED', message: 'Order T-1 shipped with tracking TRK-MOCK' });
  });

  it('StockBusyThenOk retries on the mocked errors', async () => {
    // Response numbers count every invocation of the state, across Map items (AWS mock-config rules):
    // the first two fail with Stock.Busy and are retried, the rest succeed.
    const r = await run('StockBusyThenOk');
    expect(r.status).toBe('SUCCEEDED');
    expect(r.history.filter((e) => e.type === 'TaskFailed')).toHaveLength(2);
  });

  it('OutOfStock ends in the Rejected state', async () => {
    expect(await run('OutOfStock')).toMatchObject({ status: 'FAILED', error: 'OrderRejected' });
  });
});

describe('single states, like the AWS TestState API', () => {
  it('Choice: an invalid order goes to Rejected', async () => {
    const t = await testState(definition, { stateName: 'IsValid', input: { validation: { valid: false } } });
    expect(t).toMatchObject({ status: 'SUCCEEDED', nextState: 'Rejected' });
  });

  it('Task at DEBUG shows each data-flow step', async () => {
    const t = await testState(definition, {
      stateName: 'ValidateOrder',
      input: { orderId: 'X', items: [] },
      mock: { result: JSON.stringify({ Payload: { valid: false, total: 0 } }) },
      inspectionLevel: 'DEBUG',
    });
    expect(t.status).toBe('SUCCEEDED');
    expect(t.nextState).toBe('IsValid');
    expect(t.inspectionData).toMatchObject({
      afterParameters: { FunctionName: 'validate-order', Payload: { orderId: 'X', items: [] } },
      afterResultSelector: { valid: false, total: 0 },
      afterResultPath: { orderId: 'X', items: [], validation: { valid: false, total: 0 } },
    });
  });
});

describe('history snapshots', () => {
  it('normaliseHistory makes histories stable across runs', async () => {
    const run = async () => (await testRun(definition, twoItems, { mockConfig: loadMockConfig(readFileSync(new URL('./MockConfigFile.json', import.meta.url), 'utf8')), stateMachine: 'OrderFulfilment', testCase: 'HappyPath' })).history;
    expect(normaliseHistory(await run())).toEqual(normaliseHistory(await run()));
  });
});
