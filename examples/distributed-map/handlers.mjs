// The Lambda function the example calls: prices a batch of orders, and refuses the whole
// batch when one order has no positive quantity (so the batch counts as failed items).
export const lambdas = {
  'price-orders': async (event) => {
    const { BatchInput, Items } = event;
    const bad = Items.find((o) => !(o.quantity > 0));
    if (bad) {
      const error = new Error(`Order ${bad.orderId} has quantity ${bad.quantity}`);
      error.name = 'InvalidOrder';
      throw error;
    }
    return Items.map((o) => ({ orderId: o.orderId, total: Math.round(o.quantity * o.unitPrice * 100) / 100, currency: BatchInput.currency }));
  },
};
