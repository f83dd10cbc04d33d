// The workflow's Lambda functions and service calls, as plain async functions.

/** Lambda functions, keyed by function name (used by arn:aws:states:::lambda:invoke). */
export const lambdas = {
  'validate-order': async (order) => ({
    valid: Array.isArray(order.items) && order.items.length > 0,
    total: (order.items ?? []).reduce((sum, item) => sum + item.qty * item.price, 0),
  }),
  'charge-card': async ({ orderId, amount }) => ({ orderId, charged: amount, receipt: `rcpt-${orderId}` }),
  'ship-order': async (order) => ({ orderId: order.orderId, tracking: `TRK-${order.orderId}` }),
};

/** Service integrations, keyed by Resource (globs allowed). */
export function handlers(stock = { apple: 10, pear: 5 }) {
  return {
    'arn:aws:states:::dynamodb:updateItem': async ({ Key, qty }) => {
      const left = stock[Key.sku] ?? 0;
      if (left < qty) throw Object.assign(new Error(`${Key.sku}: ${left} left, ${qty} wanted`), { name: 'Stock.OutOfStock' });
      stock[Key.sku] = left - qty;
      return { sku: Key.sku, reserved: qty, left: stock[Key.sku] };
    },
  };
}

export const sampleOrder = {
  orderId: 'A-1001',
  items: [
    { sku: 'apple', qty: 3, price: 0.5 },
    { sku: 'pear', qty: 2, price: 0.75 },
  ],
};
