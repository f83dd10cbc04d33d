// Small workflows in the shape of everyday Step Functions samples (order routing, retries,
// compensation, fan-out, polling, ETL), written for this benchmark. Each has its input and the
// outcome worked out by hand from the AWS developer guide's rules; bench/run.mjs checks every run
// against it. `node bench/generate.mjs` writes them to bench/workloads/real-*.json.
//
// Task states call `arn:aws:lambda:…:function:<Name>`; <Name> is a handler below. Handlers are
// synchronous, as a mocked Lambda in a unit test usually is.

const fn = (name) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const task = (name, rest) => ({ Type: 'Task', Resource: fn(name), ...rest });
const failure = (name, message) => Object.assign(new Error(message), { name });

/**
 * A fresh set of handlers. FlakyFetch fails every other call, so each run of the flaky workflow
 * (one failure, one retry) leaves it where it started.
 */
export function makeRealHandlers() {
  let flaky = 0;
  return {
    ValidateOrder: (o) => ({ total: o.lines.reduce((s, l) => s + l.qty * l.price, 0), count: o.lines.length }),
    FlakyFetch: (i) => {
      if (flaky++ % 2 === 0) throw failure('Service.Throttled', 'slow down');
      return { ok: true, ids: i.ids };
    },
    ChargeCard: () => {
      throw failure('PaymentDeclined', 'card expired');
    },
    PriceLine: (l) => l.qty * l.price,
    GetCustomer: (i) => ({ id: i.customerId, tier: 'gold' }),
    GetStock: (i) => ({ sku: i.sku, available: 7 }),
    StartJob: (i) => ({ jobId: `j-${i.name}`, polls: 0 }),
    CheckJob: (p) => ({ jobId: p.jobId, polls: p.polls + 1, status: p.polls + 1 >= 3 ? 'DONE' : 'RUNNING' }),
    Extract: (p) => ({ rows: [{ a: 1 }, { a: 2 }, { a: 3 }], bytes: 120, meta: { bucket: p.bucket, key: p.key } }),
    Transform: (rows) => rows.map((r) => ({ a: r.a, b: r.a * 10 })),
    Load: (p) => ({ written: p.count, target: p.target }),
    Reserve: (i) => ({ reservationId: `r-${i.orderId}` }),
    Release: (p) => ({ released: p.reservationId }),
    ReserveStock: (p) => ({ reserved: p.quantity, left: 100 - p.quantity }),
    AlwaysTimeout: () => {
      throw failure('Upstream.Timeout', 'no answer');
    },
    SendEmail: (p) => ({ to: p.to, n: p.n, ok: true }),
    LoadCart: () => ({ items: ['x', 'y', 'z', 'w'] }),
  };
}

/** The handler name a Task state calls (the function name in its Resource). */
export const handlerOf = (resource) => resource.slice(resource.lastIndexOf(':') + 1);

const succeeded = (output) => ({ status: 'SUCCEEDED', output });
const failed = (error, cause) => ({ status: 'FAILED', error, cause });
const pass = (rest) => ({ Type: 'Pass', ...rest });

/** name → { description, definition, input, expected, peer? } (peer: false where it lacks a feature). */
export function realWorkflows() {
  return {
    'order-routing': {
      description: 'Validate an order, route it on its total (Choice), shape the answer (Parameters)',
      definition: {
        StartAt: 'Validate',
        States: {
          Validate: task('ValidateOrder', { ResultPath: '$.check', Next: 'Route' }),
          Route: { Type: 'Choice', Choices: [{ Variable: '$.check.total', NumericGreaterThan: 100, Next: 'NeedsApproval' }], Default: 'AutoApprove' },
          NeedsApproval: pass({ Parameters: { 'orderId.$': '$.orderId', 'total.$': '$.check.total', approval: 'manual' }, End: true }),
          AutoApprove: pass({ Parameters: { 'orderId.$': '$.orderId', 'total.$': '$.check.total', approval: 'auto' }, End: true }),
        },
      },
      input: { orderId: 'o-1', customer: 'c-9', lines: [{ sku: 'a', qty: 2, price: 30 }, { sku: 'b', qty: 1, price: 50 }] },
      expected: succeeded({ orderId: 'o-1', total: 110, approval: 'manual' }),
    },
    'retry-flaky': {
      description: 'A throttled call retried once (Retry), its result kept under ResultPath',
      definition: {
        StartAt: 'Fetch',
        States: {
          Fetch: task('FlakyFetch', { Retry: [{ ErrorEquals: ['Service.Throttled'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2 }], ResultPath: '$.data', Next: 'Done' }),
          Done: pass({ OutputPath: '$.data', End: true }),
        },
      },
      input: { ids: [1, 2, 3] },
      expected: succeeded({ ok: true, ids: [1, 2, 3] }),
    },
    'catch-fallback': {
      description: 'A declined payment caught (Catch with ResultPath) and turned into an answer',
      definition: {
        StartAt: 'Charge',
        States: {
          Charge: task('ChargeCard', { Catch: [{ ErrorEquals: ['PaymentDeclined'], ResultPath: '$.failure', Next: 'Fallback' }], Next: 'Receipt' }),
          Receipt: pass({ End: true }),
          Fallback: pass({ Parameters: { 'orderId.$': '$.orderId', status: 'declined', 'reason.$': '$.failure.Cause' }, End: true }),
        },
      },
      input: { orderId: 'o-2', amount: 20 },
      expected: succeeded({ orderId: 'o-2', status: 'declined', reason: 'card expired' }),
    },
    'map-line-items': {
      description: 'Price each order line in a Map (ItemSelector from $$.Map.Item.Value), then count them',
      definition: {
        StartAt: 'Lines',
        States: {
          Lines: {
            Type: 'Map',
            ItemsPath: '$.lines',
            ItemSelector: { 'sku.$': '$$.Map.Item.Value.sku', 'qty.$': '$$.Map.Item.Value.qty', 'price.$': '$$.Map.Item.Value.price' },
            ItemProcessor: {
              StartAt: 'Price',
              States: {
                Price: task('PriceLine', { ResultPath: '$.amount', Next: 'Tag' }),
                Tag: pass({ Parameters: { 'sku.$': '$.sku', 'amount.$': '$.amount' }, End: true }),
              },
            },
            ResultPath: '$.priced',
            Next: 'Count',
          },
          Count: pass({ Parameters: { 'orderId.$': '$.orderId', 'lines.$': '$.priced', 'count.$': 'States.ArrayLength($.priced)' }, End: true }),
        },
      },
      input: { orderId: 'o-3', lines: [{ sku: 'a', qty: 2, price: 5 }, { sku: 'b', qty: 3, price: 7 }, { sku: 'c', qty: 1, price: 11 }] },
      expected: succeeded({ orderId: 'o-3', lines: [{ sku: 'a', amount: 10 }, { sku: 'b', amount: 21 }, { sku: 'c', amount: 11 }], count: 3 }),
    },
    'parallel-enrich': {
      description: 'Look up customer and stock at once (Parallel), merge the branch outputs',
      definition: {
        StartAt: 'Enrich',
        States: {
          Enrich: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'GetCustomer', States: { GetCustomer: task('GetCustomer', { End: true }) } },
              { StartAt: 'GetStock', States: { GetStock: task('GetStock', { End: true }) } },
            ],
            ResultPath: '$.enriched',
            Next: 'Merge',
          },
          Merge: pass({ Parameters: { 'customer.$': '$.enriched[0]', 'stock.$': '$.enriched[1]' }, End: true }),
        },
      },
      input: { customerId: 'c-1', sku: 's-9' },
      expected: succeeded({ customer: { id: 'c-1', tier: 'gold' }, stock: { sku: 's-9', available: 7 } }),
    },
    'poll-until-done': {
      description: 'Start a job and poll it (Wait 0 s, Task, Choice loop) until it reports DONE',
      definition: {
        StartAt: 'Start',
        States: {
          Start: task('StartJob', { ResultPath: '$.job', Next: 'Pause' }),
          Pause: { Type: 'Wait', Seconds: 0, Next: 'Check' },
          Check: task('CheckJob', { Parameters: { 'polls.$': '$.job.polls', 'jobId.$': '$.job.jobId' }, ResultPath: '$.job', Next: 'IsDone' }),
          IsDone: { Type: 'Choice', Choices: [{ Variable: '$.job.status', StringEquals: 'DONE', Next: 'Finish' }], Default: 'Pause' },
          Finish: pass({ OutputPath: '$.job', End: true }),
        },
      },
      input: { name: 'report' },
      expected: succeeded({ jobId: 'j-report', polls: 3, status: 'DONE' }),
    },
    'choice-rules': {
      description: 'Route on And / Or / Not rules with StringMatches and BooleanEquals',
      definition: {
        StartAt: 'Route',
        States: {
          Route: {
            Type: 'Choice',
            Choices: [
              { And: [{ Variable: '$.country', StringEquals: 'DE' }, { Variable: '$.amount', NumericGreaterThanEquals: 1000 }], Next: 'Review' },
              { Or: [{ Variable: '$.email', StringMatches: '*@example.com' }, { Variable: '$.vip', BooleanEquals: true }], Next: 'FastTrack' },
              { Not: { Variable: '$.amount', NumericLessThan: 10 }, Next: 'Standard' },
            ],
            Default: 'Tiny',
          },
          Review: pass({ Result: 'review', ResultPath: '$.route', End: true }),
          FastTrack: pass({ Result: 'fast-track', ResultPath: '$.route', End: true }),
          Standard: pass({ Result: 'standard', ResultPath: '$.route', End: true }),
          Tiny: pass({ Result: 'tiny', ResultPath: '$.route', End: true }),
        },
      },
      input: { country: 'FR', amount: 250, email: 'ann@example.com', vip: false },
      expected: succeeded({ country: 'FR', amount: 250, email: 'ann@example.com', vip: false, route: 'fast-track' }),
    },
    intrinsics: {
      description: 'Shape a message with intrinsic functions (Format, ArrayPartition, ArrayUnique, JsonToString, MathAdd, Base64Encode)',
      definition: {
        StartAt: 'Build',
        States: {
          Build: pass({
            Parameters: {
              'greeting.$': "States.Format('Hello, {}! You have {} items.', $.name, $.count)",
              'batches.$': 'States.ArrayPartition($.ids, 2)',
              'unique.$': 'States.ArrayUnique($.tags)',
              'payload.$': 'States.JsonToString($.meta)',
              'sum.$': 'States.MathAdd($.count, 39)',
              'encoded.$': 'States.Base64Encode($.name)',
            },
            End: true,
          }),
        },
      },
      input: { name: 'Ada', count: 3, ids: [1, 2, 3, 4, 5], tags: ['a', 'b', 'a', 'c'], meta: { k: 1 } },
      expected: succeeded({ greeting: 'Hello, Ada! You have 3 items.', batches: [[1, 2], [3, 4], [5]], unique: ['a', 'b', 'c'], payload: '{"k":1}', sum: 42, encoded: 'QWRh' }),
    },
    'fail-state': {
      description: 'Reject a non-positive amount with a Fail state',
      definition: {
        StartAt: 'Check',
        States: {
          Check: { Type: 'Choice', Choices: [{ Variable: '$.amount', NumericLessThanEquals: 0, Next: 'Reject' }], Default: 'Accept' },
          Reject: { Type: 'Fail', Error: 'InvalidAmount', Cause: 'amount must be positive' },
          Accept: { Type: 'Succeed' },
        },
      },
      input: { amount: -5 },
      expected: failed('InvalidAmount', 'amount must be positive'),
    },
    'etl-chain': {
      description: 'Extract, transform, load: Parameters, ResultSelector, InputPath, ResultPath, OutputPath',
      definition: {
        StartAt: 'Extract',
        States: {
          Extract: task('Extract', { Parameters: { 'bucket.$': '$.source.bucket', 'key.$': '$.source.key' }, ResultSelector: { 'rows.$': '$.rows' }, ResultPath: '$.extracted', Next: 'Transform' }),
          Transform: task('Transform', { InputPath: '$.extracted.rows', ResultPath: '$.transformed', Next: 'Load' }),
          Load: task('Load', { Parameters: { 'count.$': 'States.ArrayLength($.transformed)', 'target.$': '$.target' }, ResultPath: '$.loaded', OutputPath: '$.loaded', End: true }),
        },
      },
      input: { source: { bucket: 'in', key: 'data.csv' }, target: 'warehouse' },
      expected: succeeded({ written: 3, target: 'warehouse' }),
    },
    'saga-compensate': {
      description: 'Reserve, charge (declined, caught), release the reservation, fail the order',
      definition: {
        StartAt: 'Reserve',
        States: {
          Reserve: task('Reserve', { ResultPath: '$.reservation', Next: 'Charge' }),
          Charge: task('ChargeCard', { Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Release' }], Next: 'Done' }),
          Done: { Type: 'Succeed' },
          Release: task('Release', { Parameters: { 'reservationId.$': '$.reservation.reservationId' }, ResultPath: '$.release', Next: 'Failed' }),
          Failed: { Type: 'Fail', Error: 'OrderFailed', Cause: 'payment declined; reservation released' },
        },
      },
      input: { orderId: 'o-7' },
      expected: failed('OrderFailed', 'payment declined; reservation released'),
    },
    'parallel-catch': {
      description: 'A failing Parallel branch fails the Parallel state, whose Catch recovers',
      definition: {
        StartAt: 'Both',
        States: {
          Both: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'Ok', States: { Ok: pass({ Result: 'fine', End: true }) } },
              { StartAt: 'Boom', States: { Boom: task('ChargeCard', { End: true }) } },
            ],
            Catch: [{ ErrorEquals: ['PaymentDeclined'], ResultPath: '$.problem', Next: 'Recover' }],
            Next: 'Done',
          },
          Done: { Type: 'Succeed' },
          Recover: pass({ Parameters: { 'handled.$': '$.problem.Error', 'id.$': '$.id' }, End: true }),
        },
      },
      input: { id: 5 },
      expected: succeeded({ handled: 'PaymentDeclined', id: 5 }),
    },
    'map-classify': {
      description: 'Label numbers one at a time (Map, MaxConcurrency 1) with a Choice per item',
      definition: {
        StartAt: 'Classify',
        States: {
          Classify: {
            Type: 'Map',
            ItemsPath: '$.values',
            ItemSelector: { 'n.$': '$$.Map.Item.Value' },
            MaxConcurrency: 1,
            ItemProcessor: {
              StartAt: 'Sign',
              States: {
                Sign: {
                  Type: 'Choice',
                  Choices: [
                    { Variable: '$.n', NumericGreaterThan: 0, Next: 'Pos' },
                    { Variable: '$.n', NumericLessThan: 0, Next: 'Neg' },
                  ],
                  Default: 'Zero',
                },
                Pos: pass({ Result: 'positive', End: true }),
                Neg: pass({ Result: 'negative', End: true }),
                Zero: pass({ Result: 'zero', End: true }),
              },
            },
            ResultPath: '$.labels',
            End: true,
          },
        },
      },
      input: { values: [3, -1, 0, 8] },
      expected: succeeded({ values: [3, -1, 0, 8], labels: ['positive', 'negative', 'zero', 'positive'] }),
    },
    'input-guard': {
      description: 'Check required fields (IsPresent, IsNumeric) before reserving stock',
      definition: {
        StartAt: 'Guard',
        States: {
          Guard: {
            Type: 'Choice',
            Choices: [{ Or: [{ Not: { Variable: '$.userId', IsPresent: true } }, { Not: { Variable: '$.quantity', IsNumeric: true } }], Next: 'BadInput' }],
            Default: 'Reserve',
          },
          BadInput: { Type: 'Fail', Error: 'ValidationError', Cause: 'userId and a numeric quantity are required' },
          Reserve: task('ReserveStock', { Parameters: { 'userId.$': '$.userId', 'quantity.$': '$.quantity' }, ResultPath: '$.stock', End: true }),
        },
      },
      input: { userId: 'u-1', quantity: 4 },
      expected: succeeded({ userId: 'u-1', quantity: 4, stock: { reserved: 4, left: 96 } }),
    },
    'retry-exhausted-catch': {
      description: 'A timing-out call retried twice, then caught and answered in degraded mode',
      definition: {
        StartAt: 'Call',
        States: {
          Call: task('AlwaysTimeout', {
            Retry: [{ ErrorEquals: ['Upstream.Timeout'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 1.5 }],
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.lastError', Next: 'Degrade' }],
            Next: 'Done',
          }),
          Done: { Type: 'Succeed' },
          Degrade: pass({ Parameters: { mode: 'degraded', 'error.$': '$.lastError.Error', 'query.$': '$.query' }, End: true }),
        },
      },
      input: { query: 'q' },
      expected: succeeded({ mode: 'degraded', error: 'Upstream.Timeout', query: 'q' }),
    },
    'notify-fanout': {
      description: 'Send one message per recipient (Map, MaxConcurrency 2, ItemSelector with the item index)',
      definition: {
        StartAt: 'Notify',
        States: {
          Notify: {
            Type: 'Map',
            ItemsPath: '$.recipients',
            ItemSelector: { 'to.$': '$$.Map.Item.Value', 'subject.$': '$.subject', 'n.$': '$$.Map.Item.Index' },
            MaxConcurrency: 2,
            ItemProcessor: { StartAt: 'Send', States: { Send: task('SendEmail', { End: true }) } },
            ResultPath: '$.sent',
            Next: 'Summary',
          },
          Summary: pass({ Parameters: { 'subject.$': '$.subject', 'sent.$': 'States.ArrayLength($.sent)', 'last.$': '$.sent[2]' }, End: true }),
        },
      },
      input: { subject: 'Hi', recipients: ['a@x', 'b@x', 'c@x'] },
      expected: succeeded({ subject: 'Hi', sent: 3, last: { to: 'c@x', n: 2, ok: true } }),
    },
    'nested-parallel-map': {
      description: 'A Parallel whose first branch doubles each number in a Map and whose second counts them',
      definition: {
        StartAt: 'Split',
        States: {
          Split: {
            Type: 'Parallel',
            Branches: [
              {
                StartAt: 'Each',
                States: {
                  Each: { Type: 'Map', ItemsPath: '$.numbers', ItemProcessor: { StartAt: 'Double', States: { Double: pass({ Parameters: { 'v.$': 'States.MathAdd($, $)' }, End: true }) } }, End: true },
                },
              },
              { StartAt: 'Total', States: { Total: pass({ Parameters: { 'n.$': 'States.ArrayLength($.numbers)' }, End: true }) } },
            ],
            Next: 'Combine',
          },
          Combine: pass({ Parameters: { 'doubled.$': '$[0]', 'count.$': '$[1].n' }, End: true }),
        },
      },
      input: { numbers: [1, 2, 3] },
      expected: succeeded({ doubled: [{ v: 2 }, { v: 4 }, { v: 6 }], count: 3 }),
    },
    'jsonata-order': {
      description: 'JSONata: total an order in Output, decide with Condition, add shipping with $merge',
      peer: false,
      definition: {
        QueryLanguage: 'JSONata',
        StartAt: 'Total',
        States: {
          Total: pass({ Output: "{% { 'orderId': $states.input.orderId, 'total': $sum($states.input.lines.(qty * price)) } %}", Next: 'Decide' }),
          Decide: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.total > 100 %}', Next: 'Big' }], Default: 'Small' },
          Big: pass({ Output: "{% $merge([$states.input, { 'shipping': 0 }]) %}", End: true }),
          Small: pass({ Output: "{% $merge([$states.input, { 'shipping': 5 }]) %}", End: true }),
        },
      },
      input: { orderId: 'o-9', lines: [{ qty: 2, price: 30 }, { qty: 1, price: 50 }] },
      expected: succeeded({ orderId: 'o-9', total: 110, shipping: 0 }),
    },
    'jsonata-map-assign': {
      description: 'JSONata: gross prices in a Map, the line count kept in a variable (Assign), summed after',
      peer: false,
      definition: {
        QueryLanguage: 'JSONata',
        StartAt: 'Prices',
        States: {
          Prices: {
            Type: 'Map',
            Items: '{% $states.input.items %}',
            ItemProcessor: { StartAt: 'Tax', States: { Tax: pass({ Output: "{% { 'sku': $states.input.sku, 'gross': $round($states.input.net * 1.2, 2) } %}", End: true }) } },
            Assign: { lineCount: '{% $count($states.result) %}' },
            Output: "{% { 'lines': $states.result } %}",
            Next: 'Summarise',
          },
          Summarise: pass({ Output: "{% { 'lines': $states.input.lines, 'count': $lineCount, 'gross': $sum($states.input.lines.gross) } %}", End: true }),
        },
      },
      input: { items: [{ sku: 'a', net: 10 }, { sku: 'b', net: 2.5 }] },
      expected: succeeded({ lines: [{ sku: 'a', gross: 12 }, { sku: 'b', gross: 3 }], count: 2, gross: 15 }),
    },
    'variables-jsonpath': {
      description: 'JSONPath variables: Assign a customer early, read $customer two states later',
      peer: false,
      definition: {
        StartAt: 'Start',
        States: {
          Start: pass({ Assign: { 'customer.$': '$.customer', limit: 3 }, Next: 'Lookup' }),
          Lookup: task('LoadCart', { Parameters: { 'customer.$': '$customer' }, ResultSelector: { 'count.$': 'States.ArrayLength($.items)' }, ResultPath: '$.cart', Next: 'Check' }),
          Check: { Type: 'Choice', Choices: [{ Variable: '$.cart.count', NumericGreaterThan: 3, Next: 'TooMany' }], Default: 'Ok' },
          TooMany: pass({ Parameters: { 'customer.$': '$customer', status: 'over-limit', 'count.$': '$.cart.count' }, End: true }),
          Ok: pass({ Parameters: { 'customer.$': '$customer', status: 'ok' }, End: true }),
        },
      },
      input: { customer: 'c-3' },
      expected: succeeded({ customer: 'c-3', status: 'over-limit', count: 4 }),
    },
  };
}
