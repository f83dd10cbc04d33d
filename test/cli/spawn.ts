/** The built command (`dist/cli.js`, which `npm test` builds first), spawned as a user runs it. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface Spawned {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface SpawnOptions {
  /** Written to the command's stdin, which is then closed; without it stdin is closed at once. */
  readonly stdin?: string;
  /** Added to the environment, in which NO_COLOR and FORCE_COLOR are unset unless given here. */
  readonly env?: Record<string, string>;
  /** Working directory (default: this one). */
  readonly cwd?: string;
  /** Called with each stdout chunk and the process, to signal it mid-run. */
  readonly onStdout?: (chunk: string, child: ReturnType<typeof spawn>) => void;
}

/** Runs `asl-runtime …args` to its end. */
export function cli(args: readonly string[], options: SpawnOptions = {}): Promise<Spawned> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx tsup)`);
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'], ...(options.cwd ? { cwd: options.cwd } : {}) });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    options.onStdout?.(chunk, child);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(options.stdin ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
