// Generates the benchmark workloads in bench/workloads/. Deterministic: running it twice
// writes the same files. `node bench/generate.mjs` rewrites them all.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { realWorkflows } from './real-workflows.mjs';

export const WORKLOAD_DIR = join(dirname(fileURLToPath(import.meta.url)), 'workloads');

/** The resource every benchmark Task uses; both libraries get the same handler for it. */
export const DOUBLE_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:Double';

/** 1: `length` Pass states, each adding 1 to $.counter.n with States.MathAdd and writing it back with ResultPath. */
export function passChain(length = 1000) {
  const States = {};
  for (let i = 0; i < length; i++) {
    States[`Step${i}`] = {
      Type: 'Pass',
      Parameters: { 'n.$': 'States.MathAdd($.counter.n, 1)' },
      ResultPath: '$.counter',
      ...(i === length - 1 ? { End: true } : { Next: `Step${i + 1}` }),
    };
  }
  return { Comment: `Chain of ${length} Pass states with an intrinsic and a ResultPath`, StartAt: 'Step0', States };
}

/** An inline Map over $.items whose ItemProcessor starts at `startAt` and holds `states`. */
function inlineMap(comment, maxConcurrency, startAt, states) {
  return {
    Comment: comment,
    StartAt: 'EachItem',
    States: {
      EachItem: {
        Type: 'Map',
        ItemsPath: '$.items',
        MaxConcurrency: maxConcurrency,
        ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: startAt, States: states },
        End: true,
      },
    },
  };
}

/** 2: Map over $.items; each item goes through a Task (v * 2 into $.d) and a Pass (sum = v + d). */
export function mapItems(maxConcurrency) {
  return inlineMap(`Map with a two-state ItemProcessor, MaxConcurrency ${maxConcurrency}`, maxConcurrency, 'Double', {
    Double: { Type: 'Task', Resource: DOUBLE_ARN, ResultPath: '$.d', Next: 'Sum' },
    Sum: { Type: 'Pass', Parameters: { 'id.$': '$.id', 'sum.$': 'States.MathAdd($.v, $.d)' }, End: true },
  });
}

/**
 * 2b: the same Map with two Pass states and no Task (v + v into $.w, then sum = w + v), so the
 * figure is the engine's own cost per item.
 */
export function passMap(maxConcurrency) {
  return inlineMap(`Map with two Pass states per item, MaxConcurrency ${maxConcurrency}`, maxConcurrency, 'Twice', {
    Twice: { Type: 'Pass', Parameters: { 'id.$': '$.id', 'v.$': '$.v', 'w.$': 'States.MathAdd($.v, $.v)' }, Next: 'Sum' },
    Sum: { Type: 'Pass', Parameters: { 'id.$': '$.id', 'sum.$': 'States.MathAdd($.v, $.w)' }, End: true },
  });
}

/** 3: Parallel with `branches` branches of `depth` Pass states; branch b adds b, then 1 per further state. */
export function parallel(branches = 50, depth = 10) {
  const Branches = [];
  for (let b = 0; b < branches; b++) {
    const States = {};
    for (let s = 0; s < depth; s++) {
      States[`B${b}S${s}`] = {
        Type: 'Pass',
        Parameters: { 'n.$': `States.MathAdd($.n, ${s === 0 ? b : 1})` },
        ...(s === depth - 1 ? { End: true } : { Next: `B${b}S${s + 1}` }),
      };
    }
    Branches.push({ StartAt: `B${b}S0`, States });
  }
  return {
    Comment: `Parallel with ${branches} branches of ${depth} Pass states`,
    StartAt: 'Fan',
    States: { Fan: { Type: 'Parallel', Branches, End: true } },
  };
}

/** 4: a Choice loop counting $.i up to `limit` with States.MathAdd. */
export function choiceLoop(limit = 10_000) {
  return {
    Comment: `Choice loop counting to ${limit}`,
    StartAt: 'Check',
    States: {
      Check: {
        Type: 'Choice',
        Choices: [{ Variable: '$.i', NumericLessThan: limit, Next: 'Increment' }],
        Default: 'Done',
      },
      Increment: { Type: 'Pass', Parameters: { 'i.$': 'States.MathAdd($.i, 1)' }, Next: 'Check' },
      Done: { Type: 'Succeed' },
    },
  };
}

/**
 * 5: a realistic definition of `blocks` × 10 states (nested states counted): per block a Pass
 * with an intrinsic, a Choice, a Task with Retry/Catch, a Pass with Result, a Wait, a Map with a
 * two-state ItemProcessor, a Fail and a closing Pass.
 */
export function definition(blocks) {
  const States = {};
  for (let k = 0; k < blocks; k++) {
    const last = k === blocks - 1;
    States[`Prepare${k}`] = {
      Type: 'Pass',
      Parameters: { 'label.$': "States.Format('order-{}-{}', $.id, $.kind)", 'count.$': 'States.ArrayLength($.items)' },
      ResultPath: '$.meta',
      Next: `Route${k}`,
    };
    States[`Route${k}`] = {
      Type: 'Choice',
      Choices: [
        {
          And: [
            { Variable: '$.meta.count', NumericGreaterThan: 0 },
            { Variable: '$.kind', StringEquals: 'express' },
          ],
          Next: `Charge${k}`,
        },
        { Variable: '$.kind', StringMatches: 'gift*', Next: `Skip${k}` },
      ],
      Default: `Charge${k}`,
    };
    States[`Charge${k}`] = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:Charge', 'Payload.$': '$' },
      ResultSelector: { 'status.$': '$.Payload.status' },
      ResultPath: '$.charge',
      TimeoutSeconds: 30,
      Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException', 'States.Timeout'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: `Failed${k}` }],
      Next: `Pause${k}`,
    };
    States[`Skip${k}`] = { Type: 'Pass', Result: { status: 'skipped' }, ResultPath: '$.charge', Next: `Pause${k}` };
    States[`Pause${k}`] = { Type: 'Wait', Seconds: 1, Next: `Lines${k}` };
    States[`Lines${k}`] = {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemSelector: { 'item.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index' },
      MaxConcurrency: 5,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: `Price${k}`,
        States: {
          [`Price${k}`]: { Type: 'Task', Resource: DOUBLE_ARN, ResultPath: '$.price', Next: `Tag${k}` },
          [`Tag${k}`]: { Type: 'Pass', Parameters: { 'index.$': '$.index', 'price.$': '$.price' }, End: true },
        },
      },
      ResultPath: '$.lines',
      Next: `Close${k}`,
    };
    States[`Failed${k}`] = { Type: 'Fail', Error: 'ChargeFailed', Cause: 'The charge did not go through.' };
    States[`Close${k}`] = {
      Type: 'Pass',
      OutputPath: '$.meta',
      ...(last ? { End: true } : { Next: `Prepare${k + 1}` }),
    };
  }
  return { Comment: `Definition of ${blocks * 10} states`, StartAt: 'Prepare0', TimeoutSeconds: 3600, States };
}

/** Every workload file: name → definition. */
export function workloads() {
  return {
    'pass-chain-1000.json': passChain(1000),
    'map-10000-c0.json': mapItems(0),
    'map-10000-c40.json': mapItems(40),
    'map-pass-10000-c0.json': passMap(0),
    'map-pass-10000-c40.json': passMap(40),
    'parallel-50x10.json': parallel(50, 10),
    'choice-loop-10000.json': choiceLoop(10_000),
    'definition-10.json': definition(1),
    'definition-200.json': definition(20),
  };
}

export function writeWorkloads() {
  mkdirSync(WORKLOAD_DIR, { recursive: true });
  for (const [file, def] of Object.entries(workloads())) {
    writeFileSync(join(WORKLOAD_DIR, file), JSON.stringify(def, null, 1) + '\n');
  }
  // The small real workflows carry their input and expected outcome with the definition.
  for (const [name, workflow] of Object.entries(realWorkflows())) {
    writeFileSync(join(WORKLOAD_DIR, `real-${name}.json`), JSON.stringify(workflow, null, 1) + '\n');
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeWorkloads();
  console.log(`wrote ${Object.keys(workloads()).length} workloads and ${Object.keys(realWorkflows()).length} real workflows to ${WORKLOAD_DIR}`);
}
