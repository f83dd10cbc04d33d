/**
 * `asl-runtime test-state <definition> --state Name`: one state in isolation, like AWS's TestState
 * API (and `aws stepfunctions test-state`), on a virtual clock.
 */
import { AslUsageError, AslValidationError } from '../../errors.js';
import { testState, type TestStateMock, type TestStateOptions, type TestStateResult } from '../../testing/test-state.js';
import { formatDiagnostics } from '../../validate/index.js';
import { parseArgs, UsageError } from '../args.js';
import { painter, Style, useColour } from '../colour.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliIO, type Command } from '../io.js';
import { loadDefinition, loadHandlers, loadInput, parseJson } from '../load.js';
import { SourceReader } from '../sources.js';
import { readTemplateInputs, templateHelp, TEMPLATE_REPEATABLE, TEMPLATE_VALUED } from '../substitutions.js';

const USAGE = `Usage: asl-runtime test-state <definition|template|-> [options]

Runs one state of a state machine in isolation, like AWS's TestState API: its input and output
processing, Retry and Catch, with the Task's work mocked or done by a local handler. Time is
virtual: retry backoff and Waits take none. A template (SAM, CloudFormation, CDK synth output,
serverless.yml) gives the state machine --state-machine names.

Options:
  --state NAME               the state to test (default: the machine's StartAt)
  --input JSON|-             the state's input (default: {}); '-' reads it from stdin
  --input-file FILE          read the input from a JSON file
  --mock JSON                the Task's outcome, as TestState's mock:
                             '{"result": …}' or '{"errorOutput": {"error": "E", "cause": "…"}}'
  --variables JSON           variables in scope when the state starts (an object)
  --retry-count N            retries that already happened (TestState's retrierRetryCount)
  --inspection-level LEVEL   INFO (default), DEBUG or TRACE: DEBUG adds the data after each step
  --handlers MODULE          an ES module exporting \`handlers\` and/or \`lambdas\`, for unmocked Tasks
  --state-machine ID         the template's state machine (default: the only one)
${templateHelp(29)}
  --format text|json         output format (default: text)
  -h, --help                 show this help

Examples:
  asl-runtime test-state order.asl.json --state Charge --input '{"total":5}' --mock '{"result":{"charged":5}}'
  asl-runtime test-state order.asl.json --state Charge --mock '{"errorOutput":{"error":"Declined"}}' --inspection-level DEBUG
  asl-runtime test-state template.yaml --state-machine OrderStateMachine --state CheckStock --mock '{"result":{"inStock":true}}'
  echo '{"total":5}' | asl-runtime test-state order.asl.json --state Charge --input - --format json

Exit status:
  0  SUCCEEDED     the state completed
  1  FAILED        it failed and no retrier or catcher applies; or the definition, input or
                   handlers module is invalid or unreadable
  2  usage error   (unknown option, an unknown --state, a mock on a state that is not a Task)
  3  CAUGHT_ERROR  a catcher caught the error
  4  RETRIABLE     a retrier would retry it`;

/** Exit code per TestState status. */
const EXIT_BY_STATUS: Readonly<Record<TestStateResult['status'], number>> = { SUCCEEDED: EXIT_OK, FAILED: EXIT_PROBLEMS, CAUGHT_ERROR: 3, RETRIABLE: 4 };

const VALUED = ['state', 'input', 'input-file', 'mock', 'variables', 'retry-count', 'inspection-level', 'handlers', 'format', 'state-machine', ...TEMPLATE_VALUED];

/** The test-state command. */
export const testStateCommand: Command = {
  name: 'test-state',
  summary: "test one state in isolation, like AWS's TestState API",
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const reader = new SourceReader(io);
    let file: string;
    let options: TestStateOptions;
    let json: boolean;
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs(args, VALUED, ['help'], { repeatable: TEMPLATE_REPEATABLE });
      if (parsed.options.has('help')) {
        io.stdout.write(USAGE + '\n');
        return EXIT_OK;
      }
      if (parsed.positionals.length !== 1) throw new UsageError('give exactly one definition file (or - for stdin)');
      file = parsed.positionals[0]!;
      if (file === '-' && parsed.options.get('input') === '-') throw new UsageError("stdin can hold the definition or the input, not both ('-' twice)");
      const opt = (name: string) => parsed.options.get(name) as string | undefined;
      const format = opt('format') ?? 'text';
      if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
      json = format === 'json';
      const level = opt('inspection-level') ?? 'INFO';
      if (level !== 'INFO' && level !== 'DEBUG' && level !== 'TRACE') throw new UsageError(`--inspection-level must be INFO, DEBUG or TRACE, not '${level}'`);
      const retries = opt('retry-count');
      if (retries !== undefined && !/^\d+$/.test(retries)) throw new UsageError(`--retry-count must be a non-negative integer, not '${retries}'`);
      options = { inspectionLevel: level, ...(opt('state') !== undefined ? { stateName: opt('state') } : {}) };
      if (retries !== undefined) options.stateConfiguration = { retrierRetryCount: Number(retries) };
      if (opt('mock') !== undefined) options.mock = toMock(parseJson(opt('mock')!, '--mock'));
      if (opt('variables') !== undefined) {
        const variables = parseJson(opt('variables')!, '--variables');
        if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) throw new UsageError('--variables must be a JSON object');
        options.variables = variables as Record<string, unknown>;
      }
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr.write(`asl-runtime test-state: ${error.message}\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }

    const inputs = await readTemplateInputs(parsed, reader);
    const loaded = await loadDefinition(reader, file, io, { inputs, stateMachine: parsed.options.get('state-machine') as string | undefined });
    if (loaded === undefined) return EXIT_PROBLEMS;
    options.input = await loadInput(reader, parsed.options);
    if (typeof parsed.options.get('handlers') === 'string') Object.assign(options, await loadHandlers(parsed.options.get('handlers') as string));

    let result: TestStateResult;
    try {
      result = await testState(typeof loaded.definition === 'string' ? parseJson(loaded.definition, loaded.name) as object : loaded.definition, options);
    } catch (error) {
      if (error instanceof AslValidationError) {
        io.stderr.write(formatDiagnostics(error.diagnostics.map((d) => loaded.locate(d)), loaded.file) + '\n');
        return EXIT_PROBLEMS;
      }
      if (error instanceof AslUsageError) {
        io.stderr.write(`asl-runtime test-state: ${error.message}\n`);
        return EXIT_USAGE;
      }
      throw error;
    }
    if (json) io.stdout.write(JSON.stringify(result, null, 2) + '\n');
    else writeText(result, io);
    return EXIT_BY_STATUS[result.status];
  },
};

/** TestState's mock: exactly one of `result` and `errorOutput`. */
function toMock(value: unknown): TestStateMock {
  const ok = value !== null && typeof value === 'object' && !Array.isArray(value) && ('result' in value) !== ('errorOutput' in value);
  if (!ok) throw new UsageError('--mock must be a JSON object with either "result" or "errorOutput"');
  return value as TestStateMock;
}

function writeText(result: TestStateResult, io: CliIO): void {
  const paint = painter(useColour(io.stdout, io.env ?? process.env));
  const good = result.status === 'SUCCEEDED' || result.status === 'CAUGHT_ERROR';
  io.stdout.write(`${paint(result.status, good ? Style.green : Style.red)}${result.nextState !== undefined ? `  → ${result.nextState}` : ''}\n`);
  if (result.error !== undefined) io.stdout.write(`error: ${result.error}\ncause: ${result.cause ?? ''}\n`);
  if (result.output !== undefined) io.stdout.write(`output: ${JSON.stringify(result.output, null, 2)}\n`);
  const data = result.inspectionData;
  if (data !== undefined) {
    io.stdout.write(paint('inspection data:', Style.bold) + '\n');
    for (const [key, value] of Object.entries(data)) io.stdout.write(`  ${key}: ${JSON.stringify(value)}\n`);
  }
}
