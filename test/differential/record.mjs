// Records the differential goldens: every conformance case (test/conformance/cases, with the
// stand-in handlers the conformance runner gives it) and the bench workloads at small sizes, run
// through the OLD engine's build, before the hot-path rewrite. differential.test.ts runs the same
// cases through the current src and compares.
//
// How the committed goldens were made (commit 8ebbc12, the engine before issue 13):
//   git worktree add /tmp/old-engine 8ebbc12
//   cd /tmp/old-engine && ln -s /work/main/node_modules node_modules
//   npx tsup src/index.ts --format esm --no-config --target node20 --splitting --out-dir dist
//   cd /work/main && node test/differential/record.mjs /tmp/old-engine/dist/index.js
// Options of every run (fixtures.mjs): VirtualClock at 2024-01-01T00:00:00Z, mulberry32 random
// seeded 0x5eed, counter UUIDs; nothing else. Without an argument it records the current dist/.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchCases, benchHandlers, realHandlers, runCase } from './fixtures.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const dist = resolve(process.argv[2] ?? join(ROOT, 'dist', 'index.js'));
const api = await import(pathToFileURL(dist).href);

// The conformance stand-ins, bundled against the engine under record, so that the StatesError
// they throw is that engine's class.
async function loadStandIns() {
  const dir = mkdtempSync(join(tmpdir(), 'differential-'));
  try {
    const outfile = join(dir, 'handlers.mjs');
    await build({
      entryPoints: [join(ROOT, 'test', 'conformance', 'handlers.ts')],
      bundle: true,
      format: 'esm',
      platform: 'node',
      outfile,
      logLevel: 'error',
      plugins: [
        {
          name: 'engine-under-record',
          setup(b) {
            b.onResolve({ filter: /\/src\/index\.js$/ }, () => ({ path: pathToFileURL(dist).href, external: true }));
          },
        },
      ],
    });
    return (await import(pathToFileURL(outfile).href)).STAND_INS;
  } finally {
    // The module is loaded by now; its file is not needed any more.
    setTimeout(() => rmSync(dir, { recursive: true, force: true }), 0);
  }
}

/** The conformance cases as the conformance runner reads them (knownDifference cases included). */
function conformanceCases() {
  const root = join(ROOT, 'test', 'conformance', 'cases');
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const raw = JSON.parse(readFileSync(join(root, file), 'utf8'));
      const id = relative(root, join(root, file)).replace(/\\/g, '/').replace(/\.json$/, '');
      return { id: `conformance/${id}`, definition: raw.definition, input: raw.input, handlers: raw.handlers };
    });
}

function handlersFor(c, standIns) {
  if (c.handlers === undefined) return undefined;
  if (c.handlers === 'bench') return benchHandlers;
  if (c.handlers === 'real') return realHandlers(c.definition);
  return Object.fromEntries(Object.entries(c.handlers).map(([resource, name]) => [resource, standIns[name]]));
}

const standIns = await loadStandIns();
const groups = new Map();
for (const c of [...conformanceCases(), ...benchCases()]) {
  const outcome = await runCase(api, c, handlersFor(c, standIns));
  const group = c.id.split('/').slice(0, -1).join('-');
  const entry = { id: c.id, definition: c.definition, input: c.input, handlers: c.handlers };
  if (outcome.thrown !== undefined) entry.thrown = outcome.thrown;
  else Object.assign(entry, { result: JSON.parse(outcome.result), history: JSON.parse(outcome.history) });
  if (!groups.has(group)) groups.set(group, []);
  groups.get(group).push(entry);
}
// The commit of the build under record (its checkout's HEAD), so a golden names its engine.
const commit = execFileSync('git', ['-C', dirname(dist), 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
let total = 0;
for (const [group, entries] of groups) {
  const text = `${JSON.stringify({ recordedWith: commit, cases: entries })}\n`;
  writeFileSync(join(HERE, 'golden', `${group}.json`), text);
  total += text.length;
  console.log(`golden/${group}.json: ${entries.length} cases, ${(text.length / 1024).toFixed(0)} KB`);
}
console.log(`${(total / 1048576).toFixed(2)} MB in all`);
