import type { ColourEnv } from './colour.js';

/** Streams and environment of the CLI, injectable for tests. */
export interface CliIO {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  /** What `-` and `--input -` read (default: process.stdin). */
  readonly stdin?: AsyncIterable<Uint8Array | string>;
  /** NO_COLOR and FORCE_COLOR are read from here (default: process.env). */
  readonly env?: ColourEnv;
}

/** A CLI command: parses its own arguments and returns the exit code. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Full usage text. */
  readonly usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

/** Exit codes: 0 success, 1 problems found, 2 usage error. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;
