/** `asl-runtime run <definition>`: runs a state machine and prints each state as it finishes. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AslValidationError } from '../../errors.js';
import { formatDiagnostics } from '../../validate/index.js';
import { StateMachine, type RunOptions } from '../../runtime/state-machine.js';
import { VirtualClock } from '../../runtime/clock.js';
import { isStateEntered, isStateExited, type HistoryEvent } from '../../runtime/history.js';
import { loadMockConfig } from '../../testing/mock-config.js';
import { parseArgs, UsageError } from '../args.js';
import { isYamlFile, loadYaml } from '../yaml.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliIO, type Command } from '../io.js';
import { writeOutput } from './graph.js';

const USAGE = `Usage: asl-runtime run [options] <definition.json>

Runs a state machine in this process and prints each state as it finishes, then the result.

Options:
  --input JSON           execution input (default: {})
  --input-file FILE      read the execution input from a JSON file
  --handlers MODULE      an ES module exporting \`handlers\` and/or \`lambdas\` (see README)
  --mock-config FILE     an AWS Step Functions Local mock-config file (with --test-case)
  --test-case NAME       the test case of the mock config to use
  --state-machine NAME   the state machine name in the mock config (default: the only one)
  --virtual-time         run on a virtual clock: waits and backoff take no real time
  --history              print every history event
  --format text|json     output format (default: text)
  --report FILE          write the execution viewer (one self-contained HTML file) for the run
  --help                 show this help

Exit status: 0 succeeded, 1 failed, 2 usage error, 3 timed out, 4 aborted.`;

export const EXIT_TIMED_OUT = 3;
export const EXIT_ABORTED = 4;

/** The run command. */
export const runCommand: Command = {
  name: 'run',
  summary: 'run a state machine with local handlers and print each state',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs(args, ['input', 'input-file', 'handlers', 'mock-config', 'test-case', 'state-machine', 'format', 'report'], ['virtual-time', 'history', 'help']);
      if (parsed.options.has('help')) {
        io.stdout.write(USAGE + '\n');
        return EXIT_OK;
      }
      if (parsed.positionals.length !== 1) throw new UsageError('give exactly one definition file');
      if (parsed.options.has('input') && parsed.options.has('input-file')) throw new UsageError('use --input or --input-file, not both');
      if (parsed.options.has('mock-config') !== parsed.options.has('test-case')) throw new UsageError('--mock-config and --test-case go together');
      const format = parsed.options.get('format') ?? 'text';
      if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${String(format)}'`);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr.write(`asl-runtime run: ${error.message}\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    const opt = (name: string) => parsed.options.get(name) as string | undefined;
    const file = parsed.positionals[0]!;
    const text = await readText(file, 'definition');
    let definition: unknown = text;
    if (isYamlFile(file)) {
      const loaded = loadYaml(text);
      if (!loaded.ok) {
        io.stderr.write(formatDiagnostics([loaded.diagnostic], file) + '\n');
        return EXIT_PROBLEMS;
      }
      definition = loaded.value;
    }
    let machine: StateMachine;
    try {
      machine = new StateMachine(definition as object);
    } catch (error) {
      if (!(error instanceof AslValidationError)) throw error;
      io.stderr.write(formatDiagnostics(error.diagnostics, file) + '\n');
      return EXIT_PROBLEMS;
    }
    const input = opt('input-file') !== undefined ? parseJson(await readText(opt('input-file')!, 'input'), opt('input-file')!) : opt('input') !== undefined ? parseJson(opt('input')!, '--input') : {};
    const options: RunOptions = {};
    if (opt('handlers') !== undefined) Object.assign(options, await loadHandlers(opt('handlers')!));
    if (opt('mock-config') !== undefined) {
      const config = loadMockConfig(await readText(opt('mock-config')!, 'mock-config'));
      const names = config.stateMachines;
      const name = opt('state-machine') ?? (names.length === 1 ? names[0]! : undefined);
      if (name === undefined) throw new Error(`the mock config has ${names.length} state machines (${names.join(', ')}); choose one with --state-machine`);
      options.resolvers = [config.resolver(name, opt('test-case')!, machine.definition)];
    }
    if (parsed.options.has('virtual-time')) options.clock = new VirtualClock();

    const json = opt('format') === 'json';
    const colour = !json && (io.stdout as { isTTY?: boolean }).isTTY === true;
    const execution = machine.start(input, options);
    const entered = new Map<string, number>();
    if (!json) {
      execution.on('event', (e) => io.stdout.write(describe(e, entered, parsed.options.has('history'), colour)));
    }
    const result = await execution.result;
    if (opt('report') !== undefined) {
      // Loaded only when asked for: the viewer brings the layout library.
      const { renderExecutionHtml } = await import('../../visual/index.js');
      await writeOutput(opt('report')!, renderExecutionHtml(machine.definition, execution.history, { title: `${file} · ${result.status}` }), io);
    }
    if (json) {
      const out: Record<string, unknown> = { ...result };
      if (parsed.options.has('history')) out.history = execution.history;
      io.stdout.write(JSON.stringify(out, null, 2) + '\n');
    } else {
      io.stdout.write(`\n${paint(result.status, result.status === 'SUCCEEDED' ? 32 : 31, colour)}\n`);
      if (result.status === 'SUCCEEDED') io.stdout.write(JSON.stringify(result.output, null, 2) + '\n');
      else io.stdout.write(`error: ${result.error ?? ''}\ncause: ${result.cause ?? ''}\n`);
    }
    switch (result.status) {
      case 'SUCCEEDED':
        return EXIT_OK;
      case 'FAILED':
        return EXIT_PROBLEMS;
      case 'TIMED_OUT':
        return EXIT_TIMED_OUT;
      case 'ABORTED':
      case 'SUSPENDED':
        return EXIT_ABORTED;
    }
  },
};

/** One line per state that finished (or failed); every event with --history. */
function describe(e: HistoryEvent, entered: Map<string, number>, all: boolean, colour: boolean): string {
  const time = Date.parse(e.timestamp);
  const enteredDetails = isStateEntered(e) ? e.stateEnteredEventDetails : undefined;
  if (enteredDetails) entered.set(enteredDetails.name, time);
  if (all) return `${e.timestamp}  ${String(e.id).padStart(4)}  ${e.type}\n`;
  const exited = isStateExited(e) ? e.stateExitedEventDetails : undefined;
  if (exited) {
    const ms = time - (entered.get(exited.name) ?? time);
    return `${e.type.replace('StateExited', '').padEnd(9)} ${exited.name.padEnd(28)} ${formatMs(ms)}\n`;
  }
  if (e.type === 'FailStateEntered' || e.type.endsWith('Failed') || e.type.endsWith('TimedOut')) {
    if (e.type === 'ExecutionFailed' || e.type === 'ExecutionTimedOut') return '';
    const d = Object.values(e).find((v) => v && typeof v === 'object') as { name?: string; error?: string } | undefined;
    return paint(`${e.type.padEnd(9)} ${d?.name ?? ''}${d?.error ? `  ${d.error}` : ''}`, 31, colour) + '\n';
  }
  return '';
}

function formatMs(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 7_200_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

function paint(text: string, code: number, colour: boolean): string {
  return colour ? `\u001b[${code}m${text}\u001b[0m` : text;
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the ${what} file '${file}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${where} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function loadHandlers(file: string): Promise<RunOptions> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`cannot load the handlers module '${file}': ${error instanceof Error ? error.message : String(error)}`);
  }
  const pick = (v: unknown) => (typeof v === 'function' ? (v as () => unknown)() : v) as Record<string, never> | undefined;
  const handlers = pick(mod.handlers ?? (mod.default as Record<string, unknown> | undefined)?.handlers);
  const lambdas = pick(mod.lambdas ?? (mod.default as Record<string, unknown> | undefined)?.lambdas);
  if (!handlers && !lambdas) throw new Error(`the handlers module '${file}' exports neither 'handlers' nor 'lambdas'`);
  return { ...(handlers ? { handlers } : {}), ...(lambdas ? { lambdas } : {}) };
}

