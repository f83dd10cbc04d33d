/**
 * `--sub KEY=VALUE` (repeatable) and `--parameters FILE`: the values a template (or a Terraform
 * `templatefile()` definition with `${var}` placeholders) needs before it is a definition.
 */
import { UsageError, type ParsedArgs } from './args.js';
import type { SourceReader } from './sources.js';

/** What the user supplied: `substitutions` fill `${X}`, `parameters` set CloudFormation Parameters. */
export interface TemplateInputs {
  readonly substitutions: Readonly<Record<string, string>>;
  readonly parameters: Readonly<Record<string, string>>;
}

/** The options that take template inputs, for the commands' argument specs. */
export const TEMPLATE_VALUED = ['parameters'] as const;
export const TEMPLATE_REPEATABLE = ['sub'] as const;

/**
 * Help lines for `--sub` and `--parameters`, shared by every command that loads definitions;
 * `column` is where the command's option descriptions start.
 */
export function templateHelp(column: number): string {
  const option = (name: string, lines: string[]) => lines.map((line, i) => (i === 0 ? `  ${name}`.padEnd(column) : ' '.repeat(column)) + line).join('\n');
  return [
    option('--sub KEY=VALUE', ['fill ${KEY} (DefinitionSubstitutions, Fn::Sub, a Terraform', 'templatefile variable); repeat for more']),
    option('--parameters FILE', ["template parameter values: CloudFormation's", '[{"ParameterKey": …, "ParameterValue": …}] or {"Key": "value"}']),
  ].join('\n');
}

/** Reads `--sub` and `--parameters` from parsed arguments. */
export async function readTemplateInputs(parsed: ParsedArgs, reader: SourceReader): Promise<TemplateInputs> {
  const substitutions = parseSubs(parsed.repeated.get('sub') ?? []);
  const file = parsed.options.get('parameters');
  const parameters = typeof file === 'string' ? parseParameters((await reader.read(file, 'parameters')).text, file) : {};
  return { substitutions, parameters };
}

/** Whether the user gave any template input. */
export function hasInputs(inputs: TemplateInputs): boolean {
  return Object.keys(inputs.substitutions).length > 0 || Object.keys(inputs.parameters).length > 0;
}

/**
 * `KEY=VALUE` pairs; the value runs from the first `=` (so it may hold `=` itself) and may be empty.
 * @throws UsageError for a pair without `=` or with an empty key.
 */
export function parseSubs(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--sub takes KEY=VALUE, not '${pair}'`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

/**
 * A parameters file, in any of the shapes tools write them:
 * - `aws cloudformation create-stack --parameters file://…`: `[{"ParameterKey": "Env", "ParameterValue": "prod"}]`;
 * - a CodePipeline template configuration: `{"Parameters": {"Env": "prod"}}`;
 * - a plain object: `{"Env": "prod"}`.
 * Numbers and booleans become their text, and a list becomes a CommaDelimitedList value, as
 * CloudFormation passes every parameter as a string.
 * @throws Error naming `file` when the text is not one of these.
 */
export function parseParameters(text: string, file: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`the parameters file '${file}' is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const fail = (why: string): never => {
    throw new Error(`the parameters file '${file}' ${why}; expected [{"ParameterKey": "K", "ParameterValue": "V"}, …] or {"K": "V", …}`);
  };
  const out: Record<string, string> = {};
  if (Array.isArray(value)) {
    value.forEach((entry: unknown, i) => {
      if (!isRecord(entry) || typeof entry.ParameterKey !== 'string') return fail(`has no ParameterKey string at index ${i}`);
      out[entry.ParameterKey] = parameterText(entry.ParameterValue, entry.ParameterKey, fail);
    });
    return out;
  }
  if (!isRecord(value)) return fail('is neither a list nor an object');
  const entries = isRecord(value.Parameters) && Object.keys(value).every((k) => k === 'Parameters' || k === 'Tags' || k === 'StackPolicy') ? value.Parameters : value;
  for (const [key, v] of Object.entries(entries)) out[key] = parameterText(v, key, fail);
  return out;
}

function parameterText(value: unknown, key: string, fail: (why: string) => never): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(',');
  return fail(`gives '${key}' a value that is not a string, number, boolean or list`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Fills `${name}` in a plain definition's text, as Terraform's `templatefile()` does before the
 * text is parsed: a value may stand where JSON expects a number, and line numbers stay those of
 * the file. Only names with a value are replaced; `validate()` reports any placeholder left.
 * `$${x}` is Terraform's escape for a literal `${x}`. Parameters are the fallback for a name
 * `--sub` does not give.
 */
export function fillPlaceholders(text: string, inputs: TemplateInputs): string {
  return text.replace(/(\$?)\$\{([^${}]+)\}/g, (whole: string, escape: string, name: string) => {
    if (escape !== '') return whole.slice(1);
    const key = name.trim();
    if (Object.hasOwn(inputs.substitutions, key)) return inputs.substitutions[key]!;
    if (Object.hasOwn(inputs.parameters, key)) return inputs.parameters[key]!;
    return whole;
  });
}
