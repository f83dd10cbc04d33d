// asl-runtime benchmarks, side by side with aws-local-stepfunctions (measured in the same run) and
// hand-written JavaScript where the logic can be written by hand.
//
//   npm run build && node bench/run.mjs [--quick] [--dist path/to/dist/index.js] [--before path/to/old/dist/index.js] [--with-dmap]
//
// --before adds an older build of asl-runtime ("asl-runtime before") as one more contender in
// every interleaved measurement, so before/after ratios come from the same minutes of machine time.
// Honest by construction: the engines' samples are interleaved (the order alternates each round),
// the figure is the median of several samples, nothing calls gc() between samples (that shrinks
// V8's heap and distorts the result), and every output of every call — warm-up and timed — is
// checked against a value worked out independently; a mismatch prints FAIL and exits 1.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import './node20-polyfill.mjs';
import { aslRealRunner, peerRealRunner } from './real-run.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const DIST = resolve(args.includes('--dist') ? args[args.indexOf('--dist') + 1] : join(HERE, '..', 'dist', 'index.js'));
if (!existsSync(DIST)) {
  console.error(`${DIST} not found: run \`npm run build\` first (or pass --dist)`);
  process.exit(1);
}
const DIST_URL = pathToFileURL(DIST).href;
const BEFORE = args.includes('--before') ? resolve(args[args.indexOf('--before') + 1]) : undefined;

// Node prints a MaxListenersExceededWarning per AbortSignal with more than 10 listeners: count them.
const warnings = new Map();
let currentLib = 'setup';
process.removeAllListeners('warning');
process.on('warning', (w) => {
  const key = `${currentLib}: ${w.name}`;
  warnings.set(key, (warnings.get(key) ?? 0) + 1);
});

const { StateMachine, VirtualClock, validate } = await import(DIST_URL);
const ASL = 'asl-runtime';
const OLD = 'asl-runtime before';
/** The builds of asl-runtime under test: this one, and the --before one. */
const ENGINES = [{ lib: ASL, dist: DIST, api: { StateMachine, VirtualClock, validate } }];
if (BEFORE) ENGINES.push({ lib: OLD, dist: BEFORE, api: await import(pathToFileURL(BEFORE).href) });
const LIBS = ENGINES.map((e) => e.lib);
const { StateMachine: PeerMachine } = await import('aws-local-stepfunctions');
const require = createRequire(import.meta.url);
const aslValidator = require('asl-validator');
const { DOUBLE_ARN, writeWorkloads, WORKLOAD_DIR } = await import('./generate.mjs');

const PEER = 'aws-local-stepfunctions';
const JS = 'hand-written JavaScript';

// ---------------------------------------------------------------------------------------------
// Measuring

function load(file) {
  const path = join(WORKLOAD_DIR, file);
  if (!existsSync(path)) writeWorkloads();
  return JSON.parse(readFileSync(path, 'utf8'));
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? undefined : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** How many calls make one sample last about `targetMs` (1 for anything slower). */
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

/**
 * Times several contenders on one workload, interleaved: each round runs one sample of each, in
 * an order that alternates between rounds. `contenders`: [{ lib, fn, check }] where `fn` returns
 * (or resolves to) the output and `check(output)` returns a problem or undefined. Outputs are
 * kept during a sample and checked after it, so checking costs no measured time.
 * Returns lib → { ms (median per call), ok, problem, batch }.
 */
async function interleaved(contenders, { warmup, samples, targetMs = 0 }) {
  const state = [];
  for (const c of contenders) {
    currentLib = c.lib;
    const s = { ...c, times: [], problem: undefined, batch: 1 };
    try {
      for (let i = 0; i < (c.warmup ?? warmup); i++) s.problem ??= c.check(await c.fn());
      if (targetMs > 0 && !s.problem) s.batch = await calibrate(c.fn, targetMs);
    } catch (e) {
      s.problem = `threw ${e?.name}: ${e?.message}`.slice(0, 300);
    }
    state.push(s);
  }
  for (let round = 0; round < samples; round++) {
    const order = round % 2 ? [...state].reverse() : state;
    for (const s of order) {
      if (s.problem) continue;
      currentLib = s.lib;
      const outputs = new Array(s.batch);
      try {
        const t0 = performance.now();
        for (let b = 0; b < s.batch; b++) outputs[b] = await s.fn();
        s.times.push((performance.now() - t0) / s.batch);
        for (const out of outputs) if ((s.problem ??= s.check(out))) break;
      } catch (e) {
        s.problem = `threw ${e?.name}: ${e?.message}`.slice(0, 300);
      }
    }
  }
  currentLib = 'bench';
  return Object.fromEntries(state.map((s) => [s.lib, { ms: s.problem ? undefined : median(s.times), ok: !s.problem, problem: s.problem, batch: s.batch }]));
}

const same = (expected) => (out) => (isDeepStrictEqual(out, expected) ? undefined : `output ${JSON.stringify(out)?.slice(0, 160)} ≠ expected ${JSON.stringify(expected).slice(0, 160)}`);
/** asl-runtime resolves to { status, output }; the peer's result resolves to the output. */
const succeededWith = (expected) => {
  const eq = same(expected);
  return (r) => (r?.status !== 'SUCCEEDED' ? `status ${r?.status} ${r?.error ?? ''} ${r?.cause ?? ''}`.slice(0, 300) : eq(r.output));
};

// ---------------------------------------------------------------------------------------------
// Recording and printing

const rows = [];
let failed = false;
function record(group, lib, m, unit = '', note = '') {
  rows.push({ group, lib, ms: m.ms, ok: m.ok, unit: m.ok ? unit : '', note });
  // Progress on stderr (the table comes at the end).
  if (m.ok) console.error(`${group} / ${lib}: ${fmtMs(m.ms)} ms`);
  if (!m.ok) {
    failed = true;
    console.error(`FAIL ${group} / ${lib}: ${m.problem}`);
  }
}
const fmtMs = (ms) => (typeof ms !== 'number' || !Number.isFinite(ms) ? '?' : ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms >= 0.01 ? ms.toFixed(3) : ms.toFixed(4));
const fmtRate = (perSecond, what) => (perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(2)}M ${what}/s` : `${Math.round(perSecond / 1000).toLocaleString('en-US')}k ${what}/s`);
const fmtRatio = (x) => (x === undefined || !Number.isFinite(x) ? '?' : x >= 10 ? `${x.toFixed(0)}×` : `${x.toFixed(2)}×`);
const fmtBytes = (b) => (b >= 1024 ? `${(b / 1024).toFixed(2)} KB` : `${Math.round(b)} B`);
const ratio = (slow, fast) => (slow?.ms && fast?.ms ? slow.ms / fast.ms : undefined);

// ---------------------------------------------------------------------------------------------
// Run functions

const double = (input) => input.v * 2;

/** asl-runtime with its defaults (full history); the history quota off, as the peer has none. */
function aslRuns(def, input, expected) {
  return ENGINES.map(({ lib, api }) => {
    const machine = new api.StateMachine(def);
    const options = { handlers: { [DOUBLE_ARN]: double }, maxHistoryEvents: Infinity };
    return { lib, fn: () => machine.start(input, options).result, check: succeededWith(expected) };
  });
}

/** The peer with validation off: these rows time execution alone (validation has its own rows). */
function peerRun(def, input, expected) {
  const machine = new PeerMachine(def, { validationOptions: { noValidate: true } });
  const options = { overrides: { taskResourceLocalHandlers: { Double: double } } };
  return { lib: PEER, fn: () => machine.run(input, options).result, check: same(expected) };
}

/** States.MathAdd's checks (finite numbers, Java int range), as the engines apply them. */
function mathAdd(a, b) {
  if (typeof a !== 'number' || !Number.isFinite(a) || typeof b !== 'number' || !Number.isFinite(b)) throw new Error('MathAdd: not a number');
  const sum = Math.round(a) + Math.round(b);
  if (sum > 2147483647 || sum < -2147483648) throw new Error('MathAdd: out of range');
  return sum;
}

const counts = QUICK
  ? { fast: { warmup: 2, samples: 3, targetMs: 20 }, map: { warmup: 1, samples: 1 }, loop: { warmup: 1, samples: 3 }, real: { warmup: 2, samples: 3, targetMs: 10 } }
  : { fast: { warmup: 10, samples: 15, targetMs: 40 }, map: { warmup: 1, samples: 7 }, loop: { warmup: 2, samples: 9 }, real: { warmup: 5, samples: 9, targetMs: 30 } };

// ---------------------------------------------------------------------------------------------
// 1. Pass chain

const CHAIN = 1000;
const chainInput = { counter: { n: 0 }, payload: { orderId: 'A-17', lines: [1, 2, 3], note: 'unchanged' } };
const chainExpected = { counter: { n: CHAIN }, payload: chainInput.payload };
/** The chain by hand: the input copied once, then per state MathAdd's checks and a copy-on-write ResultPath. */
function chainByHand(input) {
  let value = structuredClone(input);
  for (let i = 0; i < CHAIN; i++) value = { ...value, counter: { n: mathAdd(value.counter.n, 1) } };
  return value;
}
const G1 = `1. Pass chain, ${CHAIN.toLocaleString('en-US')} states (MathAdd + ResultPath)`;
const chainDef = load('pass-chain-1000.json');
const chain = await interleaved(
  [...aslRuns(chainDef, chainInput, chainExpected), peerRun(chainDef, chainInput, chainExpected), { lib: JS, fn: () => chainByHand(chainInput), check: same(chainExpected) }],
  counts.fast,
);
for (const lib of [...LIBS, PEER, JS]) record(G1, lib, chain[lib], chain[lib].ms ? fmtRate((CHAIN * 1000) / chain[lib].ms, 'transitions') : '', lib === PEER ? 'validation off (noValidate)' : '');

// 2. Choice loop

const LOOP = 10_000;
const LOOP_STATES = 2 * LOOP + 2; // Check LOOP+1 times, Increment LOOP times, Done once
/** The loop by hand: the Choice test, then MathAdd into a new object, as the Pass state does. */
function loopByHand(input) {
  let value = input;
  while (value.i < LOOP) value = { i: mathAdd(value.i, 1) };
  return value;
}
const G2 = `2. Choice loop counting to ${LOOP.toLocaleString('en-US')} (Choice + Pass with MathAdd: ${LOOP_STATES.toLocaleString('en-US')} states)`;
const loopDef = load('choice-loop-10000.json');
const loop = await interleaved(
  [...aslRuns(loopDef, { i: 0 }, { i: LOOP }), peerRun(loopDef, { i: 0 }, { i: LOOP }), { lib: JS, fn: () => loopByHand({ i: 0 }), check: same({ i: LOOP }) }],
  counts.loop,
);
for (const lib of [...LIBS, PEER, JS]) record(G2, lib, loop[lib], loop[lib].ms ? fmtRate((LOOP_STATES * 1000) / loop[lib].ms, 'transitions') : '', lib === PEER ? 'validation off (noValidate)' : '');

// 3. Maps of 10,000 items

const ITEMS = 10_000;
const mapInput = { items: Array.from({ length: ITEMS }, (_, i) => ({ id: i, v: i })) };
const mapExpected = mapInput.items.map(({ id, v }) => ({ id, sum: 3 * v }));
/** The Pass×2 item processor by hand. */
const passMapByHand = (input) =>
  input.items.map((item) => {
    const twice = { id: item.id, v: item.v, w: mathAdd(item.v, item.v) };
    return { id: twice.id, sum: mathAdd(twice.v, twice.w) };
  });
const maps = {};
for (const [key, file, title, byHand] of [
  ['pass-c0', 'map-pass-10000-c0.json', 'Pass×2, MaxConcurrency 0', true],
  ['pass-c40', 'map-pass-10000-c40.json', 'Pass×2, MaxConcurrency 40', true],
  ['task-c0', 'map-10000-c0.json', 'Task + Pass, MaxConcurrency 0', false],
  ['task-c40', 'map-10000-c40.json', 'Task + Pass, MaxConcurrency 40', false],
]) {
  const G = `3. Map, ${ITEMS.toLocaleString('en-US')} items, ${title}`;
  const def = load(file);
  const contenders = [...aslRuns(def, mapInput, mapExpected), peerRun(def, mapInput, mapExpected)];
  // JIT warm-up for the hand-written loop, which would otherwise be timed half-optimised.
  if (byHand) contenders.push({ lib: JS, fn: () => passMapByHand(mapInput), check: same(mapExpected), warmup: 20 });
  maps[key] = await interleaved(contenders, counts.map);
  for (const c of contenders) {
    const m = maps[key][c.lib];
    const note = c.lib === PEER ? `validation off (noValidate)${key.endsWith('c0') ? '; its MaxConcurrency 0 means 40' : ''}` : '';
    record(G, c.lib, m, m.ms ? fmtRate((ITEMS * 1000) / m.ms, 'items') : '', note);
  }
}

// 4. Parallel

const G4 = '4. Parallel, 50 branches × 10 Pass states';
const parDef = load('parallel-50x10.json');
const parExpected = Array.from({ length: 50 }, (_, b) => ({ n: b + 9 }));
const par = await interleaved([...aslRuns(parDef, { n: 0 }, parExpected), peerRun(parDef, { n: 0 }, parExpected)], counts.fast);
for (const lib of [...LIBS, PEER]) record(G4, lib, par[lib], '', lib === PEER ? 'validation off (noValidate)' : '');

// 5. Small real workflows

const realFiles = readdirSync(WORKLOAD_DIR).filter((f) => /^real-.*\.json$/.test(f)).sort();
if (realFiles.length === 0) writeWorkloads();
const real = [];
for (const file of readdirSync(WORKLOAD_DIR).filter((f) => /^real-.*\.json$/.test(f)).sort()) {
  const w = load(file);
  const contenders = ENGINES.map(({ lib, api }) => ({ lib, fn: aslRealRunner(api, w), check: same(w.expected) }));
  if (w.peer !== false) contenders.push({ lib: PEER, fn: peerRealRunner(PeerMachine, w), check: same(w.expected) });
  const m = await interleaved(contenders, counts.real);
  real.push({ name: file.replace(/^real-|\.json$/g, ''), asl: m[ASL], old: m[OLD], peer: m[PEER] });
  for (const c of contenders) if (!m[c.lib].ok) record(`5. Real workflow ${file}`, c.lib, m[c.lib]);
}
const G5 = `5. Small real workflows (${real.length}; bench/workloads/real-*.json), per run`;
const mean = (xs) => (xs.some((x) => x === undefined) ? undefined : xs.reduce((a, b) => a + b, 0) / xs.length);
const both = real.filter((r) => r.peer);
const realSummary = {
  aslAll: mean(real.map((r) => r.asl.ms)),
  aslBoth: mean(both.map((r) => r.asl.ms)),
  peerBoth: mean(both.map((r) => r.peer.ms)),
  // Geometric mean of the per-workflow speed-ups: every workflow weighs the same.
  speedup: both.every((r) => r.asl.ms && r.peer.ms) ? Math.exp(mean(both.map((r) => Math.log(r.peer.ms / r.asl.ms)))) : undefined,
};
record(G5, `${ASL} (all ${real.length})`, { ms: realSummary.aslAll, ok: real.every((r) => r.asl.ok) }, '', 'mean of the per-workflow medians; VirtualClock per run');
record(G5, `${ASL} (the ${both.length} the peer runs)`, { ms: realSummary.aslBoth, ok: true }, '', '');
if (BEFORE) record(G5, `${OLD} (all ${real.length})`, { ms: mean(real.map((r) => r.old.ms)), ok: real.every((r) => r.old.ok) }, '', '');
record(G5, `${PEER} (${both.length}; no JSONata or variables)`, { ms: realSummary.peerBoth, ok: both.every((r) => r.peer.ok) }, '', 'Wait and retry intervals overridden to 0 ms');

// 6. Validation

const validation = {};
for (const [size, file] of [
  [10, 'definition-10.json'],
  [200, 'definition-200.json'],
]) {
  const G = `6. Definition of ${size} states: validate + compile / validate`;
  const source = load(file);
  // Each library gets its own copy: asl-validator writes QueryLanguage into every state it sees.
  const own = () => structuredClone(source);
  const isMachine = (Class) => (m) => (m instanceof Class ? undefined : 'no machine');
  const contenders = [
    ...ENGINES.map(({ lib, api }) => [`${lib} new StateMachine`, own(), (d) => new api.StateMachine(d), isMachine(api.StateMachine)]),
    [`${PEER} new StateMachine (runs asl-validator)`, own(), (d) => new PeerMachine(d), isMachine(PeerMachine)],
    ...ENGINES.map(({ lib, api }) => [`${lib} validate()`, own(), (d) => api.validate(d), (r) => (r.valid === true ? undefined : `invalid: ${JSON.stringify(r.diagnostics).slice(0, 200)}`)]),
    ['asl-validator', own(), (d) => aslValidator(d, { checkArn: true, checkPaths: true }), (r) => (r.isValid ? undefined : `invalid: ${r.errorsText?.()}`)],
  ].map(([lib, def, fn, check]) => ({ lib, fn: () => fn(def), check }));
  const m = await interleaved(contenders, { warmup: 1, samples: QUICK ? 3 : 7, targetMs: QUICK ? 20 : 60 });
  for (const c of contenders) {
    validation[`${size}:${c.lib}`] = m[c.lib];
    record(G, c.lib, m[c.lib], '', `median of ${QUICK ? 3 : 7} × ${m[c.lib].batch} calls`);
  }
}

// 7. Cold start, in fresh processes

const COLD_RUNS = QUICK ? 5 : 15;
const coldWorkflow = load('real-order-routing.json');
const peerEsm = pathToFileURL(require.resolve('aws-local-stepfunctions').replace(/main\.node\.cjs$/, 'main.node.esm.js')).href;
const handlerSource = '(o) => ({ total: o.lines.reduce((s, l) => s + l.qty * l.price, 0), count: o.lines.length })';
const resource = coldWorkflow.definition.States.Validate.Resource;
/** Child scripts: each prints { firstMs (import → first run finished), importMs, output }. */
const coldScripts = {
  ...Object.fromEntries(
    ENGINES.map(({ lib, dist }) => [
      lib,
      `const t0 = performance.now();
const { StateMachine } = await import(${JSON.stringify(pathToFileURL(dist).href)});
const t1 = performance.now();
const r = await new StateMachine(${JSON.stringify(coldWorkflow.definition)}).run(${JSON.stringify(coldWorkflow.input)}, { handlers: { ${JSON.stringify(resource)}: ${handlerSource} } });
const t2 = performance.now();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, firstMs: t2 - t0, output: r.output }));`,
    ]),
  ),
  [PEER]: `import ${JSON.stringify(pathToFileURL(join(HERE, 'node20-polyfill.mjs')).href)};
const t0 = performance.now();
const { StateMachine } = await import(${JSON.stringify(peerEsm)});
const t1 = performance.now();
const output = await new StateMachine(${JSON.stringify(coldWorkflow.definition)}).run(${JSON.stringify(coldWorkflow.input)}, { overrides: { taskResourceLocalHandlers: { Validate: ${handlerSource} } } }).result;
const t2 = performance.now();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, firstMs: t2 - t0, output }));`,
  bare: '',
};
const validate10 = load('definition-10.json');
const firstValidateScripts = {
  ...Object.fromEntries(
    ENGINES.map(({ lib, dist }) => [
      `${lib} validate()`,
      `const { validate } = await import(${JSON.stringify(pathToFileURL(dist).href)});
const t = performance.now(); const r = validate(${JSON.stringify(validate10)}); const ms = performance.now() - t;
process.stdout.write(JSON.stringify({ ms, ok: r.valid === true }));`,
    ]),
  ),
  'asl-validator': `import { createRequire } from 'node:module';
const aslValidator = createRequire(${JSON.stringify(import.meta.url)})('asl-validator');
const t = performance.now(); const r = aslValidator(${JSON.stringify(validate10)}, { checkArn: true, checkPaths: true }); const ms = performance.now() - t;
process.stdout.write(JSON.stringify({ ms, ok: r.isValid === true }));`,
};
function spawnTimed(code) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: HERE, encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (r.status !== 0) return { wall, problem: `child failed (${r.status}): ${r.stderr.slice(0, 300)}` };
  try {
    return { wall, out: r.stdout ? JSON.parse(r.stdout) : {} };
  } catch {
    return { wall, problem: `child printed ${r.stdout.slice(0, 200)}` };
  }
}
const cold = {};
{
  const samples = Object.fromEntries([...Object.keys(coldScripts), ...Object.keys(firstValidateScripts)].map((k) => [k, []]));
  const problems = {};
  for (let i = 0; i < COLD_RUNS; i++) {
    // Interleaved: bare node, each library, each first validate(); the order rotates per round.
    const keys = Object.keys(samples);
    const order = keys.map((_, j) => keys[(i + j) % keys.length]);
    for (const key of order) {
      const r = spawnTimed(coldScripts[key] ?? firstValidateScripts[key]);
      if (r.problem) problems[key] ??= r.problem;
      else if (key in coldScripts && key !== 'bare' && !isDeepStrictEqual(r.out.output, coldWorkflow.expected.output)) problems[key] ??= `wrong output ${JSON.stringify(r.out.output)}`;
      else if (key in firstValidateScripts && r.out.ok !== true) problems[key] ??= 'definition reported invalid';
      else samples[key].push({ wall: r.wall, ...r.out });
    }
  }
  const bare = median(samples.bare.map((s) => s.wall));
  const G7 = `7. Cold start: import + first new StateMachine + first run (real-order-routing), fresh process, ${COLD_RUNS} runs`;
  for (const lib of [...LIBS, PEER]) {
    const s = samples[lib];
    const m = { ms: median(s.map((x) => x.wall)) - bare, ok: !problems[lib], problem: problems[lib] };
    cold[lib] = { ...m, inside: median(s.map((x) => x.firstMs)), importMs: median(s.map((x) => x.importMs)) };
    record(G7, lib, m, 'minus bare node', `whole process ${fmtMs(m.ms + bare)} ms vs bare node ${fmtMs(bare)} ms; in-process: import ${fmtMs(cold[lib].importMs)} ms, import → first run done ${fmtMs(cold[lib].inside)} ms`);
  }
  const G7b = '7. First validate() in a fresh process (definition of 10 states)';
  for (const key of Object.keys(firstValidateScripts)) {
    const m = { ms: median(samples[key].map((x) => x.ms)), ok: !problems[key], problem: problems[key] };
    cold[key] = m;
    record(G7b, key, m, '', 'timed inside the process, after the import');
  }
}

// 8. Memory per held Map item, in child processes with --expose-gc

const memory = {};
for (const [key, file, title] of [
  ['pass', 'map-pass-10000-c0.json', 'Pass×2'],
  ['task', 'map-10000-c0.json', 'Task + Pass'],
]) {
  const G = `8. Heap per held item, Map of ${ITEMS.toLocaleString('en-US')} items (${title}, MaxConcurrency 0), execution and full history held`;
  for (const { lib, dist } of [...ENGINES, { lib: PEER }]) {
    const r = spawnSync(process.execPath, ['--expose-gc', join(HERE, 'memory.mjs'), lib === PEER ? PEER : ASL, file, dist ?? DIST], { encoding: 'utf8', cwd: HERE });
    let m;
    try {
      m = JSON.parse(r.stdout.trim().split('\n').pop());
    } catch {
      m = { problem: `child failed (${r.status}): ${r.stderr.slice(0, 300)}` };
    }
    memory[`${key}:${lib}`] = m;
    record(G, lib, { ms: m.ms, ok: !m.problem, problem: m.problem }, m.problem ? '' : `${fmtBytes(m.heldPerItem)}/item held`, m.problem ? '' : `${fmtBytes(m.outputPerItem)}/item output only; peak RSS ${(m.peakRss / 1048576).toFixed(0)} MB (baseline ${(m.baseRss / 1048576).toFixed(0)} MB)`);
  }
}

// 9. Distributed Map over a JSONL file (asl-runtime only; the peer has no ItemReader); opt-in

if (args.includes('--with-dmap')) {
  const items = QUICK ? 100_000 : 1_000_000;
  const G = `9. Distributed Map, ${items.toLocaleString('en-US')} JSONL items → ResultWriter (COMPACT, MaxConcurrency 100), child process`;
  const r = spawnSync(process.execPath, [join(HERE, 'distributed-map.mjs'), String(items), 'COMPACT', '100'], { encoding: 'utf8', cwd: HERE });
  let m;
  try {
    m = JSON.parse(r.stdout.trim().split('\n').pop());
  } catch {
    m = { problem: `child failed (${r.status}): ${r.stderr.slice(0, 300)}` };
  }
  const ok = !m.problem && m.succeeded === items;
  record(G, ASL, { ms: m.problem ? undefined : m.seconds * 1000, ok, problem: m.problem ?? (ok ? undefined : `${m.succeeded} of ${items} items succeeded`) }, m.problem ? '' : `${m.itemsPerSecond.toLocaleString('en-US')} items/s`, m.problem ? '' : `peak RSS ${m.peakRssMB} MB`);
}

// ---------------------------------------------------------------------------------------------
// Tables

console.log(`\nasl-runtime benchmarks — node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'})${QUICK ? ' — QUICK MODE' : ''}\n${DIST}\n`);
const table = [];
let lastGroup;
for (const r of rows) {
  if (r.group !== lastGroup) table.push([r.group]);
  lastGroup = r.group;
  table.push([`  ${r.lib}`, r.ok ? 'ok' : 'FAIL', r.ms === undefined ? '' : `${fmtMs(r.ms)} ms`, r.unit, r.note]);
}
const widths = [0, 1, 2, 3].map((c) => Math.max(...table.filter((t) => t.length > 1).map((t) => t[c].length)));
console.log(['workload / library', 'check', 'median', 'rate', 'notes'].map((h, i) => (i < 4 ? h.padEnd(widths[i]) : h)).join('  '));
for (const t of table) console.log(t.length === 1 ? `\n${t[0]}` : t.map((c, i) => (i < 4 ? c.padEnd(widths[i]) : c)).join('  '));

console.log('\nSmall real workflows, per run (median):');
for (const r of real) console.log(`  ${r.name.padEnd(24)} ${ASL} ${fmtMs(r.asl.ms).padStart(7)} ms   ${BEFORE ? `before ${fmtMs(r.old.ms).padStart(7)} ms   ` : ''}${r.peer ? `${PEER} ${fmtMs(r.peer.ms).padStart(7)} ms   ${fmtRatio(ratio(r.peer, r.asl))}` : `(${PEER}: not supported)`}`);

// ---------------------------------------------------------------------------------------------
// Goals (issue 13)

const rate = (m, units) => (m?.ms ? (units * 1000) / m.ms : undefined);
const chainRate = rate(chain[ASL], CHAIN);
const loopRate = rate(loop[ASL], LOOP_STATES);
const vsJs = ratio(chain[ASL], chain[JS]);
const goals = [
  ['1,000-state Pass chain ≥ 2M transitions/s', chainRate >= 2e6, fmtRate(chainRate ?? 0, 'transitions'), `${fmtRatio(ratio(chain[PEER], chain[ASL]))} the peer`],
  ['1,000-state Pass chain within 3× of hand-written JS', vsJs <= 3, `${fmtRatio(vsJs)} slower than JS`, ''],
  ['Choice loop ≥ 4M transitions/s', loopRate >= 4e6, fmtRate(loopRate ?? 0, 'transitions'), `${fmtRatio(ratio(loop[PEER], loop[ASL]))} the peer`],
  ...[
    ['pass-c0', 'Pass×2 c0'],
    ['pass-c40', 'Pass×2 c40'],
    ['task-c0', 'Task+Pass c0'],
    ['task-c40', 'Task+Pass c40'],
  ].map(([key, title]) => {
    const r = rate(maps[key][ASL], ITEMS);
    return [`10,000-item Map (${title}) ≥ 300k items/s`, r >= 3e5, fmtRate(r ?? 0, 'items'), `${fmtRatio(ratio(maps[key][PEER], maps[key][ASL]))} the peer`];
  }),
  ...['pass', 'task'].map((key) => {
    const held = memory[`${key}:${ASL}`]?.heldPerItem;
    return [`heap per held Map item (${key === 'pass' ? 'Pass×2' : 'Task+Pass'}, full history) ≤ 600 B`, held <= 600, held === undefined ? '?' : fmtBytes(held), `peer ${fmtBytes(memory[`${key}:${PEER}`]?.heldPerItem ?? NaN)}`];
  }),
  ['small real workflows ≤ 0.017 ms per run', realSummary.aslAll <= 0.017, `${fmtMs(realSummary.aslAll)} ms (all ${real.length}), ${fmtMs(realSummary.aslBoth)} ms (${both.length} shared)`, ''],
  ['small real workflows ≥ 2× faster than the peer', realSummary.speedup >= 2, `${fmtRatio(realSummary.speedup)} (geometric mean over ${both.length})`, `peer mean ${fmtMs(realSummary.peerBoth)} ms`],
  ['cold start (import + first new StateMachine + first run, minus bare node) < 20 ms', cold[ASL].ms < 20, `${fmtMs(cold[ASL].ms)} ms`, `peer ${fmtMs(cold[PEER].ms)} ms`],
  ['first validate() in a process < 5 ms', cold[`${ASL} validate()`].ms < 5, `${fmtMs(cold[`${ASL} validate()`].ms)} ms`, `asl-validator ${fmtMs(cold['asl-validator'].ms)} ms`],
];
console.log('\nGoals:');
for (const [what, met, value, extra] of goals) console.log(`  ${met ? 'met    ' : 'NOT met'}  ${what}: ${value}${extra ? ` (${extra})` : ''}`);
console.log(`\nOther ratios: Parallel ${fmtRatio(ratio(par[PEER], par[ASL]))} the peer; validate() vs asl-validator ${fmtRatio(ratio(validation['10:asl-validator'], validation[`10:${ASL} validate()`]))} (10 states), ${fmtRatio(ratio(validation['200:asl-validator'], validation[`200:${ASL} validate()`]))} (200 states)`);

if (BEFORE) {
  // The same rows for the --before build, measured interleaved with this one.
  const pair = (what, before, after, unit = 'ms', fmt = fmtMs) => console.log(`  ${what.padEnd(44)} ${`${fmt(before)} ${unit}`.padStart(12)} → ${`${fmt(after)} ${unit}`.padStart(12)}   ${fmtRatio(before / after)}`);
  console.log(`\nBefore → after (${BEFORE} → ${DIST}; ratio > 1 is faster or smaller):`);
  pair('Pass chain, 1,000 states', chain[OLD]?.ms, chain[ASL]?.ms);
  pair('Choice loop to 10,000', loop[OLD]?.ms, loop[ASL]?.ms);
  for (const key of Object.keys(maps)) pair(`Map 10,000 items, ${key}`, maps[key][OLD]?.ms, maps[key][ASL]?.ms);
  pair('Parallel 50 × 10', par[OLD]?.ms, par[ASL]?.ms);
  pair(`small real workflows, mean per run (${real.length})`, mean(real.map((r) => r.old.ms)), realSummary.aslAll);
  for (const size of [10, 200]) {
    pair(`new StateMachine, ${size} states`, validation[`${size}:${OLD} new StateMachine`]?.ms, validation[`${size}:${ASL} new StateMachine`]?.ms);
    pair(`validate(), ${size} states`, validation[`${size}:${OLD} validate()`]?.ms, validation[`${size}:${ASL} validate()`]?.ms);
  }
  pair('cold start minus bare node', cold[OLD]?.ms, cold[ASL]?.ms);
  pair('cold import (in-process)', cold[OLD]?.importMs, cold[ASL]?.importMs);
  pair('first validate() in a process', cold[`${OLD} validate()`]?.ms, cold[`${ASL} validate()`]?.ms);
  for (const key of ['pass', 'task']) pair(`heap per held Map item (${key})`, memory[`${key}:${OLD}`]?.heldPerItem, memory[`${key}:${ASL}`]?.heldPerItem, 'B', (b) => String(Math.round(b)));
}

if (warnings.size) {
  console.log('\nRuntime warnings seen (counted, not printed):');
  for (const [k, n] of warnings) console.log(`  ${k} × ${n}`);
}
console.log(failed ? '\nFAIL: at least one workload produced a wrong output (see above).' : '\nAll outputs checked: ok.');
process.exit(failed ? 1 : 0);
