/**
 * The `asl-runtime` command line: `asl-runtime <command> [args]`. Each command lives in its own
 * file under `commands/` and is listed in {@link COMMANDS}.
 */
import { closest } from '../validate/suggest.js';
import { graphCommand } from './commands/graph.js';
import { runCommand } from './commands/run.js';
import { serveCommand } from './commands/serve.js';
import { validateCommand } from './commands/validate.js';
import { viewCommand } from './commands/view.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliIO, type Command } from './io.js';

export type { CliIO, Command } from './io.js';

/** Registered commands; add `run`, `test-state`, … here. */
export const COMMANDS: readonly Command[] = [validateCommand, runCommand, serveCommand, graphCommand, viewCommand];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: asl-runtime <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'asl-runtime <command> --help' for a command's options.",
  ].join('\n');
}

/**
 * Runs the CLI with `argv` (the arguments after the program name) and returns the exit code.
 * Never calls `process.exit`, so it can be tested in-process.
 */
export async function main(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(help() + '\n');
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help() + '\n');
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    const suggestion = closest(name, COMMANDS.map((c) => c.name));
    io.stderr.write(`asl-runtime: unknown command '${name}'${suggestion ? `; did you mean '${suggestion}'?` : ''}\n\n${help()}\n`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    io.stderr.write(`asl-runtime ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_PROBLEMS;
  }
}
