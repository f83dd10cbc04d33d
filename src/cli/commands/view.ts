/** `asl-runtime view <history.json> --definition <file>`: the execution viewer for an exported history. */
import { basename } from 'node:path';
import { parseArgs, UsageError, type ParsedArgs } from '../args.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliIO, type Command } from '../io.js';
import { SourceReader } from '../sources.js';
import { readTemplateInputs, templateHelp, TEMPLATE_REPEATABLE, TEMPLATE_VALUED } from '../substitutions.js';
import { drawFromFile, readText, withLongOutput, writeOutput } from './graph.js';

const USAGE = `Usage: asl-runtime view <history.json> --definition <definition.json> [-o run.html]

Writes the execution viewer, one self-contained HTML file, for an execution history: an AWS
export (aws stepfunctions get-execution-history --execution-arn ARN > history.json; ISO or
epoch-second timestamps) or ours (asl-runtime run --format json --history).

Options:
  --definition FILE   the state machine the execution ran (JSON, or YAML for *.yaml / *.yml),
                      or a template (SAM, CloudFormation, CDK synth output, serverless.yml)
  --state-machine ID  the template's state machine (default: the only one)
${templateHelp(22)}
  --title TEXT        the page title (default: the history file name)
  -o, --output FILE   write to FILE instead of standard output
  --help              show this help

Exit status: 0 written, 1 invalid definition or history, or unreadable file, 2 usage error.`;

/** The view command. */
export const viewCommand: Command = {
  name: 'view',
  summary: 'write the execution viewer (HTML) for an exported execution history',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    let parsed: ParsedArgs;
    try {
      parsed = parseArgs(withLongOutput(args), ['definition', 'title', 'output', 'state-machine', ...TEMPLATE_VALUED], ['help'], { repeatable: TEMPLATE_REPEATABLE });
      if (parsed.options.has('help')) {
        io.stdout.write(USAGE + '\n');
        return EXIT_OK;
      }
      if (parsed.positionals.length !== 1) throw new UsageError('give exactly one history file');
      if (!parsed.options.has('definition')) throw new UsageError('--definition is required: the history names states, the definition draws them');
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr.write(`asl-runtime view: ${error.message}\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    const historyFile = parsed.positionals[0]!;
    const history = await readText(historyFile, 'history');
    const title = (parsed.options.get('title') as string | undefined) ?? basename(historyFile);
    const { renderExecutionHtml } = await import('../../visual/index.js');
    const choice = { inputs: await readTemplateInputs(parsed, new SourceReader(io)), stateMachine: parsed.options.get('state-machine') as string | undefined };
    const html = await drawFromFile(parsed.options.get('definition') as string, io, (definition) => renderExecutionHtml(definition, history, { title }), choice);
    if (html === undefined) return EXIT_PROBLEMS;
    await writeOutput(parsed.options.get('output') as string | undefined, html, io);
    return EXIT_OK;
  },
};
