import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';

/**
 * Runs hang-prone scenarios each in its own Node process with a hard deadline. A scenario that
 * starves its event loop cannot time itself out, and a test runner sharing that loop could not
 * either; a child process can always be killed.
 */

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const built = join(root, 'dist', 'index.js');

/** What a scenario printed: one JSON object on one line. */
export type ScenarioOutput = Record<string, unknown>;

// Two at a time: the machine has two cores, and several scenarios spin one at 100 %.
const pool = pLimit(2);

// Node's start-up and the package import, before the scenario's own deadline starts.
const STARTUP_MS = 30_000;

// A scenario that exhausts memory crashes its process early instead of the machine.
const NODE_ARGS = ['--max-old-space-size=512'];

/**
 * Spawns `node scenarios/<name>.mjs ...args` and resolves with the JSON line it prints last.
 * The deadline runs from the scenario's `ready` line (package loaded). Rejects with "did not
 * settle within Xs: <scenario>" when it passes (the process is killed), and with the exit code
 * and stderr when the process ends without a result.
 */
export function runScenario(name: string, args: readonly string[], deadlineMs: number): Promise<ScenarioOutput> {
  return pool(() => spawnScenario(name, args, deadlineMs));
}

function spawnScenario(name: string, args: readonly string[], deadlineMs: number): Promise<ScenarioOutput> {
  const label = [name, ...args.map((a) => (a.length > 40 ? `${a.slice(0, 40)}…` : a))].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_ARGS, join(here, 'scenarios', `${name}.mjs`), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let expired: string | undefined;
    const kill = (why: string) => () => {
      expired = why;
      child.kill('SIGKILL');
    };
    // Start-up (Node and the package) is timed apart: it says nothing about the scenario.
    let timer = setTimeout(kill(`did not start within ${STARTUP_MS / 1000}s: ${label}`), STARTUP_MS);
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      const before = stdout;
      stdout += s;
      if (!before.includes('ready\n') && stdout.includes('ready\n')) {
        clearTimeout(timer);
        timer = setTimeout(kill(`did not settle within ${deadlineMs / 1000}s: ${label}`), deadlineMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-2000)));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (expired) return reject(new Error(expired));
      // Node exits with 13 when the top-level await never settles and nothing else is pending.
      if (code === 13) return reject(new Error(`did not settle (a promise never settles, and the process ran out of work): ${label}`));
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as ScenarioOutput);
      } catch {
        reject(new Error(`no result from ${label} (exit code ${code}, signal ${signal}); stdout: ${stdout.slice(-500) || '(empty)'}; stderr: ${stderr || '(empty)'}`));
      }
    });
  });
}

/**
 * Fails fast without a build, and names source files newer than the build (the scenarios test
 * dist/, which `npm test` builds first).
 */
export function checkBuild(): void {
  if (!existsSync(built)) throw new Error(`test/reliability runs the built package: run \`npx tsup\` first (${relative(root, built)} is missing)`);
  const builtAt = statSync(built).mtimeMs;
  const newer = walk(join(root, 'src')).filter((f) => statSync(f).mtimeMs > builtAt);
  if (newer.length) console.warn(`test/reliability: dist/ is older than ${newer.length} source file(s), e.g. ${relative(root, newer[0]!)}; run \`npx tsup\``);
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
}
