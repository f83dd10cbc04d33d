// What `asl-runtime run template.yaml --handlers local-handlers.mjs` serves the Tasks with:
// each Lambda function by its logical ID in template.yaml, and the DynamoDB table in memory.
import { handler as checkStock } from './functions/check-stock/app.mjs';
import { handler as chargePayment } from './functions/charge-payment/app.mjs';

export const lambdas = { CheckStockFunction: checkStock, ChargePaymentFunction: chargePayment };

/** Rows written by RecordOrder, keyed by table name then orderId. */
export const tables = new Map();

export const handlers = {
  'arn:aws:states:::dynamodb:putItem': ({ TableName, Item }) => {
    if (!tables.has(TableName)) tables.set(TableName, new Map());
    tables.get(TableName).set(Item.orderId.S, Item);
    return {};
  },
};
