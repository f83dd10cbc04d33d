// asl-runtime benchmarks, side by side with aws-local-stepfunctions (and asl-validator, and
// plain JavaScript as the floor). Usage: `npm run build && node bench/run.mjs [--quick]`.
// Every workload checks its output against a value computed here independently; a mismatch
// prints FAIL and makes the script exit 1.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import './node20-polyfill.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const DIST = join(HERE, '..', 'dist', 'index.js');
if (!existsSync(DIST)) {
  console.error('dist/index.js not found: run `npm run build` first');
  process.exit(1);
}


// Node prints a MaxListenersExceededWarning per AbortSignal that gets more than 10 listeners.
// Count them (per library, see the notes) instead of flooding the table.
const warnings = new Map();
let currentLib = 'setup';
process.removeAllListeners('warning');
process.on('warning', (w) => {
  const key = `${currentLib}: ${w.name}`;
  warnings.set(key, (warnings.get(key) ?? 0) + 1);
});

const { StateMachine, validate } = await import(pathToFileURL(DIST).href);
const { StateMachine: PeerMachine } = await import('aws-local-stepfunctions');
const require = createRequire(import.meta.url);
const aslValidator = require('asl-validator');
const { DOUBLE_ARN, writeWorkloads, WORKLOAD_DIR } = await import('./generate.mjs');

const QUICK = process.argv.includes('--quick');
const PEER = 'aws-local-stepfunctions';

// ---------------------------------------------------------------------------------------------
// Helpers

function load(file) {
  const path = join(WORKLOAD_DIR, file);
  if (!existsSync(path)) writeWorkloads();
  return JSON.parse(readFileSync(path, 'utf8'));
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const gc = globalThis.gc ?? (() => {});

/**
 * Runs `fn` (sync or async, returns the workload's output) `warmup` times untimed, then `runs`
 * times timed. Every output, warm-up included, is checked with `check`.
 * Returns { ms: median per call, ok, problem }.
 */
async function measure(fn, check, options) {
  try {
    return await measureOnce(fn, check, options);
  } catch (e) {
    return { ms: undefined, ok: false, problem: `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`.slice(0, 300) };
  }
}

async function measureOnce(fn, check, { warmup, runs, batch = 1 }) {
  let problem;
  const verify = (out) => {
    if (problem) return;
    const p = check(out);
    if (p) problem = p;
  };
  for (let i = 0; i < warmup; i++) verify(await fn());
  const times = [];
  for (let r = 0; r < runs; r++) {
    gc();
    let out;
    const t0 = performance.now();
    for (let b = 0; b < batch; b++) out = await fn();
    times.push((performance.now() - t0) / batch);
    verify(out);
  }
  return { ms: median(times), ok: !problem, problem };
}

/** For sub-millisecond work: the batch size that makes one timed sample last about `targetMs`. */
async function calibrate(fn, targetMs) {
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await fn();
    const dt = performance.now() - t0;
    if (dt >= targetMs / 4 || n >= 1 << 20) return Math.max(1, Math.ceil((n * targetMs) / Math.max(dt, 0.001)));
    n *= 4;
  }
}

const expectEqual = (expected) => (out) =>
  isDeepStrictEqual(out, expected) ? undefined : `output ${JSON.stringify(out)?.slice(0, 120)} ≠ expected ${JSON.stringify(expected).slice(0, 120)}`;

/** asl-runtime returns { status, output }; the peer's result promise resolves to the output. */
const expectSucceeded = (expected) => {
  const eq = expectEqual(expected);
  return (r) => (r?.status !== 'SUCCEEDED' ? `status ${r?.status} ${r?.error ?? ''} ${r?.cause ?? ''}` : eq(r.output));
};

const rows = [];
let failed = false;
function record(group, row) {
  rows.push({ group, ...row });
  if (row.problem) {
    failed = true;
    console.error(`FAIL ${group} / ${row.lib}: ${row.problem}`);
  }
}

const fmtMs = (ms) => (typeof ms !== 'number' || !Number.isFinite(ms) ? '?' : ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms >= 0.01 ? ms.toFixed(3) : ms.toFixed(4));

// ---------------------------------------------------------------------------------------------
// The task handler both libraries get (item.v * 2), and their run functions.

const double = (input) => input.v * 2;
const aslHandlers = { [DOUBLE_ARN]: double };
const peerOverrides = { overrides: { taskResourceLocalHandlers: { Double: double } } };

function aslRunner(def) {
  const machine = new StateMachine(def);
  // The peer enforces no history quota; some workloads write more than AWS's 25,000 events
  // (a 10,000-item inline Map writes 40,000), so asl-runtime's quota is off here too.
  return (input) => machine.start(input, { handlers: aslHandlers, maxHistoryEvents: Infinity }).result;
}

/** The peer with validation off: these rows time execution alone (validation has its own rows). */
function peerRunner(def) {
  const machine = new PeerMachine(def, { validationOptions: { noValidate: true } });
  return (input) => machine.run(input, peerOverrides).result;
}

async function compareExecution(group, file, input, expected, counts, unit) {
  const def = load(file);
  const result = {};
  for (const [lib, make, check] of [
    ['asl-runtime', aslRunner, expectSucceeded(expected)],
    [PEER, peerRunner, expectEqual(expected)],
  ]) {
    currentLib = lib;
    const run = make(structuredClone(def));
    const m = await measure(() => run(input), check, counts);
    result[lib] = m;
    record(group, { lib, ...m, unit: m.ms === undefined ? '' : unit?.(m.ms), note: lib === PEER ? 'validation off (noValidate)' : '' });
  }
  currentLib = 'bench';
  return result;
}

// ---------------------------------------------------------------------------------------------
// 1 + 8: pass chain, and the same logic as plain JavaScript

const CHAIN = 1000;
const chainInput = { counter: { n: 0 }, payload: { orderId: 'A-17', lines: [1, 2, 3], note: 'unchanged' } };
const chainExpected = { counter: { n: CHAIN }, payload: chainInput.payload };

/** The pass chain by hand: per step, MathAdd's checks and a copy-on-write ResultPath. */
function chainByHand(input) {
  let value = structuredClone(input);
  for (let i = 0; i < CHAIN; i++) {
    const a = value.counter.n;
    if (typeof a !== 'number' || !Number.isFinite(a)) throw new Error('MathAdd: not a number');
    const sum = Math.round(a) + 1;
    if (sum > 2147483647 || sum < -2147483648) throw new Error('MathAdd: out of range');
    value = { ...value, counter: { n: sum } };
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Main

const counts = QUICK
  ? { chain: { warmup: 2, runs: 3 }, map: { warmup: 1, runs: 1 }, par: { warmup: 2, runs: 3 }, loop: { warmup: 1, runs: 2 } }
  : { chain: { warmup: 10, runs: 21 }, map: { warmup: 1, runs: 9 }, par: { warmup: 10, runs: 21 }, loop: { warmup: 2, runs: 7 } };

const G1 = `1. Pass chain, ${CHAIN} states (MathAdd + ResultPath)`;
const chain = await compareExecution(G1, 'pass-chain-1000.json', chainInput, chainExpected, counts.chain, (ms) => `${fmtMs((ms * 1000) / CHAIN)} µs/state`);
currentLib = 'plain JavaScript';
const js = await measure(() => chainByHand(chainInput), expectEqual(chainExpected), { ...counts.chain, batch: 20 });
record(G1, { lib: 'plain JavaScript (floor)', ...js, unit: `${fmtMs((js.ms * 1000) / CHAIN)} µs/state`, note: 'same logic by hand' });

const ITEMS = 10_000;
const mapInput = { items: Array.from({ length: ITEMS }, (_, i) => ({ id: i, v: i })) };
const mapExpected = mapInput.items.map(({ id, v }) => ({ id, sum: v + 2 * v }));
const perSecond = (ms) => `${Math.round((ITEMS * 1000) / ms).toLocaleString('en-US')} items/s`;
const G2a = `2. Map, ${ITEMS.toLocaleString('en-US')} items, Task + Pass, MaxConcurrency 0`;
const map0 = await compareExecution(G2a, 'map-10000-c0.json', mapInput, mapExpected, counts.map, perSecond);
rows.findLast((r) => r.lib === PEER).note += '; its MaxConcurrency 0 means 40';
const G2b = `2. Map, ${ITEMS.toLocaleString('en-US')} items, Task + Pass, MaxConcurrency 40`;
const map40 = await compareExecution(G2b, 'map-10000-c40.json', mapInput, mapExpected, counts.map, perSecond);

const G3 = '3. Parallel, 50 branches × 10 Pass states';
const parExpected = Array.from({ length: 50 }, (_, b) => ({ n: b + 9 }));
const par = await compareExecution(G3, 'parallel-50x10.json', { n: 0 }, parExpected, counts.par);

const LOOP = 10_000;
const G4 = `4. Choice loop counting to ${LOOP.toLocaleString('en-US')} (MathAdd)`;
const loop = await compareExecution(G4, 'choice-loop-10000.json', { i: 0 }, { i: LOOP }, counts.loop, (ms) => `${fmtMs((ms * 1000) / (2 * LOOP + 1))} µs/transition`);

// 5: validation and compilation
const validation = {};
for (const [size, file] of [
  [10, 'definition-10.json'],
  [200, 'definition-200.json'],
]) {
  const G = `5. Definition of ${size} states: validate + compile / validate`;
  const source = load(file);
  // Each library gets its own copy: asl-validator writes QueryLanguage into every state it sees.
  const own = () => structuredClone(source);
  const target = QUICK ? 20 : 60;
  const samples = QUICK ? 3 : 7;
  const cases = [
    ['asl-runtime new StateMachine', own(), (d) => new StateMachine(d), (m) => (m instanceof StateMachine ? undefined : 'no machine')],
    [`${PEER} new StateMachine (runs asl-validator)`, own(), (d) => new PeerMachine(d), (m) => (m instanceof PeerMachine ? undefined : 'no machine')],
    ['asl-runtime validate()', own(), (d) => validate(d), (r) => (r.valid === true && r.diagnostics.every((x) => x.severity !== 'ERROR') ? undefined : `invalid: ${JSON.stringify(r.diagnostics).slice(0, 200)}`)],
    ['asl-validator', own(), (d) => aslValidator(d, { checkArn: true, checkPaths: true }), (r) => (r.isValid ? undefined : `invalid: ${r.errorsText?.()}`)],
  ];
  for (const [lib, def, fn, check] of cases) {
    currentLib = lib;
    const call = () => fn(def);
    const batch = await calibrate(call, target);
    const m = await measure(call, check, { warmup: 1, runs: samples, batch });
    validation[`${size}:${lib}`] = m;
    record(G, { lib, ...m, note: `median of ${samples} × ${batch} calls` });
  }
}

// 6: cold start
const COLD_RUNS = QUICK ? 3 : 9;
const cold = {};
{
  const G = '6. Cold start: `await import()` in a fresh node process';
  for (const [lib, spec] of [
    ['asl-runtime', pathToFileURL(DIST).href],
    [PEER, pathToFileURL(require.resolve('aws-local-stepfunctions').replace(/main\.node\.cjs$/, 'main.node.esm.js')).href],
  ]) {
    const code = `const t = performance.now(); await import(${JSON.stringify(spec)}); process.stdout.write(String(performance.now() - t));`;
    const inside = [];
    const wall = [];
    let problem;
    for (let i = 0; i < COLD_RUNS; i++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: HERE, encoding: 'utf8' });
      wall.push(performance.now() - t0);
      if (r.status !== 0) problem = `import failed: ${r.stderr.slice(0, 200)}`;
      else inside.push(Number(r.stdout));
    }
    const bare = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      const t0 = performance.now();
      spawnSync(process.execPath, ['--input-type=module', '-e', ''], { encoding: 'utf8' });
      bare.push(performance.now() - t0);
    }
    const m = { ms: median(inside), ok: !problem, problem };
    cold[lib] = m;
    record(G, { lib, ...m, note: `median of ${COLD_RUNS}; whole process ${fmtMs(median(wall))} ms vs ${fmtMs(median(bare))} ms for bare node` });
  }
}

// 7: memory of workload 2, in child processes with --expose-gc
const memory = {};
{
  const G = `7. Memory, Map of ${ITEMS.toLocaleString('en-US')} items (MaxConcurrency 0), child process`;
  for (const lib of ['asl-runtime', PEER]) {
    const r = spawnSync(process.execPath, ['--expose-gc', join(HERE, 'memory.mjs'), lib], { encoding: 'utf8', cwd: HERE });
    let m;
    try {
      m = JSON.parse(r.stdout.trim().split('\n').pop());
    } catch {
      m = { problem: `child failed (${r.status}): ${r.stderr.slice(0, 300)}` };
    }
    memory[lib] = m;
    record(G, {
      lib,
      ms: m.ms,
      ok: !m.problem,
      problem: m.problem,
      unit: m.problem ? '' : `${fmtBytes(m.heldPerItem)}/item held, ${fmtBytes(m.outputPerItem)}/item output only`,
      note: m.problem ? '' : `peak RSS ${(m.peakRss / 1048576).toFixed(0)} MB (baseline ${(m.baseRss / 1048576).toFixed(0)} MB)`,
    });
  }
}

// 8: Distributed Map over a JSONL file with a ResultWriter (asl-runtime only; the peer has no ItemReader)
{
  const items = QUICK ? 100_000 : 1_000_000;
  const G = `8. Distributed Map, ${items.toLocaleString('en-US')} JSONL items → ResultWriter (COMPACT, MaxConcurrency 100), child process`;
  const r = spawnSync(process.execPath, [join(HERE, 'distributed-map.mjs'), String(items), 'COMPACT', '100'], { encoding: 'utf8', cwd: HERE });
  let m;
  try {
    m = JSON.parse(r.stdout.trim().split('\n').pop());
  } catch {
    m = { problem: `child failed (${r.status}): ${r.stderr.slice(0, 300)}` };
  }
  const ok = !m.problem && m.succeeded === items;
  record(G, {
    lib: 'asl-runtime',
    ms: m.problem ? undefined : m.seconds * 1000,
    ok,
    problem: m.problem ?? (ok ? undefined : `${m.succeeded} of ${items} items succeeded`),
    unit: m.problem ? '' : `${m.itemsPerSecond.toLocaleString('en-US')} items/s`,
    note: m.problem ? '' : `peak RSS ${m.peakRssMB} MB; ${m.resultFiles} result files; ${m.parentHistoryEvents} parent history events`,
  });
}

function fmtBytes(b) {
  return b >= 1024 ? `${(b / 1024).toFixed(2)} KB` : `${Math.round(b)} B`;
}

// ---------------------------------------------------------------------------------------------
// Table

const ratio = (peer, ours) => (peer?.ms && ours?.ms ? peer.ms / ours.ms : undefined);
const fmtRatio = (x) => (x === undefined ? '' : x >= 10 ? `${x.toFixed(0)}×` : `${x.toFixed(2)}×`);
console.log(`\nasl-runtime benchmarks — node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'})${QUICK ? ' — QUICK MODE' : ''}\n`);
let lastGroup;
const table = [];
for (const r of rows) {
  if (r.group !== lastGroup) {
    table.push([`${r.group}`, '', '', '', '']);
    lastGroup = r.group;
  }
  table.push([`  ${r.lib}`, r.ok ? 'ok' : 'FAIL', r.ms === undefined ? '' : `${fmtMs(r.ms)} ms`, r.unit ?? '', r.note ?? '']);
}
const widths = [0, 1, 2, 3].map((c) => Math.max(...table.map((t) => (t[1] === '' && c === 0 ? 0 : t[c].length))));
console.log(['workload / library', 'check', 'median', 'rate', 'notes'].map((h, i) => (i < 4 ? h.padEnd(widths[i]) : h)).join('  '));
for (const t of table) {
  if (t[1] === '') console.log(`\n${t[0]}`);
  else console.log(t.map((c, i) => (i < 4 ? c.padEnd(widths[i]) : c)).join('  '));
}

// Ratios and targets
const speedup = {
  chain: ratio(chain[PEER], chain['asl-runtime']),
  map0: ratio(map0[PEER], map0['asl-runtime']),
  map40: ratio(map40[PEER], map40['asl-runtime']),
  par: ratio(par[PEER], par['asl-runtime']),
  loop: ratio(loop[PEER], loop['asl-runtime']),
  validate10: ratio(validation['10:asl-validator'], validation['10:asl-runtime validate()']),
  validate200: ratio(validation['200:asl-validator'], validation['200:asl-runtime validate()']),
  ctor10: ratio(validation[`10:${PEER} new StateMachine (runs asl-validator)`], validation['10:asl-runtime new StateMachine']),
  ctor200: ratio(validation[`200:${PEER} new StateMachine (runs asl-validator)`], validation['200:asl-runtime new StateMachine']),
  cold: ratio(cold[PEER], cold['asl-runtime']),
};
const vsJs = chain['asl-runtime'].ms / js.ms;
console.log('\nasl-runtime speed-up over the peer (peer median ÷ asl-runtime median; > 1 means asl-runtime is faster):');
console.log(`  pass chain ${fmtRatio(speedup.chain)} · Map c0 ${fmtRatio(speedup.map0)} · Map c40 ${fmtRatio(speedup.map40)} · Parallel ${fmtRatio(speedup.par)} · Choice loop ${fmtRatio(speedup.loop)}`);
console.log(`  validate vs asl-validator: 10 states ${fmtRatio(speedup.validate10)}, 200 states ${fmtRatio(speedup.validate200)} · constructor vs peer constructor: 10 states ${fmtRatio(speedup.ctor10)}, 200 states ${fmtRatio(speedup.ctor200)} · import ${fmtRatio(speedup.cold)}`);
console.log(`  pass chain vs plain JavaScript: asl-runtime is ${fmtRatio(vsJs)} slower`);

const held = memory['asl-runtime']?.heldPerItem;
const targets = [
  ['≥ 50× the peer on the pass chain', speedup.chain >= 50, fmtRatio(speedup.chain)],
  ['≥ 30× the peer on the Choice loop', speedup.loop >= 30, fmtRatio(speedup.loop)],
  ['≥ 30× the peer on Map items per second (MaxConcurrency 40, same concurrency)', speedup.map40 >= 30, fmtRatio(speedup.map40)],
  ['≤ 1 KB heap per Map item (execution and its history held)', held !== undefined && held <= 1024, held === undefined ? '?' : fmtBytes(held)],
  ['validation ≥ 1000× faster than asl-validator, 10 states', speedup.validate10 >= 1000, fmtRatio(speedup.validate10)],
  ['validation ≥ 1000× faster than asl-validator, 200 states', speedup.validate200 >= 1000, fmtRatio(speedup.validate200)],
  ['compile + validate of 10 states < 1 ms', validation['10:asl-runtime new StateMachine'].ms < 1, `${fmtMs(validation['10:asl-runtime new StateMachine'].ms)} ms`],
  ['import < 50 ms', cold['asl-runtime'].ms < 50, `${fmtMs(cold['asl-runtime'].ms)} ms`],
  ['within 10× of hand-written JavaScript on the pass chain', vsJs <= 10, `${fmtRatio(vsJs)}`],
];
console.log('\nTargets:');
for (const [what, met, value] of targets) console.log(`  ${met ? 'met    ' : 'NOT met'}  ${what}: ${value}`);

if (warnings.size) {
  console.log('\nRuntime warnings seen (counted, not printed):');
  for (const [k, n] of warnings) console.log(`  ${k} × ${n}`);
}
console.log(failed ? '\nFAIL: at least one workload produced a wrong output (see above).' : '\nAll outputs checked: ok.');
process.exit(failed ? 1 : 0);
