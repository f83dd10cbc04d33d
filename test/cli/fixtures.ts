import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** CLI streams that collect what a command writes. */
export function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    // No env: colour stays off whatever FORCE_COLOR the test run has.
    io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, env: {} },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

/** A temporary folder and a writer of files in it (objects are written as JSON). */
export function scratch(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = (name: string, content: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return path;
  };
  return { dir, file };
}
