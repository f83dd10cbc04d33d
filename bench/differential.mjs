// Local-only differential check (not part of CI): runs the recorded AWS samples in
// ../shared/conformance/sample-cases.json (read in place, never copied) through two builds of
// asl-runtime with the same fixed clock, random and ids, and reports every case whose result or
// history differs between them.
//
//   node bench/differential.mjs <old-dist/index.js> <new-dist/index.js> [--cases FILE] [--verbose]
//
// A history that differs only in event order (same events, ids aside) inside a definition with a
// Map of MaxConcurrency ≠ 1 is the documented Map iteration order and is counted apart.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fixedRandom, fixedUuid, START } from '../test/differential/fixtures.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const [oldDist, newDist] = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--cases');
const casesFile = resolve(opt('--cases', join(HERE, '..', '..', 'shared', 'conformance', 'sample-cases.json')));
const verbose = args.includes('--verbose');
if (!oldDist || !newDist || !existsSync(casesFile)) {
  console.error('usage: node bench/differential.mjs <old-dist/index.js> <new-dist/index.js> [--cases FILE] [--verbose]');
  process.exit(2);
}

// Stand-ins for the small Lambda functions the samples invoke, keyed by the sample's handler file.
// A fixed stack: Lambda error payloads carry the stack, which would otherwise name each build's path.
const failure = (name, message) => Object.assign(new Error(message), { name, stack: `${name}: ${message}\n    at stand-in` });
const STAND_INS = {
  'id_function.py': async (event) => event,
  'echo_function.py': async () => ({ Return: 'HelloWorld' }),
  'raise_exception.py': async () => {
    throw failure('Exception', 'Some exception was raised.');
  },
  'raise_custom_exception.py': async () => {
    throw failure('CustomException', '');
  },
  'return_bytes_str.py': async () => 'HelloWorld!',
  'large_output_string.py': async () => 'a'.repeat(257 * 1024),
};

/** One run with everything volatile fixed; an invalid definition gives `{ rejected }`. */
async function run(api, c, lambdas) {
  let machine;
  try {
    machine = new api.StateMachine(structuredClone(c.definition));
  } catch (e) {
    return { rejected: `${e?.name}: ${e?.message}` };
  }
  const execution = machine.start(structuredClone(c.input), { clock: new api.VirtualClock(START), random: fixedRandom(), uuid: fixedUuid(), lambdas });
  const timeout = new Promise((r) => setTimeout(r, 10_000, 'timed out (10 s of wall time)').unref());
  const result = await Promise.race([execution.result, timeout]);
  return { result: JSON.stringify(result), history: JSON.stringify(execution.history) };
}

const hasConcurrentMap = (node) =>
  node !== null && typeof node === 'object' && ((node.Type === 'Map' && node.MaxConcurrency !== 1) || Object.values(node).some(hasConcurrentMap));
const placeless = (events) => JSON.parse(events).map(({ id: _i, previousEventId: _p, ...rest }) => JSON.stringify(rest)).sort().join('\n');

/** The first differing position of two strings, with some context, for the report. */
function firstDifference(a = '', b = '') {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: old …${a.slice(Math.max(0, i - 60), i + 60)}…\n    new …${b.slice(Math.max(0, i - 60), i + 60)}…`;
}

const olds = await import(pathToFileURL(resolve(oldDist)).href);
const news = await import(pathToFileURL(resolve(newDist)).href);
const { cases } = JSON.parse(readFileSync(casesFile, 'utf8'));
const counts = { same: 0, mapOrder: 0, different: 0, skipped: 0 };
for (const c of cases) {
  const lambdas = {};
  let missing = false;
  for (const [arn, info] of Object.entries(c.lambdas ?? {})) {
    const fn = STAND_INS[basename(info.handler_file ?? '')];
    if (fn) lambdas[arn] = fn;
    else missing = true;
  }
  if (missing) {
    counts.skipped++;
    continue;
  }
  const a = await run(olds, c, lambdas);
  const b = await run(news, c, lambdas);
  if (a.rejected !== b.rejected || a.result !== b.result) {
    counts.different++;
    console.log(`DIFFERENT ${c.id}\n    ${a.rejected !== b.rejected ? `rejected: ${a.rejected} → ${b.rejected}` : firstDifference(a.result, b.result)}`);
  } else if (a.history === b.history) {
    counts.same++;
    if (verbose) console.log(`same      ${c.id}`);
  } else if (hasConcurrentMap(c.definition) && placeless(a.history) === placeless(b.history)) {
    counts.mapOrder++;
    if (verbose) console.log(`map order ${c.id}`);
  } else {
    counts.different++;
    console.log(`DIFFERENT ${c.id} (history)\n    ${firstDifference(a.history, b.history)}`);
  }
}
console.log(`\n${counts.same} identical, ${counts.mapOrder} differ only in Map iteration order, ${counts.different} different, ${counts.skipped} skipped (no stand-in Lambda)`);
process.exit(counts.different ? 1 : 0);
