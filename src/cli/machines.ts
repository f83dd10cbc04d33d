/**
 * What a definition argument holds: one plain definition (JSON or YAML, with `${var}`
 * placeholders filled from `--sub`), or a template — SAM, CloudFormation, CDK synth output,
 * `serverless.yml` — with every state machine in it, found by the template loader.
 */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Diagnostic } from '../definition/diagnostic.js';
import { UsageError } from './args.js';
import { looksLikeYaml, STDIN_NAME, type Source, type SourceReader } from './sources.js';
import { fillPlaceholders, hasInputs, type TemplateInputs } from './substitutions.js';
import { loadYaml } from './yaml.js';

/** One state machine, ready for `validate()`, `new StateMachine()` or a drawing. */
export interface MachineSource {
  /** The file its diagnostics name: the template, or the file its `DefinitionUri` points at. */
  readonly file: string;
  /** The logical ID (the Serverless key); plain definition files have none. */
  readonly id?: string;
  /** The template's StateMachineName (SAM `Name`, Serverless `name`), when it gives one. */
  readonly machineName?: string;
  /** JSON text is kept as text, so `validate()` gives lines and columns. */
  readonly definition: string | object;
  /** The template's workflow type (StateMachineType, Type, type). */
  readonly type?: 'STANDARD' | 'EXPRESS';
  /** What the template loader could not resolve, positioned in `file`. */
  readonly diagnostics: readonly Diagnostic[];
  /** Gives a diagnostic of the definition its line and column in `file`. */
  locate(diagnostic: Diagnostic): Diagnostic;
}

/** What one file argument gave. */
export interface LoadedFile {
  /** The file's name in diagnostics (`<stdin>` for `-`). */
  readonly name: string;
  readonly template: boolean;
  readonly machines: readonly MachineSource[];
  /** Why the file gave no state machine (malformed YAML, a template the loader refused), positioned. */
  readonly diagnostics: readonly Diagnostic[];
}

const TEMPLATE_KEYS = ['Resources', 'AWSTemplateFormatVersion', 'Transform', 'stepFunctions'] as const;

/**
 * Whether a parsed file is a template rather than a definition: it has a CloudFormation
 * template's top-level keys, or the Serverless Framework's `stepFunctions`.
 */
export function isTemplate(value: unknown): boolean {
  return isRecord(value) && !('States' in value) && TEMPLATE_KEYS.some((key) => value[key] !== undefined);
}

/**
 * Reads `file` (`-`: stdin) and returns its state machines.
 * @throws SourceError when the file cannot be read.
 */
export async function loadMachines(reader: SourceReader, file: string, inputs: TemplateInputs): Promise<LoadedFile> {
  const source = await reader.read(file, 'definition');
  const yaml = looksLikeYaml(source);
  const parsed = yaml ? loadYaml(source.text) : undefined;
  const value = parsed === undefined ? parseJsonOrUndefined(source.text) : parsed.ok ? parsed.value : undefined;
  if (isTemplate(value)) return loadTemplate(source, inputs);

  // A plain definition; `--sub` values fill its `${var}`s as Terraform's templatefile() would,
  // in the text, so a value may stand where a number goes.
  const text = hasInputs(inputs) ? fillPlaceholders(source.text, inputs) : source.text;
  if (!yaml) return { name: source.name, template: false, machines: [{ ...plainMachine(source.name, text, (d) => d), diagnostics: unfilledInJson(text) }], diagnostics: [] };
  const filled = text === source.text && parsed !== undefined ? parsed : loadYaml(text);
  if (!filled.ok) return { name: source.name, template: false, machines: [], diagnostics: [filled.diagnostic] };
  return { name: source.name, template: false, machines: [plainMachine(source.name, filled.value as object, filled.locate)], diagnostics: [] };
}

/**
 * A Terraform-style definition whose JSON breaks where a `${var}` stands for a number or an
 * object: the parse error alone would not say which value is missing, so each one left gets its
 * own diagnostic. (Placeholders inside strings are reported by validate().)
 */
function unfilledInJson(text: string): Diagnostic[] {
  if (!text.includes('${') || parseJsonOrUndefined(text) !== undefined) return [];
  const out: Diagnostic[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    for (const match of line.matchAll(/(?<!\$)\$\{([^${}]+)\}/g)) {
      const name = match[1]!.trim();
      const message = `the placeholder \${${name}} has no value; supply it with --sub ${name}=…`;
      out.push({ severity: 'ERROR', code: 'UNRESOLVED_PLACEHOLDER', message, location: '', path: [], line: i + 1, column: match.index + 1 });
    }
  });
  return out;
}

function plainMachine(file: string, definition: string | object, locate: (d: Diagnostic) => Diagnostic): MachineSource {
  return { file, definition, diagnostics: [], locate };
}

async function loadTemplate(source: Source, inputs: TemplateInputs): Promise<LoadedFile> {
  // Loaded only for templates: the loader brings its own YAML schema and resolvers.
  const { loadStateMachines, TemplateError } = await import('../templates/index.js');
  const baseDir = source.name === STDIN_NAME ? process.cwd() : dirname(resolve(source.name));
  let loaded;
  try {
    loaded = await loadStateMachines(source.text, { substitutions: { ...inputs.substitutions }, parameters: { ...inputs.parameters }, baseDir });
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    return { name: source.name, template: true, machines: [], diagnostics: [templateProblem(error)] };
  }
  const machines = loaded.map((m): MachineSource => {
    // Where the definition is written: the template for an inline Definition, else its own file.
    const definitionFile = m.locate([]).file;
    const file = definitionFile === undefined ? source.name : shown(definitionFile);
    const locate = (d: Diagnostic): Diagnostic => {
      if (d.line !== undefined) return d;
      const at = m.locate(d.path);
      return at.line > 0 ? { ...d, line: at.line, column: at.column } : d;
    };
    return { file, id: m.id, ...(m.name !== undefined ? { machineName: m.name } : {}), definition: m.definition, type: m.type, diagnostics: m.diagnostics.map(locate), locate };
  });
  return { name: source.name, template: true, machines, diagnostics: [] };
}

/** A template the loader refused (no state machine in it, text it cannot parse) as a diagnostic. */
function templateProblem(error: Error & { readonly line?: number | undefined; readonly column?: number | undefined }): Diagnostic {
  // The loader was given text, so its message starts with the position only; the diagnostic carries that.
  const message = error.message.replace(/^\d+:\d+: /, '');
  const position = error.line !== undefined ? { line: error.line, column: error.column ?? 1 } : {};
  return { severity: 'ERROR', code: error.line !== undefined ? 'INVALID_JSON_DESCRIPTION' : 'MISSING_DESCRIPTION', message, location: '', path: [], ...position };
}

/** A file the loader resolved, as the user would write it: relative when under the working directory. */
function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined; // left to validate(), which reports where the JSON breaks
  }
}

/**
 * The one state machine `run`, `graph` and `test-state` work on: the only one, or the one
 * `--state-machine ID` names. Call it when `loaded.diagnostics` is empty. `idMeansMore` says the
 * ID also names something else (`run`: the mock config's state machine), so a plain
 * definition file may come with one.
 * @throws UsageError listing the IDs when the choice is missing or names none of them.
 */
export function selectMachine(loaded: LoadedFile, id: string | undefined, idMeansMore = false): MachineSource {
  const { machines } = loaded;
  if (!loaded.template) {
    if (id !== undefined && !idMeansMore) throw new UsageError(`--state-machine ${id}: ${loaded.name} is a state machine definition, not a template`);
    return machines[0]!; // a plain file gives exactly one machine, or diagnostics the caller reported first
  }
  if (machines.length === 0) throw new Error(`${loaded.name} is a template with no state machine in it`);
  const ids = machines.map((m) => m.id ?? '').join(', ');
  if (id === undefined) {
    if (machines.length === 1) return machines[0]!;
    throw new UsageError(`${loaded.name} has ${machines.length} state machines (${ids}); choose one with --state-machine ID`);
  }
  const found = machines.find((m) => m.id === id);
  if (found === undefined) throw new UsageError(`${loaded.name} has no state machine '${id}'; its state machines: ${ids}`);
  return found;
}
