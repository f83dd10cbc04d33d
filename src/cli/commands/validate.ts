/** `asl-runtime validate <files…>`: validates definition files and prints diagnostics. */
import type { Diagnostic } from '../../definition/diagnostic.js';
import { formatDiagnostics, validate } from '../../validate/index.js';
import { parseArgs, UsageError } from '../args.js';
import { isYamlFile, loadYaml } from '../yaml.js';
import { NotUtf8Error, readTextFile } from '../text-file.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliIO, type Command } from '../io.js';

const USAGE = `Usage: asl-runtime validate [options] <file...>

Validates Amazon States Language definitions (JSON, or YAML for *.yaml / *.yml files).

Options:
  --format text|json     output format (default: text)
  --warnings             also report warnings (NO_DOLLAR, NO_PATH, PASS_RESULT_IS_STATIC, ...)
  --type STANDARD|EXPRESS  workflow type to validate for (default: STANDARD)
  --strict-resources     check Task Resource ARNs strictly
  --help                 show this help

Exit status: 0 when every file is valid, 1 when any file has errors, 2 on a usage error.`;

interface FileResult {
  readonly file: string;
  readonly valid: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

/** The validate command. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'check state machine definition files',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs(args, ['format', 'type'], ['warnings', 'strict-resources', 'help']);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr.write(`asl-runtime validate: ${error.message}\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    const { positionals, options } = parsed;
    if (options.has('help')) {
      io.stdout.write(USAGE + '\n');
      return EXIT_OK;
    }
    const format = options.get('format') ?? 'text';
    const type = options.get('type') ?? 'STANDARD';
    if (format !== 'text' && format !== 'json') return usage(io, `--format must be text or json, not '${String(format)}'`);
    if (type !== 'STANDARD' && type !== 'EXPRESS') return usage(io, `--type must be STANDARD or EXPRESS, not '${String(type)}'`);
    if (positionals.length === 0) return usage(io, 'no files given');

    const warnings = options.has('warnings');
    const results: FileResult[] = [];
    for (const file of positionals) {
      let text: string;
      try {
        text = await readTextFile(file);
      } catch (error) {
        const reason =
          error instanceof NotUtf8Error ? 'it is not UTF-8 text' : ((error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error)));
        results.push({
          file,
          valid: false,
          diagnostics: [{ severity: 'ERROR', code: 'FILE_NOT_READABLE', message: `cannot read file (${reason})`, location: '', path: [] }],
        });
        continue;
      }
      const source = text;
      const settings = { warnings, type, strictResources: options.has('strict-resources') } as const;
      if (isYamlFile(file)) {
        const loaded = loadYaml(source);
        if (!loaded.ok) {
          results.push({ file, valid: false, diagnostics: [loaded.diagnostic] });
          continue;
        }
        const result = validate(loaded.value, settings);
        results.push({ file, valid: result.valid, diagnostics: result.diagnostics.map((d) => loaded.locate(d)) });
        continue;
      }
      const result = validate(source, settings);
      results.push({ file, valid: result.valid, diagnostics: result.diagnostics });
    }

    if (format === 'json') {
      io.stdout.write(JSON.stringify(results, null, 2) + '\n');
    } else {
      for (const r of results) if (r.diagnostics.length > 0) io.stdout.write(formatDiagnostics(r.diagnostics, r.file) + '\n');
      const errors = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'ERROR').length, 0);
      const warned = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'WARNING').length, 0);
      const failed = results.filter((r) => !r.valid).length;
      io.stderr.write(
        failed === 0
          ? `${results.length} file${plural(results.length)} valid${warned > 0 ? `, ${warned} warning${plural(warned)}` : ''}\n`
          : `${errors} error${plural(errors)}${warned > 0 ? `, ${warned} warning${plural(warned)}` : ''} in ${failed} of ${results.length} file${plural(results.length)}\n`,
      );
    }
    return results.every((r) => r.valid) ? EXIT_OK : EXIT_PROBLEMS;
  },
};

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

function usage(io: CliIO, message: string): number {
  io.stderr.write(`asl-runtime validate: ${message}\n\n${USAGE}\n`);
  return EXIT_USAGE;
}
