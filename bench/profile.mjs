// Runs one asl-runtime workload in a loop, for profiling:
//   node --cpu-prof --cpu-prof-dir=/tmp/asl-prof bench/profile.mjs <chain|map|loop> [seconds]
//   node bench/profile-summary.mjs /tmp/asl-prof/<file>.cpuprofile
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const HERE = dirname(fileURLToPath(import.meta.url));
const { StateMachine } = await import(pathToFileURL(join(HERE, '..', 'dist', 'index.js')).href);
const { DOUBLE_ARN } = await import('./generate.mjs');
process.removeAllListeners('warning');

const load = (f) => JSON.parse(readFileSync(join(HERE, 'workloads', f), 'utf8'));
const items = Array.from({ length: 10_000 }, (_, i) => ({ id: i, v: i }));
const workloads = {
  chain: ['pass-chain-1000.json', { counter: { n: 0 }, payload: { orderId: 'A-17', lines: [1, 2, 3], note: 'unchanged' } }, (o) => o.counter.n === 1000],
  map: ['map-10000-c40.json', { items }, (o) => isDeepStrictEqual(o, items.map(({ id, v }) => ({ id, sum: 3 * v })))],
  map0: ['map-10000-c0.json', { items }, (o) => o.length === 10_000 && o[9999].sum === 29_997],
  loop: ['choice-loop-10000.json', { i: 0 }, (o) => o.i === 10_000],
};
const [file, input, ok] = workloads[process.argv[2]] ?? workloads.chain;
const seconds = Number(process.argv[3] ?? 8);
const machine = new StateMachine(load(file));
const end = performance.now() + seconds * 1000;
let n = 0;
while (performance.now() < end) {
  const r = await machine.start(input, { handlers: { [DOUBLE_ARN]: (x) => x.v * 2 } }).result;
  if (r.status !== 'SUCCEEDED' || !ok(r.output)) throw new Error(`wrong result: ${JSON.stringify(r).slice(0, 200)}`);
  n++;
}
console.log(`${process.argv[2] ?? 'chain'}: ${n} runs in ${seconds} s`);
