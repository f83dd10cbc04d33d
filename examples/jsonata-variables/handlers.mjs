// A price list standing in for a pricing service.
const prices = { widget: 12.5, gadget: 40, gizmo: 3 };

export const handlers = {
  'arn:aws:states:::pricing:quote': async ({ sku }) => {
    if (!(sku in prices)) throw Object.assign(new Error(`no price for ${sku}`), { name: 'Pricing.UnknownSku' });
    return { sku, unitPrice: prices[sku] };
  },
};

export const sampleInput = {
  customer: 'ACME Ltd',
  lines: [
    { sku: 'widget', qty: 4 },
    { sku: 'gadget', qty: 2 },
    { sku: 'gizmo', qty: 10 },
  ],
};
