// What the differential test and its recorder share: the fixed clock start, the fixed random and
// id sources, and the bench workloads at small sizes. Plain JavaScript so that record.mjs runs it
// under bare node against an old build; the test imports it through fixtures.d.mts.
import { choiceLoop, DOUBLE_ARN, mapItems, parallel, passChain, passMap } from '../../bench/generate.mjs';
import { handlerOf, makeRealHandlers, realWorkflows } from '../../bench/real-workflows.mjs';

/** Where every execution's VirtualClock starts. */
export const START = '2024-01-01T00:00:00Z';

/**
 * A seeded random source in [0, 1) (mulberry32): retry jitter and States.MathRandom draw the same
 * numbers in the old and the new engine as long as both draw in the same order.
 */
export function fixedRandom(seed = 0x5eed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Version-4-shaped UUIDs from a counter: execution names, request ids and States.UUID. */
export function fixedUuid() {
  let n = 0;
  return () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;
}

/** The bench workloads' handler (item.v × 2), synchronous as in bench/run.mjs. */
export const benchHandlers = { [DOUBLE_ARN]: (input) => input.v * 2 };

/** A fresh set of the real workflows' handlers, keyed by each Task's Resource (every ARN names its handler). */
export function realHandlers(definition) {
  const all = makeRealHandlers();
  const out = {};
  const visit = (node) => {
    if (node === null || typeof node !== 'object') return;
    if (node.Type === 'Task' && typeof node.Resource === 'string') out[node.Resource] = all[handlerOf(node.Resource)];
    for (const value of Object.values(node)) visit(value);
  };
  visit(definition);
  return out;
}

const items = (n) => ({ items: Array.from({ length: n }, (_, i) => ({ id: i, v: i })) });

/**
 * The bench workloads (and the small real workflows) at sizes that keep the goldens small: the same definitions as
 * bench/workloads (the Maps with 50 items instead of 10,000, the Choice loop counting to 25).
 * `mapConcurrency` marks the cases whose Map runs iterations concurrently (MaxConcurrency ≠ 1),
 * where the documented event-order difference is allowed.
 */
export function benchCases() {
  return [
    { id: 'bench/pass-chain-1000', definition: passChain(1000), input: { counter: { n: 0 }, payload: { orderId: 'A-17', lines: [1, 2, 3], note: 'unchanged' } } },
    { id: 'bench/choice-loop-25', definition: choiceLoop(25), input: { i: 0 } },
    { id: 'bench/parallel-50x10', definition: parallel(50, 10), input: { n: 0 } },
    { id: 'bench/map-task-50-c0', definition: mapItems(0), input: items(50), handlers: 'bench' },
    { id: 'bench/map-task-50-c40', definition: mapItems(40), input: items(50), handlers: 'bench' },
    { id: 'bench/map-task-50-c1', definition: mapItems(1), input: items(50), handlers: 'bench' },
    { id: 'bench/map-pass-50-c0', definition: passMap(0), input: items(50) },
    { id: 'bench/map-pass-50-c40', definition: passMap(40), input: items(50) },
    ...Object.entries(realWorkflows()).map(([name, w]) => ({ id: `bench/real-${name}`, definition: w.definition, input: w.input, handlers: 'real' })),
  ];
}

/**
 * Runs one case through an engine's public API (`StateMachine`, `VirtualClock`) with the fixed
 * clock, random and ids, and returns what the goldens hold: the result and the history as JSON
 * text. A constructor error (an invalid definition) is recorded as `{ thrown }`.
 */
export async function runCase(api, c, handlers) {
  let machine;
  try {
    machine = new api.StateMachine(c.definition);
  } catch (e) {
    return { thrown: `${e?.name}: ${e?.message}` };
  }
  const execution = machine.start(c.input, {
    clock: new api.VirtualClock(START),
    random: fixedRandom(),
    uuid: fixedUuid(),
    ...(handlers ? { handlers } : {}),
  });
  const result = await execution.result;
  return { result: JSON.stringify(result), history: JSON.stringify(execution.history) };
}
