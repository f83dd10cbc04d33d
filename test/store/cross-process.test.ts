import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileExecutionStore } from '../../src/store/index.js';
import { ARN, snapshot } from './snapshots.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const racer = path.join(here, 'fixtures', 'racer.mjs');

let work: string;
let compiled: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'asl-store-race-'));
  compiled = path.join(work, 'store.mjs');
  const esbuild = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'esbuild.cmd' : 'esbuild');
  expect(existsSync(esbuild)).toBe(true);
  execFileSync(esbuild, [path.join(root, 'src/store/index.ts'), '--bundle', '--platform=node', '--format=esm', `--outfile=${compiled}`, '--log-level=warning']);
}, 60_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

interface Outcome {
  tag: string;
  ok: boolean;
  version?: number;
  name?: string;
  actualVersion?: number;
}

/** Starts a racer and resolves with it once it has loaded the execution. */
function start(directory: string, tag: string): Promise<{ child: ChildProcessWithoutNullStreams; outcome: Promise<Outcome> }> {
  const child = spawn(process.execPath, [racer, compiled, directory, ARN, tag], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  return new Promise((resolveReady, rejectReady) => {
    let ready = false;
    const outcome = new Promise<Outcome>((resolve, reject) => {
      lines.on('line', (line) => {
        if (line === 'ready') {
          ready = true;
          resolveReady({ child, outcome });
        } else resolve(JSON.parse(line) as Outcome);
      });
      child.on('exit', (code) => {
        const error = new Error(`racer ${tag} exited with ${code}: ${stderr}`);
        if (!ready) rejectReady(error);
        reject(error);
      });
    });
    outcome.catch(() => undefined);
  });
}

describe('FileExecutionStore across processes', () => {
  it('lets one of two processes saving the same version win; the other gets StoreConflictError', async () => {
    for (let round = 0; round < 3; round++) {
      const directory = path.join(work, `round-${round}`);
      const store = new FileExecutionStore(directory);
      await store.save(snapshot());

      const racers = await Promise.all([start(directory, 'a'), start(directory, 'b')]);
      // Both loaded version 1; release them together.
      for (const { child } of racers) child.stdin.write('go\n');
      const outcomes = await Promise.all(racers.map((r) => r.outcome));

      const winners = outcomes.filter((o) => o.ok);
      const losers = outcomes.filter((o) => !o.ok);
      expect(winners).toHaveLength(1);
      expect(winners[0]!.version).toBe(2);
      expect(losers).toEqual([{ tag: losers[0]!.tag, ok: false, name: 'StoreConflictError', actualVersion: 2 }]);

      const winner = winners[0]!.tag;
      const stored = await store.load(ARN);
      expect(stored).toEqual({ snapshot: { ...snapshot(), input: { winner }, taskTokens: [`token-${winner}`] }, version: 2 });
      expect((await store.findByTaskToken(`token-${winner}`))?.version).toBe(2);
      expect(await store.findByTaskToken(`token-${losers[0]!.tag}`)).toBeUndefined();
      expect(await store.findByTaskToken('token-1')).toBeUndefined();
      expect(await readdir(path.join(directory, 'locks'))).toEqual([]);
    }
  }, 60_000);
});
