/**
 * One state machine of a template → {@link LoadedStateMachine}: its type and name, its
 * definition from wherever it is (inline, a string, a local file), intrinsics and variables
 * evaluated, substitutions filled, and a diagnostic for everything left unresolved.
 */
import type { Diagnostic } from '../definition/diagnostic.js';
import type { DiagnosticCode } from '../definition/diagnostic-codes.js';
import { isObject } from '../validate/diagnostics.js';
import type { Candidate } from './discover.js';
import { TemplateError } from './error.js';
import { Intrinsics } from './intrinsics.js';
import type { ParsedText } from './parse.js';
import type { TemplateScope } from './scope.js';
import { resolveServerless } from './serverless.js';
import { fill } from './sub.js';
import { substitute } from './substitute.js';
import type { LoadedStateMachine, SourcePosition } from './types.js';

type Path = (string | number)[];

/** What loading one machine needs from the template it is in. */
export interface MachineContext {
  readonly root: Record<string, unknown>;
  readonly template: ParsedText;
  readonly scope: TemplateScope;
  /** Reads a local file named relative to the template (throws TemplateError). */
  readFile(name: string): Promise<{ text: string; file: string }>;
  parse(text: string, file: string | undefined): Promise<ParsedText>;
}

/** Where the definition came from, for `locate`. */
type Origin = { kind: 'template'; at: Path; deep: boolean } | { kind: 'file'; parsed: ParsedText };

const problem = (code: DiagnosticCode, message: string): Diagnostic => ({ severity: 'ERROR', code, message, location: '', path: [] });

/** Property names per kind: name, type, and the definition forms. */
const PROPS = {
  cloudformation: { name: 'StateMachineName', type: 'StateMachineType', inline: 'Definition', string: 'DefinitionString', file: 'DefinitionS3Location' },
  sam: { name: 'Name', type: 'Type', inline: 'Definition', string: undefined, file: 'DefinitionUri' },
  serverless: { name: 'name', type: 'type', inline: 'definition', string: undefined, file: undefined },
} as const;

export async function loadMachine(candidate: Candidate, ctx: MachineContext): Promise<LoadedStateMachine> {
  const intrinsics = new Intrinsics(ctx.scope);
  const diagnostics: Diagnostic[] = [];
  let props = candidate.props;
  if (candidate.kind === 'serverless') {
    const readFile = async (name: string): Promise<unknown> => {
      const { text, file } = await ctx.readFile(name);
      return (await ctx.parse(text, file)).value;
    };
    const resolved = await resolveServerless(props, { root: ctx.root, scope: ctx.scope, intrinsics, readFile });
    props = isObject(resolved) ? resolved : {};
  }

  let name: string | undefined;
  let type: LoadedStateMachine['type'] = 'STANDARD';
  if (candidate.kind !== 'definition') {
    const p = PROPS[candidate.kind];
    const n = intrinsics.resolve(props[p.name]);
    if (typeof n === 'string') name = n;
    const t = intrinsics.resolve(props[p.type]);
    if (typeof t === 'string' && /^(standard|express)$/i.test(t)) type = t.toUpperCase() as LoadedStateMachine['type'];
    else if (t !== undefined) diagnostics.push(problem('SCHEMA_VALIDATION_FAILED', `${p.type} ${JSON.stringify(t)} is neither STANDARD nor EXPRESS; loaded as STANDARD.`));
  }

  // DefinitionSubstitutions (values may be intrinsics), then the user's substitutions over them.
  const values = new Map<string, string>();
  const subs = intrinsics.resolve(props['DefinitionSubstitutions']);
  if (isObject(subs)) {
    for (const [k, v] of Object.entries(subs)) values.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  }
  for (const [k, v] of Object.entries(ctx.scope.options.substitutions ?? {})) values.set(k, v);

  const found = await findDefinition(candidate, props, intrinsics, values, ctx, diagnostics);
  const filled = substitute(found.value, values, intrinsics.notes, intrinsics.escaped);
  let definition: object = {};
  if (isObject(filled.value)) definition = filled.value;
  else if (found.value !== undefined) diagnostics.push(problem('INVALID_JSON_DESCRIPTION', `The definition is ${Array.isArray(filled.value) ? 'an array' : JSON.stringify(filled.value)}, not an object.`));

  const file = ctx.template.file;
  const origin = found.origin;
  const locate = (path: readonly (string | number)[]): SourcePosition => {
    if (origin.kind === 'file') return { ...(origin.parsed.file !== undefined ? { file: origin.parsed.file } : {}), ...origin.parsed.locate(path) };
    return { ...(file !== undefined ? { file } : {}), ...ctx.template.locate(origin.deep ? [...origin.at, ...path] : origin.at) };
  };
  const positioned = (d: Diagnostic): Diagnostic => {
    if (origin.kind === 'file' || d.line !== undefined) return d;
    const at = locate(d.path);
    return at.line > 0 ? { ...d, line: at.line, column: at.column } : d;
  };
  const declared = ctx.template.locate(candidate.at);
  return {
    id: candidate.id,
    ...(name !== undefined ? { name } : {}),
    type,
    definition,
    source: { ...(file !== undefined ? { file } : {}), line: declared.line, column: declared.column },
    diagnostics: [...diagnostics, ...filled.diagnostics].map(positioned),
    locate,
  };
}

interface Found {
  readonly value: unknown;
  readonly origin: Origin;
}

/** The definition of a candidate, intrinsics evaluated; problems go to `diagnostics`. */
async function findDefinition(candidate: Candidate, props: Record<string, unknown>, intrinsics: Intrinsics, values: ReadonlyMap<string, string>, ctx: MachineContext, diagnostics: Diagnostic[]): Promise<Found> {
  const none: Found = { value: undefined, origin: { kind: 'template', at: candidate.at, deep: false } };
  if (candidate.kind === 'definition') return { value: props, origin: { kind: 'template', at: [], deep: true } };
  const p = PROPS[candidate.kind];
  const at = (key: string): Path => [...candidate.propsAt, key];

  const inline = props[p.inline];
  if (inline !== undefined) {
    // A Serverless definition may be JSON text; CloudFormation's Definition is always an object.
    if (typeof inline === 'string') return fromText(inline, undefined, at(p.inline), values, ctx, diagnostics);
    return { value: intrinsics.resolve(inline), origin: { kind: 'template', at: at(p.inline), deep: true } };
  }
  if (p.string !== undefined && props[p.string] !== undefined) {
    const text = intrinsics.resolve(props[p.string]);
    if (typeof text !== 'string') {
      diagnostics.push(problem('INVALID_JSON_DESCRIPTION', `${p.string} is not a string.`));
      return none;
    }
    return fromText(text, undefined, at(p.string), values, ctx, diagnostics);
  }
  if (p.file !== undefined && props[p.file] !== undefined) {
    const location = intrinsics.resolve(props[p.file]);
    if (typeof location !== 'string' || /^s3:\/\//i.test(location)) {
      diagnostics.push(
        problem('UNSUPPORTED_TEMPLATE_FEATURE', `${p.file} ${JSON.stringify(location)} is in Amazon S3, which the loader does not read. Point ${p.file} at a local file (a path relative to the template), as \`sam build\` and \`aws cloudformation package\` accept.`),
      );
      return none;
    }
    try {
      const read = await ctx.readFile(location);
      return await fromText(read.text, read.file, at(p.file), values, ctx, diagnostics);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      diagnostics.push(problem('FILE_NOT_READABLE', `${p.file} ${JSON.stringify(location)}: ${error.message}`));
      return none;
    }
  }
  diagnostics.push(problem('MISSING_DESCRIPTION', `The state machine has no ${[p.inline, p.string, p.file].filter(Boolean).join(', ')}.`));
  return none;
}

/**
 * A definition written as text (a DefinitionString, a definition file). Text that only parses
 * once its placeholders are filled (`"Seconds": ${Wait}`, as CloudFormation and Terraform fill
 * them as text) is filled first.
 */
async function fromText(text: string, file: string | undefined, at: Path, values: ReadonlyMap<string, string>, ctx: MachineContext, diagnostics: Diagnostic[]): Promise<Found> {
  const origin = (parsed: ParsedText): Origin => (file !== undefined ? { kind: 'file', parsed } : { kind: 'template', at, deep: false });
  try {
    const parsed = await ctx.parse(text, file);
    return { value: parsed.value, origin: origin(parsed) };
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    const filled = fill(text, values);
    if (filled !== text) {
      const parsed = await ctx.parse(filled, file).catch(() => undefined);
      if (parsed) return { value: parsed.value, origin: origin(parsed) };
    }
    diagnostics.push(problem('INVALID_JSON_DESCRIPTION', `The definition is not valid JSON or YAML: ${error.message}`));
    return { value: undefined, origin: { kind: 'template', at, deep: false } };
  }
}
