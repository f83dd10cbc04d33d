// ChargePaymentFunction: charges the order's total to the customer's card.

/** The card number payment providers document for "card declined" in test mode. */
const DECLINED_TEST_CARD = '4000000000000002';

class PaymentDeclined extends Error {
  name = 'PaymentDeclined';
}

/**
 * Lambda reports a thrown error's `name` as its errorType, which Step Functions matches in Catch.
 * @param {{ orderId: string, card: string, items: { quantity: number, unitPrice: number }[] }} event
 * @returns {Promise<{ chargeId: string, amount: number }>}
 */
export const handler = async (event) => {
  if (event.card === DECLINED_TEST_CARD) throw new PaymentDeclined(`Card ending ${event.card.slice(-4)} was declined for order ${event.orderId}`);
  const amount = event.items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
  return { chargeId: `ch_${event.orderId}`, amount };
};
