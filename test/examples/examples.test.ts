import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StateMachine, VirtualClock } from '../../src/index.js';
// @ts-expect-error plain JavaScript example modules
import * as order from '../../examples/order-fulfilment/handlers.mjs';
// @ts-expect-error plain JavaScript example modules
import * as invoice from '../../examples/jsonata-variables/handlers.mjs';

const load = (name: string) => readFileSync(new URL(`../../examples/${name}/state-machine.asl.json`, import.meta.url), 'utf8');

describe('examples/order-fulfilment', () => {
  const machine = new StateMachine(load('order-fulfilment'), { lambdas: order.lambdas });

  it('ships a valid order; the one-hour courier wait shows in history time only', async () => {
    const e = machine.start(order.sampleOrder, { handlers: order.handlers(), clock: new VirtualClock('2024-06-01T09:00:00Z') });
    const r = await e.result;
    expect(r).toEqual({ status: 'SUCCEEDED', output: { orderId: 'A-1001', status: 'SHIPPED', message: 'Order A-1001 shipped with tracking TRK-A-1001' } });
    expect(e.history.at(-1)!.timestamp).toBe('2024-06-01T10:00:00.000Z');
  });

  it('rejects an order with an out-of-stock item through the Map catcher', async () => {
    const r = await machine.run(order.sampleOrder, { handlers: order.handlers({ apple: 1, pear: 5 }), clock: new VirtualClock() });
    expect(r).toMatchObject({ status: 'FAILED', error: 'OrderRejected' });
  });

  it('rejects an empty order at the Choice state', async () => {
    const r = await machine.run({ orderId: 'E', items: [] }, { handlers: order.handlers(), clock: new VirtualClock() });
    expect(r).toMatchObject({ status: 'FAILED', error: 'OrderRejected' });
  });
});

describe('examples/jsonata-variables', () => {
  it('prices the lines, applies the discount and builds the invoice', async () => {
    const machine = new StateMachine(load('jsonata-variables'), { handlers: invoice.handlers });
    const r = await machine.run(invoice.sampleInput, { clock: new VirtualClock(), uuid: () => 'inv-1' });
    // 4 × 12.5 + 2 × 40 + 10 × 3 = 160; 10% off from 100 upwards.
    expect(r).toEqual({
      status: 'SUCCEEDED',
      output: { customer: 'ACME Ltd', lines: 3, subtotal: 160, discount: 16, total: 144, invoiceId: 'inv-1' },
    });
  });
});
