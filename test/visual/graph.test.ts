/** The graph model: nodes, edges and subgraphs from a definition, outcomes from a history. */
import { describe, expect, it, vi } from 'vitest';
import { AslUsageError, AslValidationError, StateMachine, VirtualClock } from '../../src/index.js';
import { buildGraph, stateNode, type StateGraph } from '../../src/visual/index.js';
import { runShop, shopDefinition } from './fixtures.js';

// Generous: the first run imports the runtime and the layout library on a shared 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

/** Every state type and every edge kind, with a Map nested in a Parallel branch and a legacy Iterator. */
const everything = {
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Next: 'Fetch' },
    Fetch: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'f' },
      Catch: [
        { ErrorEquals: ['Net.Down', 'Net.Slow'], Next: 'Broken' },
        { ErrorEquals: ['States.ALL'], Next: 'Broken' },
      ],
      Next: 'Route',
    },
    Route: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.total', NumericGreaterThan: 100, Next: 'Pause' },
        { And: [{ Variable: '$.vip', BooleanEquals: true }, { Not: { Variable: '$.note', IsPresent: true } }], Next: 'Fan' },
      ],
      Default: 'Done',
    },
    Pause: { Type: 'Wait', Seconds: 5, Next: 'Fan' },
    Fan: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Left', States: { Left: { Type: 'Pass', End: true } } },
        {
          StartAt: 'Each',
          States: {
            Each: { Type: 'Map', ItemProcessor: { StartAt: 'Inner', States: { Inner: { Type: 'Succeed' } } }, End: true },
          },
        },
      ],
      Next: 'Legacy',
    },
    Legacy: { Type: 'Map', Iterator: { StartAt: 'Old', States: { Old: { Type: 'Pass', End: true } } }, Next: 'Done' },
    Done: { Type: 'Succeed' },
    Broken: { Type: 'Fail', Error: 'Broken' },
  },
};

/** Edges as [from, to, kind, label] with node labels instead of ids. */
function edgeList(graph: StateGraph): [string, string, string, string | undefined][] {
  const label = new Map(graph.nodes.map((n) => [n.id, n.label]));
  return graph.edges.map((e) => [label.get(e.from)!, label.get(e.to)!, e.kind, e.label]);
}

describe('graph model', () => {
  const graph = buildGraph(everything);

  it('has a node per state with its type, plus Start, End and a join after each Parallel and Map', () => {
    const states = graph.nodes.filter((n) => n.kind === 'state').map((n) => [n.stateName, n.stateType]);
    expect(states).toEqual([
      ['Prepare', 'Pass'], ['Fetch', 'Task'], ['Route', 'Choice'], ['Pause', 'Wait'], ['Fan', 'Parallel'],
      ['Left', 'Pass'], ['Each', 'Map'], ['Inner', 'Succeed'], ['Legacy', 'Map'], ['Old', 'Pass'], ['Done', 'Succeed'], ['Broken', 'Fail'],
    ]);
    expect(graph.nodes.filter((n) => n.kind !== 'state').map((n) => [n.kind, n.label])).toEqual([
      ['start', 'Start'], ['join', 'Fan done'], ['join', 'Each done'], ['join', 'Legacy done'], ['end', 'End'],
    ]);
    // Ids are generated, never user text.
    for (const n of graph.nodes) expect(n.id).toMatch(/^(n|j)\d+$|^x(Start|End)$/);
  });

  it('gives an edge for Next, each Choice rule (with its condition), Default, each Catcher (with its errors) and End', () => {
    expect(edgeList(graph)).toEqual([
      ['Start', 'Prepare', 'start', undefined],
      ['Prepare', 'Fetch', 'next', undefined],
      ['Fetch', 'Route', 'next', undefined],
      ['Fetch', 'Broken', 'catch', 'Net.Down, Net.Slow'],
      ['Fetch', 'Broken', 'catch', 'States.ALL'],
      ['Route', 'Pause', 'choice', '$.total > 100'],
      ['Route', 'Fan', 'choice', '($.vip == true) and (not ($.note is present))'],
      ['Route', 'Done', 'default', 'Default'],
      ['Pause', 'Fan', 'next', undefined],
      ['Left', 'Fan done', 'end', undefined],
      ['Fan', 'Left', 'branch', undefined],
      ['Inner', 'Each done', 'end', undefined],
      ['Each', 'Inner', 'branch', undefined],
      ['Each done', 'Fan done', 'end', undefined],
      ['Fan', 'Each', 'branch', undefined],
      ['Fan done', 'Legacy', 'next', undefined],
      ['Old', 'Legacy done', 'end', undefined],
      ['Legacy', 'Old', 'branch', undefined],
      ['Legacy done', 'Done', 'next', undefined],
      ['Done', 'End', 'end', undefined],
      ['Broken', 'End', 'end', undefined],
    ]);
  });

  it('nests Parallel branches and Map item processors (ItemProcessor or legacy Iterator) as subgraphs', () => {
    const byId = new Map(graph.subgraphs.map((s) => [s.id, s]));
    expect(graph.subgraphs.map((s) => [s.label, s.kind, s.parent ? byId.get(s.parent)!.label : null])).toEqual([
      ['Fan · branch 1', 'branch', null],
      ['Fan · branch 2', 'branch', null],
      ['Each · each item', 'items', 'Fan · branch 2'],
      ['Legacy · each item', 'items', null],
    ]);
    const clusterOf = (name: string) => byId.get(stateNode(graph, name)!.cluster!)?.label;
    expect(clusterOf('Left')).toBe('Fan · branch 1');
    expect(clusterOf('Inner')).toBe('Each · each item');
    expect(clusterOf('Old')).toBe('Legacy · each item');
    expect(stateNode(graph, 'Fan')!.cluster).toBeUndefined();
  });

  it('draws a Fail inside a branch without an End edge (it fails the branch) and labels JSONata conditions', () => {
    const g = buildGraph({
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', Branches: [{ StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.n > 1 %}', Next: 'Stop' }], Default: 'Ok' }, Stop: { Type: 'Fail' }, Ok: { Type: 'Succeed' } } }], End: true },
      },
    });
    expect(edgeList(g).filter(([from]) => from === 'Stop')).toEqual([]);
    expect(edgeList(g)).toContainEqual(['C', 'Stop', 'choice', '$states.input.n > 1']);
  });

  it('has no outcomes without a history', () => {
    expect(graph.trace).toBeUndefined();
    expect(graph.nodes.some((n) => n.outcome !== undefined)).toBe(false);
    expect(graph.edges.some((e) => e.taken !== undefined)).toBe(false);
  });

  it('reads JSON text, and refuses an invalid definition with AslValidationError', () => {
    expect(buildGraph(JSON.stringify(everything)).nodes).toHaveLength(graph.nodes.length);
    expect(() => buildGraph({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } })).toThrow(AslValidationError);
    expect(() => buildGraph('{not json')).toThrow(AslValidationError);
  });
});

describe('outcomes from a history', () => {
  it('marks succeeded, retried, caught and not-run states, and the edges that were followed', async () => {
    const { history, status } = await runShop();
    expect(status).toBe('SUCCEEDED');
    const g = buildGraph(shopDefinition, { history });
    const outcome = (name: string) => stateNode(g, name)!.outcome;
    expect(outcome('FetchOrder')).toBe('retried');
    expect(outcome('ReserveItems')).toBe('succeeded');
    // One of three iterations caught Stock.OutOfStock: the worst outcome of the state's runs shows.
    expect(outcome('Reserve')).toBe('caught');
    expect(outcome('Backorder')).toBe('succeeded');
    for (const name of ['ChargeAndShip', 'Charge', 'WaitForCourier', 'Ship', 'IsPriority', 'Notify']) expect(outcome(name)).toBe('succeeded');
    expect(outcome('NotifyPriority')).toBe('not-run');
    expect(outcome('Rejected')).toBe('not-run');

    const taken = edgeList({ ...g, edges: g.edges.filter((e) => e.taken) });
    expect(taken).toContainEqual(['Reserve', 'Backorder', 'catch', 'Stock.OutOfStock']);
    expect(taken).toContainEqual(['IsPriority', 'Notify', 'default', 'Default']);
    const notTaken = edgeList({ ...g, edges: g.edges.filter((e) => !e.taken) });
    expect(notTaken).toContainEqual(['IsPriority', 'NotifyPriority', 'choice', '$.priority == true']);
    expect(notTaken).toContainEqual(['ChargeAndShip done', 'Rejected', 'catch', 'States.ALL']);
  });

  it('traces runs with their Map iteration or Parallel branch, retries and caught errors', async () => {
    const { history } = await runShop();
    const trace = buildGraph(shopDefinition, { history }).trace!;
    const runs = (name: string) => trace.runs.filter((r) => r.name === name);
    expect(runs('Reserve').map((r) => [r.parent?.iteration, r.status])).toEqual([[0, 'succeeded'], [1, 'caught'], [2, 'succeeded']]);
    expect(runs('Reserve')[1]!.failure).toMatchObject({ error: 'Stock.OutOfStock' });
    expect(runs('Backorder').map((r) => r.parent?.iteration)).toEqual([1]);
    expect(runs('ReserveItems')[0]!.iterations.map((i) => [i.index, i.status])).toEqual([[0, 'succeeded'], [1, 'succeeded'], [2, 'succeeded']]);
    expect(runs('Charge')[0]!.parent?.branch).toBe(0);
    expect(runs('Ship')[0]!.parent?.branch).toBe(1);
    expect(runs('FetchOrder')[0]!.retries.map((r) => r.error)).toEqual(['Orders.Throttled']);
    // Virtual time: the one-hour Wait shows as an hour.
    const wait = runs('WaitForCourier')[0]!;
    expect(wait.end - wait.start).toBe(3_600_000);
    expect(JSON.parse(runs('Notify')[0]!.output!)).toEqual({ orderId: 'A-1', status: 'SHIPPED' });
  });

  it('marks an uncaught failure failed, a Fail state failed, and a sibling branch cut short aborted', async () => {
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Boom', States: { Boom: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'boom' }, End: true } } },
            { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 60, End: true } } },
          ],
          End: true,
        },
      },
    };
    const machine = new StateMachine(definition);
    const execution = machine.start({}, { clock: new VirtualClock('2024-01-01T00:00:00Z'), lambdas: { boom: async () => { throw Object.assign(new Error('it broke'), { name: 'Oops' }); } } });
    expect((await execution.result).status).toBe('FAILED');
    const g = buildGraph(definition, { history: execution.history });
    expect(stateNode(g, 'Boom')!.outcome).toBe('failed');
    expect(stateNode(g, 'Both')!.outcome).toBe('failed');
    expect(stateNode(g, 'Slow')!.outcome).toBe('aborted');
    expect(g.trace!.status).toBe('FAILED');
    expect(g.trace!.runs.find((r) => r.name === 'Boom')!.failure?.error).toBe('Oops');

    const fail = { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Nope', Cause: 'because' } } };
    const failed = new StateMachine(fail).start({});
    await failed.result;
    const fg = buildGraph(fail, { history: failed.history });
    expect(stateNode(fg, 'F')!.outcome).toBe('failed');
    expect(fg.trace!.runs[0]!.failure).toMatchObject({ error: 'Nope', cause: 'because' });
  });

  it('counts a Parallel started again as retried, and the branch state that failed in the first attempt as retried', async () => {
    const definition = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1 }],
          Branches: [{ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, End: true } } }],
          End: true,
        },
      },
    };
    let calls = 0;
    const f = async () => {
      if (calls++ === 0) throw Object.assign(new Error('first time'), { name: 'Flaky' });
      return 1;
    };
    const execution = new StateMachine(definition).start({}, { clock: new VirtualClock('2024-01-01T00:00:00Z'), lambdas: { f } });
    expect((await execution.result).status).toBe('SUCCEEDED');
    const g = buildGraph(definition, { history: execution.history });
    expect(stateNode(g, 'P')!.outcome).toBe('retried');
    expect(stateNode(g, 'T')!.outcome).toBe('retried');
    expect(g.trace!.runs.find((r) => r.name === 'P')!.retries.map((r) => r.error)).toEqual(['Flaky']);
    expect(g.trace!.runs.filter((r) => r.name === 'T').map((r) => [r.status, r.retriedAbove === true])).toEqual([['failed', true], ['succeeded', false]]);
  });

  it('marks states of an unfinished history running', () => {
    const events = [
      { id: 1, previousEventId: 0, timestamp: '2024-01-01T00:00:00Z', type: 'ExecutionStarted', executionStartedEventDetails: { input: '{}' } },
      { id: 2, previousEventId: 1, timestamp: '2024-01-01T00:00:00Z', type: 'WaitStateEntered', stateEnteredEventDetails: { name: 'W', input: '{}' } },
    ];
    const g = buildGraph({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 9, End: true } } }, { history: events });
    expect(g.trace!.status).toBe('RUNNING');
    expect(stateNode(g, 'W')!.outcome).toBe('running');
  });

  it('reads an AWS get-execution-history export: { events }, epoch-second timestamps, Lambda events, any order', () => {
    const definition = {
      StartAt: 'Hello',
      States: { Hello: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:hello', Retry: [{ ErrorEquals: ['States.ALL'] }], End: true } },
    };
    const t = 1714554000; // 2024-05-01T09:00:00Z
    const events = [
      { timestamp: t, type: 'ExecutionStarted', id: 1, previousEventId: 0, executionStartedEventDetails: { input: '{"who":"Ada"}', roleArn: 'arn:aws:iam::123456789012:role/r' } },
      { timestamp: t + 0.012, type: 'TaskStateEntered', id: 2, previousEventId: 0, stateEnteredEventDetails: { name: 'Hello', input: '{"who":"Ada"}' } },
      { timestamp: t + 0.02, type: 'LambdaFunctionScheduled', id: 3, previousEventId: 2, lambdaFunctionScheduledEventDetails: { resource: 'arn:aws:lambda:us-east-1:123456789012:function:hello', input: '{}' } },
      { timestamp: t + 0.03, type: 'LambdaFunctionStarted', id: 4, previousEventId: 3 },
      { timestamp: t + 0.5, type: 'LambdaFunctionFailed', id: 5, previousEventId: 4, lambdaFunctionFailedEventDetails: { error: 'Lambda.ServiceException', cause: 'busy' } },
      { timestamp: t + 1.5, type: 'LambdaFunctionScheduled', id: 6, previousEventId: 5, lambdaFunctionScheduledEventDetails: { resource: 'x', input: '{}' } },
      { timestamp: t + 1.51, type: 'LambdaFunctionStarted', id: 7, previousEventId: 6 },
      { timestamp: t + 2.012, type: 'LambdaFunctionSucceeded', id: 8, previousEventId: 7, lambdaFunctionSucceededEventDetails: { output: '"hi"' } },
      { timestamp: t + 2.012, type: 'TaskStateExited', id: 9, previousEventId: 8, stateExitedEventDetails: { name: 'Hello', output: '"hi"' } },
      { timestamp: t + 2.02, type: 'ExecutionSucceeded', id: 10, previousEventId: 9, executionSucceededEventDetails: { output: '"hi"' } },
    ];
    const g = buildGraph(definition, { history: JSON.stringify({ events: [...events].reverse() }) });
    const run = g.trace!.runs[0]!;
    expect(stateNode(g, 'Hello')!.outcome).toBe('retried');
    expect(run.retries).toEqual([{ error: 'Lambda.ServiceException', cause: 'busy', time: (t + 0.5) * 1000 }]);
    expect(run.end - run.start).toBe(2000);
    expect(g.trace!.status).toBe('SUCCEEDED');
    expect(g.trace!.start).toBe(Date.parse('2024-05-01T09:00:00Z'));

    // ISO timestamps as the CLI prints them with --cli-timestamp-format iso8601 read the same.
    const iso = events.map((e) => ({ ...e, timestamp: new Date(e.timestamp * 1000).toISOString().replace('Z', '+00:00') }));
    expect(buildGraph(definition, { history: { events: iso } }).trace!.runs[0]!.end).toBe(run.end);
  });

  it('ignores events of states the definition does not have, and refuses what is not a history', () => {
    const events = [
      { id: 1, previousEventId: 0, timestamp: '2024-01-01T00:00:00Z', type: 'ExecutionStarted' },
      { id: 2, previousEventId: 1, timestamp: '2024-01-01T00:00:00Z', type: 'PassStateEntered', stateEnteredEventDetails: { name: 'Elsewhere' } },
    ];
    const g = buildGraph({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }, { history: events });
    expect(stateNode(g, 'A')!.outcome).toBe('not-run');
    expect(g.trace!.runs.map((r) => r.name)).toEqual(['Elsewhere']);
    const def = { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };
    expect(() => buildGraph(def, { history: { items: [] } as never })).toThrow(AslUsageError);
    expect(() => buildGraph(def, { history: [{ type: 'ExecutionStarted' }] })).toThrow(/numeric "id"/);
    expect(() => buildGraph(def, { history: '[oops' })).toThrow(AslUsageError);
  });
});
