/** Loading what `run` and `test-state` take: a definition, an input, a handlers module. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RunOptions } from '../runtime/state-machine.js';
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

/** Imports an ES module exporting `handlers` and/or `lambdas` (objects, or functions returning them). */
export async function loadHandlers(file: string): Promise<Pick<RunOptions, 'handlers' | 'lambdas'>> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`cannot load the handlers module '${file}': ${error instanceof Error ? error.message : String(error)}`);
  }
  const fallback = mod.default as Record<string, unknown> | undefined;
  const pick = (v: unknown) => (typeof v === 'function' ? (v as () => unknown)() : v) as Record<string, never> | undefined;
  const handlers = pick(mod.handlers ?? fallback?.handlers);
  const lambdas = pick(mod.lambdas ?? fallback?.lambdas);
  if (!handlers && !lambdas) throw new Error(`the handlers module '${file}' exports neither 'handlers' nor 'lambdas'`);
  return { ...(handlers ? { handlers } : {}), ...(lambdas ? { lambdas } : {}) };
}
