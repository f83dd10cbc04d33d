/** The machine the mock-config fixture (`fixtures/MockConfigFile.json`) is written for. */
export const orderFlow = {
  Comment: 'Reserve stock, charge the card (retrying throttling), then confirm.',
  StartAt: 'ReserveStock',
  States: {
    ReserveStock: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'reserve', 'Payload.$': '$' },
      ResultSelector: { 'reservation.$': '$.Payload' },
      ResultPath: '$.stock',
      Next: 'ChargeCard',
    },
    ChargeCard: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'charge', 'Payload.$': '$' },
      ResultSelector: { 'charge.$': '$.Payload' },
      ResultPath: '$.payment',
      Retry: [{ ErrorEquals: ['Payments.Throttled'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
      Catch: [{ ErrorEquals: ['Payments.CardDeclined'], ResultPath: '$.error', Next: 'Declined' }],
      Next: 'Confirmed',
    },
    Confirmed: { Type: 'Succeed' },
    Declined: { Type: 'Fail', Error: 'OrderDeclined', Cause: 'The card was declined.' },
  },
};
