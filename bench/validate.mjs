// Benchmark: validate() of asl-runtime against asl-validator, same process, same definitions.
//
//   npm run build && node bench/validate.mjs
//   # before the lead wires `validate` into src/index.ts (the bundle must sit under the project so
//   # that its dependencies resolve from node_modules):
//   npx tsup src/validate/index.ts --format esm --no-config -d node_modules/.cache/asl-vbench
//   ASL_VALIDATE_MODULE=node_modules/.cache/asl-vbench/index.js node bench/validate.mjs
//
// Prints the median time per call (µs) for a 10-state and a 200-state definition, and the ratio.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const target = process.env.ASL_VALIDATE_MODULE ? pathToFileURL(resolve(process.env.ASL_VALIDATE_MODULE)).href : new URL('../dist/index.js', import.meta.url).href;
let validate;
try {
  ({ validate } = await import(target));
  if (typeof validate !== 'function') throw new Error(`${target} does not export validate()`);
} catch (error) {
  console.error(`Cannot load validate() from ${target}: ${error.message}\nRun \`npm run build\` first (or set ASL_VALIDATE_MODULE).`);
  process.exit(1);
}
const aslValidator = require('asl-validator');

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:Worker';

/** A valid JSONPath definition with `n` states: Task chains with Retry/Catch, Choices, a Map, a Parallel. */
function definition(n) {
  const states = {};
  for (let i = 0; i < n - 1; i++) {
    const next = `S${i + 1}`;
    switch (i % 5) {
      case 0:
        states[`S${i}`] = {
          Type: 'Task', Resource: LAMBDA, Parameters: { 'id.$': '$.id', 'msg.$': "States.Format('item {}', $.id)", static: 1 },
          ResultPath: '$.result', Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failed' }], Next: next,
        };
        break;
      case 1:
        states[`S${i}`] = { Type: 'Choice', Choices: [{ Variable: '$.result.ok', BooleanEquals: true, Next: next }, { And: [{ Variable: '$.n', IsPresent: true }, { Variable: '$.n', NumericGreaterThan: 3 }], Next: next }], Default: next };
        break;
      case 2:
        states[`S${i}`] = { Type: 'Pass', Parameters: { 'input.$': '$', 'exec.$': '$$.Execution.Id' }, ResultPath: '$.pass', Next: next };
        break;
      case 3:
        states[`S${i}`] = { Type: 'Map', ItemsPath: '$.items', MaxConcurrency: 5, ItemProcessor: { StartAt: `M${i}`, States: { [`M${i}`]: { Type: 'Task', Resource: LAMBDA, End: true } } }, ResultPath: '$.mapped', Next: next };
        break;
      default:
        states[`S${i}`] = { Type: 'Wait', Seconds: 1, Next: next };
    }
  }
  states[`S${n - 1}`] = { Type: 'Succeed' };
  states.Failed = { Type: 'Fail', Error: 'Failed', Cause: 'a task failed' };
  return { Comment: `${n} states`, StartAt: 'S0', States: states };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(fn, def, iterations) {
  const times = [];
  for (let i = 0; i < iterations + 20; i++) {
    const copy = structuredClone(def); // asl-validator writes into its input; give both a fresh copy
    const t = process.hrtime.bigint();
    fn(copy);
    const dt = Number(process.hrtime.bigint() - t) / 1000;
    if (i >= 20) times.push(dt);
  }
  return median(times);
}

for (const n of [10, 200]) {
  const def = definition(n);
  const ours = validate(def);
  const theirs = aslValidator(structuredClone(def));
  if (!ours.valid) console.warn(`asl-runtime reports errors for the ${n}-state definition:`, ours.diagnostics.filter((d) => d.severity === 'ERROR').slice(0, 3));
  if (!theirs.isValid) console.warn(`asl-validator reports errors for the ${n}-state definition:`, theirs.errorsText?.() ?? theirs.errors);
  const iterations = n === 10 ? 300 : 60;
  const a = measure((d) => aslValidator(d), def, iterations);
  const b = measure((d) => validate(d), def, iterations);
  console.log(`${String(n).padStart(3)} states: asl-validator ${a.toFixed(1).padStart(9)} µs   asl-runtime ${b.toFixed(1).padStart(8)} µs   ratio ${(a / b).toFixed(1)}x`);
}
