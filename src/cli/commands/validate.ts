/** `asl-runtime validate <files…>`: validates definition files and prints diagnostics. */
import { formatDiagnostics, validate } from '../../validate/index.js';
import { parseArgs, UsageError } from '../args.js';
import { painter, Style, useColour } from '../colour.js';
import { expandFiles } from '../expand.js';
import { VALIDATE_FORMATS, type FileResult, type ValidateFormat } from '../formats/file-result.js';
import { formatGithub } from '../formats/github.js';
import { formatJunit } from '../formats/junit.js';
import { toSarif } from '../formats/sarif.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliIO, type Command } from '../io.js';
import { looksLikeYaml, SourceError, SourceReader } from '../sources.js';
import { packageVersion } from '../version.js';
import { loadYaml } from '../yaml.js';

const USAGE = `Usage: asl-runtime validate [options] <file|folder|glob|-> ...

Validates Amazon States Language definitions: JSON, or YAML for *.yaml / *.yml files.
A folder stands for every .json, .yaml and .yml file under it; quote a glob so the shell
leaves it to asl-runtime (*, ?, **, [abc], {a,b}); '-' reads one definition from stdin.

Options:
  --format FORMAT          text (default), json, github (Actions annotations),
                           sarif (SARIF 2.1.0, for code scanning) or junit (JUnit XML)
  --warnings               also report warnings (NO_DOLLAR, NO_PATH, PASS_RESULT_IS_STATIC, ...)
  --type STANDARD|EXPRESS  workflow type to validate for (default: STANDARD)
  --strict-resources       check Task Resource ARNs strictly
  -h, --help               show this help

Examples:
  asl-runtime validate order.asl.json
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
    let type: 'STANDARD' | 'EXPRESS';
    let options: Map<string, string | true>;
    try {
      let positionals: string[];
      ({ options, positionals } = parseArgs(args, ['format', 'type'], ['warnings', 'strict-resources', 'help']));
      if (options.has('help')) {
        io.stdout.write(USAGE + '\n');
        return EXIT_OK;
      }
      const f = options.get('format') ?? 'text';
      if (!VALIDATE_FORMATS.includes(f as ValidateFormat)) throw new UsageError(`--format must be one of ${VALIDATE_FORMATS.join(', ')}, not '${String(f)}'`);
      format = f as ValidateFormat;
      const t = options.get('type') ?? 'STANDARD';
      if (t !== 'STANDARD' && t !== 'EXPRESS') throw new UsageError(`--type must be STANDARD or EXPRESS, not '${String(t)}'`);
      type = t;
      if (positionals.length === 0) throw new UsageError('no files given');
      files = await expandFiles(positionals);
      if (files.filter((f) => f === '-').length > 1) throw new UsageError("'-' (stdin) can be given once");
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr.write(`asl-runtime validate: ${error.message}\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }

    const settings = { warnings: options.has('warnings'), type, strictResources: options.has('strict-resources') } as const;
    const reader = new SourceReader(io);
    const results: FileResult[] = [];
    for (const file of files) results.push(await validateOne(reader, file, settings));

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

async function validateOne(reader: SourceReader, file: string, settings: Parameters<typeof validate>[1]): Promise<FileResult> {
  let source;
  try {
    source = await reader.read(file, 'definition');
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    const message = `cannot read file (${error.reason})`;
    return { file, valid: false, diagnostics: [{ severity: 'ERROR', code: 'FILE_NOT_READABLE', message, location: '', path: [] }] };
  }
  if (looksLikeYaml(source)) {
    const loaded = loadYaml(source.text);
    if (!loaded.ok) return { file: source.name, valid: false, diagnostics: [loaded.diagnostic] };
    const result = validate(loaded.value, settings);
    return { file: source.name, valid: result.valid, diagnostics: result.diagnostics.map((d) => loaded.locate(d)) };
  }
  const result = validate(source.text, settings);
  return { file: source.name, valid: result.valid, diagnostics: result.diagnostics };
}

/** `file:line:col  CODE  message` lines on stdout, the summary on stderr; red errors and yellow warnings on a terminal. */
function writeText(results: readonly FileResult[], io: CliIO): void {
  const env = io.env ?? process.env;
  const paint = painter(useColour(io.stdout, env));
  for (const r of results) {
    for (const d of r.diagnostics) io.stdout.write(paint(formatDiagnostics([d], r.file), d.severity === 'ERROR' ? Style.red : Style.yellow) + '\n');
  }
  const errors = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'ERROR').length, 0);
  const warned = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'WARNING').length, 0);
  const failed = results.filter((r) => !r.valid).length;
  const warnings = warned > 0 ? `, ${warned} warning${plural(warned)}` : '';
  const summary =
    failed === 0
      ? `${results.length} file${plural(results.length)} valid${warnings}`
      : `${errors} error${plural(errors)}${warnings} in ${failed} of ${results.length} file${plural(results.length)}`;
  io.stderr.write(painter(useColour(io.stderr, env))(summary, failed === 0 ? Style.green : Style.red) + '\n');
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}
