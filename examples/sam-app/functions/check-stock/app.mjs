// CheckStockFunction: says whether every item of an order is in stock.

/** Units on hand per SKU; a deployed function would read an inventory table instead. */
const STOCK = new Map([
  ['BOOK-1', 12],
  ['MUG-2', 3],
  ['POSTER-3', 0],
]);

/**
 * @param {{ orderId: string, items: { sku: string, quantity: number }[] }} event
 * @returns {Promise<{ inStock: boolean, missing: string[] }>}
 */
export const handler = async (event) => {
  const missing = event.items.filter((item) => (STOCK.get(item.sku) ?? 0) < item.quantity).map((item) => item.sku);
  return { inStock: missing.length === 0, missing };
};
