/** Loading what `run`, `graph` and `test-state` take: a definition, an input, a handlers module. */
import type { Diagnostic } from '../definition/diagnostic.js';
import type { RunOptions } from '../runtime/state-machine.js';
import { loadHandlersModule } from '../server/handlers-module.js';
import { formatDiagnostics } from '../validate/index.js';
import { UsageError } from './args.js';
import type { CliIO } from './io.js';
import { loadMachines, selectMachine, type MachineSource } from './machines.js';
import type { SourceReader } from './sources.js';
import type { TemplateInputs } from './substitutions.js';

/**
 * The state machine a command works on, from a definition file or one of a template's: parsed
 * YAML or a template's resolved definition, or JSON text as is (so diagnostics keep line and column).
 */
export interface LoadedDefinition extends MachineSource {
  /** The name diagnostics and titles use: the file, or `file#Id` for a template's state machine. */
  readonly name: string;
}

/** Which state machine of a template, and the values its placeholders take. */
export interface DefinitionChoice {
  readonly inputs: TemplateInputs;
  /** `--state-machine ID`; needed when a template has more than one. */
  readonly stateMachine?: string | undefined;
  /** The ID also names a mock config's state machine, so a plain definition may come with one. */
  readonly idMeansMore?: boolean;
}

/**
 * Reads the definition `file` (`-`: stdin), or picks a state machine of the template it is.
 * Malformed YAML, and what a template's loader could not resolve, are reported on stderr (the
 * loader's warnings too) and errors give undefined; JSON text is left to the validator, which
 * reports positions.
 * @throws UsageError when a template's state machine is not chosen or not found.
 */
export async function loadDefinition(reader: SourceReader, file: string, io: CliIO, choice: DefinitionChoice): Promise<LoadedDefinition | undefined> {
  const loaded = await loadMachines(reader, file, choice.inputs);
  if (report(loaded.diagnostics, loaded.name, io)) return undefined;
  const machine = selectMachine(loaded, choice.stateMachine, choice.idMeansMore);
  if (report(machine.diagnostics, machine.file, io)) return undefined;
  return { ...machine, name: machine.id === undefined ? loaded.name : `${loaded.name}#${machine.id}` };
}

/** Writes diagnostics to stderr; true when one is an error. */
function report(diagnostics: readonly Diagnostic[], file: string, io: CliIO): boolean {
  if (diagnostics.length > 0) io.stderr.write(formatDiagnostics(diagnostics, file) + '\n');
  return diagnostics.some((d) => d.severity === 'ERROR');
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
