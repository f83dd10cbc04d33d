// Unit tests of a SAM application's state machine, straight from template.yaml: the loader
// resolves DefinitionUri and DefinitionSubstitutions (!GetAtt CheckStockFunction.Arn …) the way
// a deployment would, and the functions' own handlers serve the Tasks, keyed by logical ID.
// This file imports the package as a user would ('asl-runtime') and runs with `npm test`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadStateMachines, StateMachine, VirtualClock, type LoadedStateMachine, type TaskHandler } from 'asl-runtime';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module
import { handler as checkStock } from '../functions/check-stock/app.mjs';
// @ts-expect-error plain JavaScript module
import { handler as chargePayment } from '../functions/charge-payment/app.mjs';

const template = fileURLToPath(new URL('../template.yaml', import.meta.url));
const order = JSON.parse(readFileSync(new URL('../events/order.json', import.meta.url), 'utf8')) as { orderId: string; card: string; items: { sku: string; quantity: number; unitPrice: number }[] };

/** The Lambda functions of template.yaml, keyed by their logical IDs. */
const lambdas = { CheckStockFunction: checkStock, ChargePaymentFunction: chargePayment };

/** An in-memory stand-in for the OrdersTable: DynamoDB putItem as the optimised integration calls it. */
function ordersTable() {
  const rows: { TableName: string; Item: Record<string, { S: string }> }[] = [];
  const putItem: TaskHandler = (input) => {
    rows.push(input as (typeof rows)[number]);
    return {};
  };
  return { rows, handlers: { 'arn:aws:states:::dynamodb:putItem': putItem } };
}

let loaded: LoadedStateMachine;
beforeAll(async () => {
  const machines = await loadStateMachines(template);
  expect(machines.map((m) => m.id)).toEqual(['OrderStateMachine']);
  loaded = machines[0]!;
});

describe('template.yaml', () => {
  it('declares one Standard state machine, named from the Stage parameter', async () => {
    expect(loaded).toMatchObject({ id: 'OrderStateMachine', type: 'STANDARD', name: 'order-workflow-dev' });
    // Parameters override the template's Default, as `sam deploy --parameter-overrides Stage=prod` does.
    const [prod] = await loadStateMachines(template, { parameters: { Stage: 'prod' } });
    expect(prod?.name).toBe('order-workflow-prod');
  });

  it('leaves no placeholder unresolved and validates', () => {
    expect(loaded.diagnostics).toEqual([]);
    expect(JSON.stringify(loaded.definition)).not.toContain('${');
    expect(() => new StateMachine(loaded.definition)).not.toThrow();
  });

  it("points each Task at its function's ARN (DefinitionSubstitutions with !GetAtt … .Arn)", () => {
    const states = (loaded.definition as { States: Record<string, { Parameters?: { FunctionName?: string } }> }).States;
    // A Lambda function ARN ends in `function:<name>`; the local stand-in's name is the logical ID.
    expect(states.CheckStock?.Parameters?.FunctionName).toMatch(/^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:CheckStockFunction$/);
    expect(states.ChargePayment?.Parameters?.FunctionName).toMatch(/^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:ChargePaymentFunction$/);
  });
});

describe('the order workflow', () => {
  it('charges an order that is in stock and records it', async () => {
    const table = ordersTable();
    const result = await new StateMachine(loaded.definition, { lambdas, handlers: table.handlers }).run(order);
    // 2 × 15 + 1 × 9, charged by ChargePaymentFunction.
    expect(result).toEqual({ status: 'SUCCEEDED', output: { orderId: 'A-1001', status: 'PAID', chargeId: 'ch_A-1001', amount: 39 } });
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]?.Item).toEqual({ orderId: { S: 'A-1001' }, chargeId: { S: 'ch_A-1001' }, status: { S: 'PAID' } });
  });

  it('fails with OutOfStock, charging nothing, when an item is sold out', async () => {
    const table = ordersTable();
    const soldOut = { ...order, orderId: 'A-1003', items: [...order.items, { sku: 'POSTER-3', quantity: 1, unitPrice: 12 }] };
    const execution = new StateMachine(loaded.definition, { lambdas, handlers: table.handlers }).start(soldOut);
    expect(await execution.result).toMatchObject({ status: 'FAILED', error: 'OutOfStock' });
    const scheduled = execution.history.filter((e) => e.type === 'TaskScheduled');
    expect(scheduled).toHaveLength(1); // CheckStock only
    expect(table.rows).toEqual([]);
  });

  it('catches PaymentDeclined from the function and reports the decline instead of failing', async () => {
    const table = ordersTable();
    const declined = { ...order, orderId: 'A-1002', card: '4000000000000002' };
    const execution = new StateMachine(loaded.definition, { lambdas, handlers: table.handlers }).start(declined);
    // Lambda reports the thrown error's name as the Step Functions error, so the Catch matches it
    // ("Handling errors in Step Functions workflows", AWS Step Functions Developer Guide).
    expect(await execution.result).toEqual({
      status: 'SUCCEEDED',
      output: { orderId: 'A-1002', status: 'DECLINED', reason: 'Card ending 0002 was declined for order A-1002' },
    });
    const failed = execution.history.find((e) => e.type === 'TaskFailed');
    expect(failed?.type === 'TaskFailed' && failed.taskFailedEventDetails?.error).toBe('PaymentDeclined');
    expect(table.rows).toEqual([]);
  });

  it('retries a throttled CheckStock call with backoff, on a virtual clock', async () => {
    let calls = 0;
    const throttledOnce = (event: unknown, context: unknown) => {
      calls += 1;
      if (calls === 1) throw Object.assign(new Error('Rate exceeded'), { name: 'Lambda.TooManyRequestsException' });
      return checkStock(event, context);
    };
    const table = ordersTable();
    const clock = new VirtualClock('2024-06-01T09:00:00Z');
    const execution = new StateMachine(loaded.definition, { lambdas: { ...lambdas, CheckStockFunction: throttledOnce }, handlers: table.handlers }).start(order, { clock });
    expect(await execution.result).toMatchObject({ status: 'SUCCEEDED', output: { status: 'PAID' } });
    expect(calls).toBe(2);
    // IntervalSeconds 2: the one retry waited two (virtual) seconds.
    expect(execution.history.at(-1)?.timestamp).toBe('2024-06-01T09:00:02.000Z');
  });
});
