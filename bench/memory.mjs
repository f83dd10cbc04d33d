// Child process of bench/run.mjs:
//   node --expose-gc bench/memory.mjs <asl-runtime|aws-local-stepfunctions> [workload.json] [dist/index.js]
// Runs a Map over 10,000 items (default map-10000-c0.json: Task + Pass, MaxConcurrency 0; the
// Pass×2 Map gives the same output) once in a fresh process and prints one
// JSON line: heap held per item (execution object and output kept), heap per item of the output
// alone, peak RSS. Input, machine and handlers are allocated before the baseline.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import './node20-polyfill.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const lib = process.argv[2];
if (typeof globalThis.gc !== 'function') {
  console.log(JSON.stringify({ problem: 'run with --expose-gc' }));
  process.exit(1);
}
process.removeAllListeners('warning');

const ITEMS = 10_000;
const def = JSON.parse(readFileSync(join(HERE, 'workloads', process.argv[3] ?? 'map-10000-c0.json'), 'utf8'));
const dist = process.argv[4] ?? join(HERE, '..', 'dist', 'index.js');
const input = { items: Array.from({ length: ITEMS }, (_, i) => ({ id: i, v: i })) };
const expected = input.items.map(({ id, v }) => ({ id, sum: 3 * v }));
const double = (x) => x.v * 2;

let start;
if (lib === 'asl-runtime') {
  const { StateMachine } = await import(pathToFileURL(dist).href);
  const { DOUBLE_ARN } = await import('./generate.mjs');
  const machine = new StateMachine(def);
  start = () => {
    const execution = machine.start(input, { handlers: { [DOUBLE_ARN]: double }, maxHistoryEvents: Infinity });
    return { execution, output: execution.result.then((r) => (r.status === 'SUCCEEDED' ? r.output : r)) };
  };
} else {
  const { StateMachine } = await import('aws-local-stepfunctions');
  const machine = new StateMachine(def, { validationOptions: { noValidate: true } });
  start = () => {
    const execution = machine.run(input, { overrides: { taskResourceLocalHandlers: { Double: double } } });
    return { execution, output: execution.result };
  };
}

const settle = () => new Promise((r) => setImmediate(r));
async function heap() {
  await settle();
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const baseRss = process.memoryUsage().rss;
const before = await heap();
const t0 = performance.now();
let held = start();
let output = await held.output;
const ms = performance.now() - t0;
const withExecution = await heap();
held = undefined; // keep only the output
const outputOnly = await heap();
const peakRss = process.resourceUsage().maxRSS * 1024;
const problem = isDeepStrictEqual(output, expected) ? undefined : `wrong output: ${JSON.stringify(output).slice(0, 200)}`;
console.log(
  JSON.stringify({
    lib,
    ms,
    heldPerItem: (withExecution - before) / ITEMS,
    outputPerItem: (outputOnly - before) / ITEMS,
    peakRss,
    baseRss,
    problem,
  }),
);
output = undefined;
