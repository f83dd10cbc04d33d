/** A workflow that exercises every outcome the viewer shows, and one run of it. */
import { StateMachine, VirtualClock, type HistoryEvent } from '../../src/index.js';

/** Retry, Catch inside a Map iteration, a Parallel with a Wait, a Choice, and states that never run. */
export const shopDefinition = {
  Comment: 'Viewer fixture',
  StartAt: 'FetchOrder',
  States: {
    FetchOrder: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'fetch-order', 'Payload.$': '$' },
      OutputPath: '$.Payload',
      Retry: [{ ErrorEquals: ['Orders.Throttled'], IntervalSeconds: 2, MaxAttempts: 3 }],
      Next: 'ReserveItems',
    },
    ReserveItems: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: {
        StartAt: 'Reserve',
        States: {
          Reserve: {
            Type: 'Task',
            Resource: 'arn:aws:states:::dynamodb:updateItem',
            Parameters: { 'sku.$': '$.sku' },
            Catch: [{ ErrorEquals: ['Stock.OutOfStock'], ResultPath: '$.problem', Next: 'Backorder' }],
            End: true,
          },
          Backorder: { Type: 'Pass', Result: 'backordered', ResultPath: '$.status', End: true },
        },
      },
      ResultPath: '$.reservations',
      Next: 'ChargeAndShip',
    },
    ChargeAndShip: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Charge', States: { Charge: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'charge', 'Payload.$': '$' }, OutputPath: '$.Payload', End: true } } },
        {
          StartAt: 'WaitForCourier',
          States: {
            WaitForCourier: { Type: 'Wait', Seconds: 3600, Next: 'Ship' },
            Ship: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'ship', 'Payload.$': '$' }, OutputPath: '$.Payload', End: true },
          },
        },
      ],
      ResultPath: '$.fulfilment',
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Rejected' }],
      Next: 'IsPriority',
    },
    IsPriority: {
      Type: 'Choice',
      Choices: [{ Variable: '$.priority', BooleanEquals: true, Next: 'NotifyPriority' }],
      Default: 'Notify',
    },
    NotifyPriority: { Type: 'Pass', End: true },
    Notify: { Type: 'Pass', Parameters: { 'orderId.$': '$.orderId', status: 'SHIPPED' }, End: true },
    Rejected: { Type: 'Fail', Error: 'OrderRejected', Cause: 'Payment or shipping failed.' },
  },
} as const;

/** Runs {@link shopDefinition} on a virtual clock: FetchOrder is throttled once, the pear is out of stock. */
export async function runShop(): Promise<{ history: readonly HistoryEvent[]; status: string }> {
  let calls = 0;
  const machine = new StateMachine(shopDefinition);
  const execution = machine.start(
    { orderId: 'A-1', priority: false, items: [{ sku: 'apple' }, { sku: 'pear' }, { sku: 'plum' }] },
    {
      clock: new VirtualClock('2024-05-01T09:00:00Z'),
      lambdas: {
        'fetch-order': async (order: unknown) => {
          if (calls++ === 0) throw Object.assign(new Error('Rate exceeded'), { name: 'Orders.Throttled' });
          return order;
        },
        charge: async () => ({ charged: 12.5 }),
        ship: async () => ({ tracking: 'TRK-1' }),
      },
      handlers: {
        'arn:aws:states:::dynamodb:updateItem': async (input: { sku: string }) => {
          if (input.sku === 'pear') throw Object.assign(new Error('pear: 0 left'), { name: 'Stock.OutOfStock' });
          return { sku: input.sku, reserved: true };
        },
      },
    },
  );
  const result = await execution.result;
  return { history: execution.history, status: result.status };
}
