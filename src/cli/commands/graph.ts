/** `asl-runtime graph <definition>`: draws a state machine as Mermaid, Graphviz DOT or SVG. */
import { readFile, writeFile } from 'node:fs/promises';
import { AslUsageError, AslValidationError } from '../../errors.js';
import { formatDiagnostics } from '../../validate/index.js';
import { parseArgs, UsageError, type ParsedArgs } from '../args.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliIO, type Command } from '../io.js';
import { loadDefinition, type DefinitionChoice } from '../load.js';
import { SourceReader } from '../sources.js';
import { readTemplateInputs, templateHelp, TEMPLATE_REPEATABLE, TEMPLATE_VALUED } from '../substitutions.js';

const USAGE = `Usage: asl-runtime graph [options] <definition|template>

Draws a state machine (JSON, or YAML for *.yaml / *.yml) as Mermaid, Graphviz DOT or SVG.
A template (SAM, CloudFormation, CDK synth output, serverless.yml) gives the state machine
--state-machine names.

Options:
  --format mermaid|dot|svg  output format (default: mermaid)
  --history FILE            colour states by outcome from an execution history: ours
                            (run --format json --history) or an AWS export
                            (aws stepfunctions get-execution-history)
  --state-machine ID        the template's state machine to draw (default: the only one)
${templateHelp(28)}
  -o, --output FILE         write to FILE instead of standard output
  --help                    show this help

Examples:
  asl-runtime graph order.asl.json > order.mmd
  asl-runtime graph template.yaml --state-machine OrderStateMachine --format svg -o order.svg

Exit status: 0 drawn, 1 invalid definition or unreadable file, 2 usage error.`;

const FORMATS = ['mermaid', 'dot', 'svg'] as const;

/** The graph command. */
export const graphCommand: Command = {
  name: 'graph',
  summary: 'draw a state machine as Mermaid, Graphviz DOT or SVG',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    let parsed: ParsedArgs;
    try {
      parsed = parseArgs(withLongOutput(args), ['format', 'history', 'output', 'state-machine', ...TEMPLATE_VALUED], ['help'], { repeatable: TEMPLATE_REPEATABLE });
      if (parsed.options.has('help')) {
        io.stdout.write(USAGE + '\n');
        return EXIT_OK;
      }
      if (parsed.positionals.length !== 1) throw new UsageError('give exactly one definition or template file');
      const format = parsed.options.get('format') ?? 'mermaid';
      if (!FORMATS.includes(format as never)) throw new UsageError(`--format must be mermaid, dot or svg, not '${String(format)}'`);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr.write(`asl-runtime graph: ${error.message}\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    const file = parsed.positionals[0]!;
    const historyFile = parsed.options.get('history') as string | undefined;
    const history = historyFile === undefined ? undefined : await readText(historyFile, 'history');
    const visual = await import('../../visual/index.js');
    const render = { mermaid: visual.toMermaid, dot: visual.toDot, svg: visual.toSvg }[(parsed.options.get('format') ?? 'mermaid') as (typeof FORMATS)[number]];
    const choice = { inputs: await readTemplateInputs(parsed, new SourceReader(io)), stateMachine: parsed.options.get('state-machine') as string | undefined };
    const text = await drawFromFile(file, io, (definition) => render(definition, history === undefined ? {} : { history }), choice);
    if (text === undefined) return EXIT_PROBLEMS;
    await writeOutput(parsed.options.get('output') as string | undefined, text, io);
    return EXIT_OK;
  },
};

/** `-o FILE` is `--output FILE` (the shared parser knows only long options). */
export function withLongOutput(args: readonly string[]): string[] {
  return args.map((a) => (a === '-o' ? '--output' : a));
}

/**
 * Reads a definition file (JSON or YAML), or a template's state machine, and calls `draw` with
 * it. Invalid definitions and histories are reported on stderr (diagnostics at their line and
 * column) and give undefined.
 */
export async function drawFromFile(file: string, io: CliIO, draw: (definition: unknown) => string, choice: DefinitionChoice = { inputs: { substitutions: {}, parameters: {} } }): Promise<string | undefined> {
  const loaded = await loadDefinition(new SourceReader(io), file, io, choice);
  if (loaded === undefined) return undefined;
  try {
    return draw(loaded.definition);
  } catch (error) {
    if (error instanceof AslValidationError) {
      io.stderr.write(formatDiagnostics(error.diagnostics.map((d) => loaded.locate(d)), loaded.file) + '\n');
      return undefined;
    }
    if (error instanceof AslUsageError) {
      io.stderr.write(`${error.message}\n`);
      return undefined;
    }
    throw error;
  }
}

/** Writes to `file`, or to stdout without one. */
export async function writeOutput(file: string | undefined, text: string, io: CliIO): Promise<void> {
  if (file === undefined) {
    io.stdout.write(text.endsWith('\n') ? text : text + '\n');
    return;
  }
  try {
    await writeFile(file, text);
  } catch (error) {
    throw new Error(`cannot write '${file}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  io.stderr.write(`wrote ${file}\n`);
}

export async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the ${what} file '${file}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
