/** `asl-runtime run <definition>`: runs a state machine and prints each state as it finishes. */
import { AslValidationError } from '../../errors.js';
import { formatDiagnostics, validate } from '../../validate/index.js';
import { StateMachine, type RunOptions } from '../../runtime/state-machine.js';
import { RealClock, VirtualClock } from '../../runtime/clock.js';
import type { ExecutionResult } from '../../runtime/execution.js';
import type { HistoryEvent } from '../../runtime/history.js';
import { loadMockConfig } from '../../testing/mock-config.js';
import { parseArgs, UsageError } from '../args.js';
import { painter, useColour } from '../colour.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliIO, type Command } from '../io.js';
import { loadDefinition, loadHandlers, loadInput } from '../load.js';
import { RunPrinter } from '../run-output.js';
import { SourceReader } from '../sources.js';
import { readTemplateInputs, templateHelp, TEMPLATE_REPEATABLE, TEMPLATE_VALUED } from '../substitutions.js';
import { AnnouncingClock } from '../wait-announcer.js';
import { writeOutput } from './graph.js';

const USAGE = `Usage: asl-runtime run [options] <definition|template|->

Runs a state machine in this process and prints each state as it finishes (kind, name,
duration), a line for each Wait that waits, then the result. '-' reads the definition from
stdin (JSON, or YAML when it does not start with '{'). A template (SAM, CloudFormation, CDK
synth output, serverless.yml) gives the state machine --state-machine names; a Lambda function
of the same template is served by the \`lambdas\` handler keyed by its logical ID.

Options:
  --input JSON|-         execution input (default: {}); '-' reads it from stdin
  --input-file FILE      read the execution input from a JSON file
  --handlers MODULE      an ES module exporting \`handlers\` and/or \`lambdas\` (see README)
  --mock-config FILE     an AWS Step Functions Local mock-config file (with --test-case)
  --test-case NAME       the test case of the mock config to use
  --state-machine ID     the template's state machine to run (default: the only one); also
                         the state machine of the mock config (default: the same ID, else
                         the only one)
  --type TYPE            STANDARD or EXPRESS: the execution type (default: the template's,
                         else STANDARD); EXPRESS refuses .sync and .waitForTaskToken
${templateHelp(25)}
  --strict-resources     check Task Resource ARNs against AWS's ARN grammar before running
  --virtual-time         run on a virtual clock: waits and backoff take no real time
  --history [text|json]  text: every history event with its details, one line each;
                         json: only the history, as GetExecutionHistory returns it ({"events": [...]})
  --format text|json     output format (default: text); json prints the result (and with
                         --history, its events)
  --report FILE          write the execution viewer (one self-contained HTML file) for the run
  -h, --help             show this help

Examples:
  asl-runtime run order.asl.json --input '{"orderId":"42"}' --handlers ./handlers.mjs
  asl-runtime run order.asl.json --input-file input.json --virtual-time --history
  asl-runtime run order.asl.json --mock-config MockConfigFile.json --test-case HappyPath --virtual-time
  asl-runtime run order.asl.json --virtual-time --history json > history.json
  asl-runtime run template.yaml --state-machine OrderStateMachine --handlers ./lambdas.mjs --sub Env=dev
  echo '{"orderId":"42"}' | asl-runtime run order.asl.json --input - --format json

Exit status:
  0  the execution succeeded
  1  it failed; or the definition, input, handlers module or mock config is invalid or unreadable
  2  usage error
  3  it timed out (TimeoutSeconds)
  4  it was aborted (Ctrl-C stops it as AWS's StopExecution would)`;

export const EXIT_TIMED_OUT = 3;
export const EXIT_ABORTED = 4;

const VALUED = ['input', 'input-file', 'handlers', 'mock-config', 'test-case', 'state-machine', 'format', 'report', 'type', ...TEMPLATE_VALUED];

/** The run command. */
export const runCommand: Command = {
  name: 'run',
  summary: 'run a state machine with local handlers and print each state',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs(args, VALUED, ['virtual-time', 'strict-resources', 'help'], { optional: { history: ['text', 'json'] }, repeatable: TEMPLATE_REPEATABLE });
      if (parsed.options.has('help')) {
        io.stdout.write(USAGE + '\n');
        return EXIT_OK;
      }
      if (parsed.positionals.length !== 1) throw new UsageError('give exactly one definition file (or - for stdin)');
      if (parsed.options.has('input') && parsed.options.has('input-file')) throw new UsageError('use --input or --input-file, not both');
      if (parsed.positionals[0] === '-' && parsed.options.get('input') === '-') throw new UsageError("stdin can hold the definition or the input, not both ('-' twice)");
      if (parsed.options.has('mock-config') !== parsed.options.has('test-case')) throw new UsageError('--mock-config and --test-case go together');
      const format = parsed.options.get('format') ?? 'text';
      if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${String(format)}'`);
      if (format === 'json' && parsed.options.get('history') === 'json') throw new UsageError('--history json is an output of its own; leave out --format json');
      const type = parsed.options.get('type');
      if (type !== undefined && type !== 'STANDARD' && type !== 'EXPRESS') throw new UsageError(`--type must be STANDARD or EXPRESS, not '${String(type)}'`);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr.write(`asl-runtime run: ${error.message}\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    const opt = (name: string) => parsed.options.get(name) as string | undefined;
    const reader = new SourceReader(io);
    const inputs = await readTemplateInputs(parsed, reader);
    const loaded = await loadDefinition(reader, parsed.positionals[0]!, io, { inputs, stateMachine: opt('state-machine'), idMeansMore: opt('mock-config') !== undefined });
    if (loaded === undefined) return EXIT_PROBLEMS;
    const type = (opt('type') as 'STANDARD' | 'EXPRESS' | undefined) ?? loaded.type;
    // An Express machine must also pass Express's restrictions (no .sync, no .waitForTaskToken).
    const strictResources = parsed.options.has('strict-resources');
    const checked = type === 'EXPRESS' ? validate(loaded.definition, { type, strictResources, warnings: false }) : undefined;
    if (checked !== undefined && !checked.valid) {
      io.stderr.write(formatDiagnostics(checked.diagnostics.map((d) => loaded.locate(d)), loaded.file) + '\n');
      return EXIT_PROBLEMS;
    }
    let machine: StateMachine;
    try {
      machine = new StateMachine(loaded.definition, { strictResources });
    } catch (error) {
      if (!(error instanceof AslValidationError)) throw error;
      io.stderr.write(formatDiagnostics(error.diagnostics.map((d) => loaded.locate(d)), loaded.file) + '\n');
      return EXIT_PROBLEMS;
    }
    const input = await loadInput(reader, parsed.options);
    // `type` is passed on for the runtime's execution type (Express ids and limits).
    const options: RunOptions & { type?: 'STANDARD' | 'EXPRESS' } = type === undefined ? {} : { type };
    // $$.StateMachine.Name: the template's name for it, else its logical ID (as CloudFormation names it).
    if (loaded.id !== undefined) options.context = { stateMachineName: loaded.machineName ?? loaded.id };
    if (opt('handlers') !== undefined) Object.assign(options, await loadHandlers(opt('handlers')!));
    if (opt('mock-config') !== undefined) {
      const config = loadMockConfig((await reader.read(opt('mock-config')!, 'mock-config')).text);
      const names = config.stateMachines;
      const name = [opt('state-machine'), loaded.id].find((n) => n !== undefined && names.includes(n)) ?? opt('state-machine') ?? (names.length === 1 ? names[0]! : undefined);
      if (name === undefined) throw new Error(`the mock config has ${names.length} state machines (${names.join(', ')}); choose one with --state-machine`);
      options.resolvers = [config.resolver(name, opt('test-case')!, machine.model)];
    }

    const history = parsed.options.get('history');
    const text = opt('format') !== 'json' && history !== 'json';
    const virtual = parsed.options.has('virtual-time');
    const printer = new RunPrinter(machine.definition, {
      paint: painter(text && useColour(io.stdout, io.env ?? process.env)),
      history: history !== undefined,
      virtual,
      write: (s) => io.stdout.write(s),
    });
    const clock = new AnnouncingClock(virtual ? new VirtualClock() : new RealClock(), (state, until, ms) => {
      if (text) printer.wait(state, until, ms);
    });
    options.clock = clock;
    const execution = machine.start(input, options);
    const see = (e: HistoryEvent) => {
      clock.observe(e);
      if (text) printer.event(e);
    };
    // start() has written ExecutionStarted already; the listener gets what follows.
    execution.history.forEach(see);
    execution.on('event', see);
    const result = await untilSettled(execution);
    if (opt('report') !== undefined) {
      // Loaded only when asked for: the viewer brings the layout library.
      const { renderExecutionHtml } = await import('../../visual/index.js');
      await writeOutput(opt('report')!, renderExecutionHtml(machine.definition, execution.history, { title: `${loaded.name} · ${result.status}` }), io);
    }
    if (history === 'json') {
      io.stdout.write(JSON.stringify({ events: execution.history }, null, 2) + '\n');
    } else if (!text) {
      const out: Record<string, unknown> = { ...result };
      if (history !== undefined) out.history = execution.history;
      io.stdout.write(JSON.stringify(out, null, 2) + '\n');
    } else {
      printer.result(result);
    }
    return exitCode(result);
  },
};

/** The result; Ctrl-C (SIGINT) meanwhile stops the execution as ABORTED instead of killing the process. */
async function untilSettled(execution: ReturnType<StateMachine['start']>): Promise<ExecutionResult> {
  const onInterrupt = () => execution.stop({ error: 'States.Aborted', cause: 'Interrupted (SIGINT).' });
  process.once('SIGINT', onInterrupt);
  try {
    return await execution.result;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

function exitCode(result: ExecutionResult): number {
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
}
