// Load test of `asl-runtime serve` (loopback only, bounded): starts the built CLI as a child
// process, then drives 2,000 executions through the AWS SDK with 50 in flight. Each one is
// StartExecution, then DescribeExecution until it has ended. At the end every execution must
// have SUCCEEDED with the expected output, and ListExecutions must list exactly 2,000.
//
//   npx tsup && node bench/server-load.mjs [--executions 2000] [--concurrency 50]
//   node bench/server-load.mjs --url http://127.0.0.1:8083   (a server already started with
//   --handlers serving a Lambda function `work`, e.g. to profile it with node --cpu-prof)
//
// Prints one JSON line: executions, concurrency, wall time, throughput (executions/s),
// StartExecution and end-to-end latency percentiles, errors, lost executions.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import {
  SFNClient,
  CreateStateMachineCommand,
  StartExecutionCommand,
  DescribeExecutionCommand,
  ListExecutionsCommand,
} from '@aws-sdk/client-sfn';

process.removeAllListeners('warning');
const HERE = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { executions: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '50' }, url: { type: 'string' } } });
const TOTAL = Number(values.executions);
const CONCURRENCY = Number(values.concurrency);

// A small realistic workflow: a Lambda task (served by the handlers module), a Choice and a Pass.
const definition = {
  StartAt: 'Work',
  States: {
    Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'work', 'Payload.$': '$' }, OutputPath: '$.Payload', Next: 'Check' },
    Check: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThanEquals: 0, Next: 'Done' }], Default: 'Bad' },
    Bad: { Type: 'Fail', Error: 'Bad' },
    Done: { Type: 'Pass', Parameters: { 'n.$': '$.n', 'doubled.$': '$.doubled' }, End: true },
  },
};
const dir = mkdtempSync(join(tmpdir(), 'asl-server-load-'));
const handlers = join(dir, 'handlers.mjs');
writeFileSync(handlers, 'export const lambdas = { work: async (e) => ({ n: e.n, doubled: e.n * 2 }) };\n');

const child = values.url ? undefined : spawn(process.execPath, [join(HERE, '..', 'dist', 'cli.js'), 'serve', '--port', '0', '--handlers', handlers], { stdio: ['ignore', 'pipe', 'inherit'] });
const url =
  values.url ??
  (await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  }));
const machineName = `Load-${Date.now()}`;

const client = new SFNClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
const { stateMachineArn } = await client.send(
  new CreateStateMachineCommand({ name: machineName, definition: JSON.stringify(definition), roleArn: 'arn:aws:iam::123456789012:role/Load' }),
);

const startLatency = [];
const endToEnd = [];
const errors = [];
let wrong = 0;
let next = 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function worker() {
  while (next < TOTAL) {
    const n = next++;
    const t0 = performance.now();
    try {
      const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, name: `e${n}`, input: JSON.stringify({ n }) }));
      startLatency.push(performance.now() - t0);
      for (let wait = 1; ; wait = Math.min(50, wait * 2)) {
        const d = await client.send(new DescribeExecutionCommand({ executionArn }));
        if (d.status !== 'RUNNING') {
          if (d.status !== 'SUCCEEDED' || d.output !== JSON.stringify({ n, doubled: 2 * n })) wrong++;
          break;
        }
        await sleep(wait);
      }
      endToEnd.push(performance.now() - t0);
    } catch (e) {
      errors.push(`${e.name}: ${e.message}`);
    }
  }
}

const t0 = performance.now();
await Promise.all(Array.from({ length: CONCURRENCY }, worker));
const wall = performance.now() - t0;

// No lost execution: the server lists every one, all SUCCEEDED.
let listed = 0;
let succeeded = 0;
let nextToken;
do {
  const page = await client.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000, nextToken }));
  listed += page.executions.length;
  succeeded += page.executions.filter((e) => e.status === 'SUCCEEDED').length;
  nextToken = page.nextToken;
} while (nextToken);

client.destroy();
if (child) {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

const pct = (a, p) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length ? Number(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(2)) : null;
};
const result = {
  executions: TOTAL,
  concurrency: CONCURRENCY,
  cpus: cpus().length,
  node: process.version,
  wallMs: Math.round(wall),
  executionsPerSecond: Number(((TOTAL / wall) * 1000).toFixed(1)),
  startExecutionMs: { p50: pct(startLatency, 50), p95: pct(startLatency, 95), p99: pct(startLatency, 99) },
  startToEndMs: { p50: pct(endToEnd, 50), p95: pct(endToEnd, 95), p99: pct(endToEnd, 99) },
  errors: errors.length,
  wrongResults: wrong,
  listed,
  succeeded,
  lost: TOTAL - listed,
};
console.log(JSON.stringify(result));
if (errors.length) console.error(errors.slice(0, 5).join('\n'));
process.exitCode = errors.length || wrong || listed !== TOTAL || succeeded !== TOTAL ? 1 : 0;
