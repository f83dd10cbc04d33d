/** Loading what `run` and `test-state` take: a definition, an input, a handlers module. */
import type { RunOptions } from '../runtime/state-machine.js';
import { loadHandlersModule } from '../server/handlers-module.js';
import { formatDiagnostics } from '../validate/index.js';
import { UsageError } from './args.js';
import type { CliIO } from './io.js';
import { looksLikeYaml, type SourceReader } from './sources.js';
import { loadYaml } from './yaml.js';

/** A definition read from a file or stdin: parsed YAML, or JSON text as is (so diagnostics keep line and column). */
export interface LoadedDefinition {
  readonly name: string;
  readonly definition: string | object;
}

/**
 * Reads the definition `file` (`-`: stdin). Malformed YAML is reported on stderr and gives
 * undefined; JSON text is left to the validator, which reports positions.
 */
export async function loadDefinition(reader: SourceReader, file: string, io: CliIO): Promise<LoadedDefinition | undefined> {
  const source = await reader.read(file, 'definition');
  if (!looksLikeYaml(source)) return { name: source.name, definition: source.text };
  const loaded = loadYaml(source.text);
  if (!loaded.ok) {
    io.stderr.write(formatDiagnostics([loaded.diagnostic], source.name) + '\n');
    return undefined;
  }
  return { name: source.name, definition: loaded.value as object };
}

/** `--input JSON`, `--input -` (stdin) or `--input-file FILE`; `{}` when none is given. */
export async function loadInput(reader: SourceReader, options: ReadonlyMap<string, string | true>): Promise<unknown> {
  const inline = options.get('input');
  const file = options.get('input-file');
  if (inline !== undefined && file !== undefined) throw new UsageError('use --input or --input-file, not both');
  if (typeof file === 'string') return parseJson((await reader.read(file, 'input')).text, file);
  if (inline === '-') return parseJson((await reader.read('-', 'input')).text, 'the input on stdin');
  if (typeof inline === 'string') return parseJson(inline, '--input');
  return {};
}

/** Parses JSON text; the error names `where` the text came from. */
export function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${where} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Imports an ES module exporting `handlers` and/or `lambdas` (objects, or functions returning
 * them, possibly async). The same loader serves `serve --handlers`; a member that is not an
 * object is refused with a message naming the file.
 */
export async function loadHandlers(file: string): Promise<Pick<RunOptions, 'handlers' | 'lambdas'>> {
  return loadHandlersModule(file);
}
