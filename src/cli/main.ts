/**
 * The `asl-runtime` command line: `asl-runtime <command> [args]`. Each command lives in its own
 * file under `commands/` and is listed in {@link COMMANDS}.
 */
import { closest } from '../validate/suggest.js';
import { UsageError } from './args.js';
import { graphCommand } from './commands/graph.js';
import { runCommand } from './commands/run.js';
import { serveCommand } from './commands/serve.js';
import { testStateCommand } from './commands/test-state.js';
import { validateCommand } from './commands/validate.js';
import { viewCommand } from './commands/view.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliIO, type Command } from './io.js';
import { packageVersion } from './version.js';

export type { CliIO, Command } from './io.js';

/** Registered commands, in the order the help lists them. */
export const COMMANDS: readonly Command[] = [validateCommand, runCommand, testStateCommand, graphCommand, viewCommand, serveCommand];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: asl-runtime <command> [options]',
    '',
    'Validate, run and test Amazon States Language (AWS Step Functions) state machines locally.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -v, --version  print the version',
    '  -h, --help     show this help',
    '',
    'Examples:',
    "  asl-runtime validate 'statemachines/**/*.asl.{json,yaml}'",
    '  asl-runtime validate template.yaml --sub Stage=dev',
    '  asl-runtime run order.asl.json --input \'{"orderId":"42"}\' --virtual-time',
    '  asl-runtime run template.yaml --state-machine OrderStateMachine --handlers ./lambdas.mjs',
    '  asl-runtime test-state order.asl.json --state Charge --input \'{"total":5}\' --mock \'{"result":{"ok":true}}\'',
    '',
    "Run 'asl-runtime <command> --help' (or 'asl-runtime help <command>') for a command's options,",
    'examples and exit codes. Every command exits 2 on a usage error.',
  ].join('\n');
}

/**
 * Runs the CLI with `argv` (the arguments after the program name) and returns the exit code.
 * Never calls `process.exit`, so it can be tested in-process.
 */
export async function main(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env }): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(help() + '\n');
    return EXIT_USAGE;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(packageVersion() + '\n');
    return EXIT_OK;
  }
  if (name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    io.stdout.write(help() + '\n');
    return EXIT_OK;
  }
  const asked = name === 'help' ? rest[0]! : name; // `help` alone printed the overview above
  const command = COMMANDS.find((c) => c.name === asked);
  if (command === undefined) {
    const suggestion = closest(asked, COMMANDS.map((c) => c.name));
    io.stderr.write(`asl-runtime: unknown command '${asked}'${suggestion ? `; did you mean '${suggestion}'?` : ''}\n\n${help()}\n`);
    return EXIT_USAGE;
  }
  if (name === 'help') {
    io.stdout.write(command.usage + '\n');
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    io.stderr.write(`asl-runtime ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof UsageError ? EXIT_USAGE : EXIT_PROBLEMS;
  }
}
