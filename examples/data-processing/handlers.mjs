// The record-enrichment Lambda function, as plain code. Records need an id and a positive amount;
// amounts are converted to cents and a category is derived.
export const lambdas = {
  'enrich-record': async ({ record }) => {
    if (typeof record?.id !== 'string' || !(record.amount > 0)) {
      throw Object.assign(new Error(`record ${JSON.stringify(record?.id ?? null)} has no id or no positive amount`), { name: 'Enrich.BadRecord' });
    }
    return { id: record.id, cents: Math.round(record.amount * 100), category: record.amount >= 100 ? 'large' : 'small' };
  },
};

export const sampleBatch = {
  batchId: 'B-2024-06-01',
  records: [
    { id: 'r1', amount: 12.5 },
    { id: 'r2', amount: 250 },
    { id: 'r3', amount: -4 },
    { id: 'r4', amount: 0.99 },
  ],
};
