/** `asl-runtime validate <files…>`: validates definition files and templates, and prints diagnostics. */
import { formatDiagnostics, validate } from '../../validate/index.js';
import { parseArgs, UsageError } from '../args.js';
import { painter, Style, useColour } from '../colour.js';
import { expandFiles } from '../expand.js';
import { loadMachines, type MachineSource } from '../machines.js';
import { VALIDATE_FORMATS, type FileResult, type ValidateFormat } from '../formats/file-result.js';
import { formatGithub } from '../formats/github.js';
import { formatJunit } from '../formats/junit.js';
import { toSarif } from '../formats/sarif.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliIO, type Command } from '../io.js';
import { SourceError, SourceReader } from '../sources.js';
import { readTemplateInputs, templateHelp, TEMPLATE_REPEATABLE, TEMPLATE_VALUED, type TemplateInputs } from '../substitutions.js';
import { packageVersion } from '../version.js';

const USAGE = `Usage: asl-runtime validate [options] <file|folder|glob|-> ...

Validates Amazon States Language definitions: JSON, or YAML for *.yaml / *.yml files.
A template (SAM, CloudFormation, CDK synth output, serverless.yml) stands for every state
machine in it, each reported with positions in the template (or in its DefinitionUri file).
A folder stands for every .json, .yaml and .yml file under it; quote a glob so the shell
leaves it to asl-runtime (*, ?, **, [abc], {a,b}); '-' reads one definition from stdin.

Options:
  --format FORMAT          text (default), json, github (Actions annotations),
                           sarif (SARIF 2.1.0, for code scanning) or junit (JUnit XML)
  --warnings               also report warnings (NO_DOLLAR, NO_PATH, PASS_RESULT_IS_STATIC, ...)
  --type STANDARD|EXPRESS  workflow type to validate for (default: the template's, else STANDARD)
  --strict-resources       check Task Resource ARNs against AWS's ARN grammar
${templateHelp(27)}
  -h, --help               show this help

Examples:
  asl-runtime validate order.asl.json
  asl-runtime validate template.yaml --sub Env=prod
  asl-runtime validate cdk.out/OrderStack.template.json --parameters params.json
  asl-runtime validate order.asl.json.tftpl --sub checkout_arn=arn:aws:lambda:us-east-1:123456789012:function:checkout
  asl-runtime validate 'statemachines/**/*.asl.{json,yaml}' --warnings
  asl-runtime validate statemachines/ --format github
  asl-runtime validate statemachines/ --format sarif > asl.sarif
  cat order.asl.json | asl-runtime validate -

Exit status:
  0  every file is valid (warnings alone do not fail)
  1  a file has errors or cannot be read
  2  usage error (unknown option, no file given, a glob or folder that matches nothing)`;

/** The validate command. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'check state machine definition files (text, json, github, sarif, junit)',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    let files: string[];
    let format: ValidateFormat;
    let type: 'STANDARD' | 'EXPRESS' | undefined;
    let options: Map<string, string | true>;
    let inputs: TemplateInputs;
    const reader = new SourceReader(io);
    try {
      const parsed = parseArgs(args, ['format', 'type', ...TEMPLATE_VALUED], ['warnings', 'strict-resources', 'help'], { repeatable: TEMPLATE_REPEATABLE });
      const { positionals } = parsed;
      options = parsed.options;
      if (options.has('help')) {
        io.stdout.write(USAGE + '\n');
        return EXIT_OK;
      }
      const f = options.get('format') ?? 'text';
      if (!VALIDATE_FORMATS.includes(f as ValidateFormat)) throw new UsageError(`--format must be one of ${VALIDATE_FORMATS.join(', ')}, not '${String(f)}'`);
      format = f as ValidateFormat;
      const t = options.get('type');
      if (t !== undefined && t !== 'STANDARD' && t !== 'EXPRESS') throw new UsageError(`--type must be STANDARD or EXPRESS, not '${String(t)}'`);
      type = t;
      if (positionals.length === 0) throw new UsageError('no files given');
      files = await expandFiles(positionals);
      if (files.filter((f) => f === '-').length > 1) throw new UsageError("'-' (stdin) can be given once");
      inputs = await readTemplateInputs(parsed, reader);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr.write(`asl-runtime validate: ${error.message}\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }

    const settings: Settings = { warnings: options.has('warnings'), type, strictResources: options.has('strict-resources'), inputs };
    const results: FileResult[] = [];
    for (const file of files) results.push(...(await validateFile(reader, file, settings)));

    const version = packageVersion();
    switch (format) {
      case 'json':
        io.stdout.write(JSON.stringify(results, null, 2) + '\n');
        break;
      case 'github':
        io.stdout.write(formatGithub(results));
        break;
      case 'sarif':
        io.stdout.write(JSON.stringify(toSarif(results, version), null, 2) + '\n');
        break;
      case 'junit':
        io.stdout.write(formatJunit(results));
        break;
      case 'text':
        writeText(results, io);
        break;
    }
    return results.every((r) => r.valid) ? EXIT_OK : EXIT_PROBLEMS;
  },
};

interface Settings {
  readonly warnings: boolean;
  /** --type; a template's own type applies without it. */
  readonly type: 'STANDARD' | 'EXPRESS' | undefined;
  readonly strictResources: boolean;
  readonly inputs: TemplateInputs;
}

/** A result per state machine in the file: one for a definition, one per machine of a template. */
async function validateFile(reader: SourceReader, file: string, settings: Settings): Promise<FileResult[]> {
  let loaded;
  try {
    loaded = await loadMachines(reader, file, settings.inputs);
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    const message = `cannot read file (${error.reason})`;
    return [{ file, valid: false, diagnostics: [{ severity: 'ERROR', code: 'FILE_NOT_READABLE', message, location: '', path: [] }] }];
  }
  if (loaded.machines.length === 0) return [{ file: loaded.name, valid: !loaded.diagnostics.some((d) => d.severity === 'ERROR'), diagnostics: loaded.diagnostics }];
  return loaded.machines.map((m) => validateMachine(m, settings));
}

/** The loader's diagnostics, then validate()'s, all at their positions in the machine's file. */
function validateMachine(machine: MachineSource, settings: Settings): FileResult {
  const result = validate(machine.definition, { warnings: settings.warnings, strictResources: settings.strictResources, type: settings.type ?? machine.type ?? 'STANDARD' });
  const loader = settings.warnings ? machine.diagnostics : machine.diagnostics.filter((d) => d.severity === 'ERROR');
  const diagnostics = [...loader, ...result.diagnostics.map((d) => machine.locate(d))];
  const valid = result.valid && !loader.some((d) => d.severity === 'ERROR');
  return { file: machine.file, ...(machine.id !== undefined ? { stateMachine: machine.id } : {}), valid, diagnostics };
}

/**
 * `file:line:col  CODE  message` lines on stdout (a template's state machine is named before the
 * message), the summary on stderr; red errors and yellow warnings on a terminal.
 */
function writeText(results: readonly FileResult[], io: CliIO): void {
  const env = io.env ?? process.env;
  const paint = painter(useColour(io.stdout, env));
  for (const r of results) {
    for (const d of r.diagnostics) {
      const shown = r.stateMachine === undefined ? d : { ...d, message: `${r.stateMachine}: ${d.message}` };
      io.stdout.write(paint(formatDiagnostics([shown], r.file), d.severity === 'ERROR' ? Style.red : Style.yellow) + '\n');
    }
  }
  const errors = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'ERROR').length, 0);
  const warned = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'WARNING').length, 0);
  const failed = results.filter((r) => !r.valid).length;
  const warnings = warned > 0 ? `, ${warned} warning${plural(warned)}` : '';
  // With a template among them, each result is a state machine rather than a file.
  const noun = results.some((r) => r.stateMachine !== undefined) ? 'state machine' : 'file';
  const summary =
    failed === 0
      ? `${results.length} ${noun}${plural(results.length)} valid${warnings}`
      : `${errors} error${plural(errors)}${warnings} in ${failed} of ${results.length} ${noun}${plural(results.length)}`;
  io.stderr.write(painter(useColour(io.stderr, env))(summary, failed === 0 ? Style.green : Style.red) + '\n');
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}
