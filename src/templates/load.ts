/**
 * The template loader's implementation, imported on the first {@link loadStateMachines} call
 * (see ./index.ts) so a process that never loads a template never parses this code.
 */
import { isObject } from '../validate/diagnostics.js';
import { discover } from './discover.js';
import { TemplateError } from './error.js';
import { nodeHost, requireHost, type Host } from './host.js';
import { loadMachine } from './machine.js';
import { parseText, type ParsedText } from './parse.js';
import { templateScope } from './scope.js';
import { fill } from './sub.js';
import type { LoadedStateMachine, LoadOptions } from './types.js';

/** True when a source string is template text rather than a file path. */
function isText(source: string): boolean {
  return source.includes('\n') || source.trimStart().startsWith('{');
}

/** `order.asl.json` → `order`: the id of a bare definition file. */
function baseName(host: Host | null, file: string | undefined): string {
  if (file === undefined || !host) return 'StateMachine';
  let name = host.basename(file);
  for (let stripped = ''; stripped !== name; ) [stripped, name] = [name, name.replace(/\.(asl|json|ya?ml|tpl|tftpl|template)$/i, '')];
  return name || 'StateMachine';
}

/** Parses text; text that parses only with its `${var}`s filled (a Terraform template) is filled first. */
async function parseFilled(text: string, file: string | undefined, options: LoadOptions): Promise<ParsedText> {
  try {
    return await parseText(text, file);
  } catch (error) {
    const values = new Map(Object.entries(options.substitutions ?? {}));
    const filled = error instanceof TemplateError && values.size > 0 ? fill(text, values) : text;
    if (filled === text) throw error;
    return parseText(filled, file);
  }
}

/** Loads every state machine of a template: see the public {@link loadStateMachines} in ./index.ts. */
export async function loadStateMachines(source: string | object, options: LoadOptions = {}): Promise<LoadedStateMachine[]> {
  const host = nodeHost();
  let template: ParsedText;
  let baseDir = options.baseDir;
  if (typeof source === 'string') {
    let text = source;
    let file: string | undefined;
    if (!isText(source)) {
      const h = requireHost(host, `Reading the template file '${source}'`);
      file = h.resolve(undefined, source);
      text = h.read(file);
      baseDir ??= h.dirname(file);
    }
    template = await parseFilled(text, file, options);
  } else if (isObject(source)) {
    template = { value: source, file: undefined, locate: () => ({ line: 0, column: 0 }) };
  } else {
    throw new TemplateError(`loadStateMachines takes a file path, template text or a template object, not ${source === null ? 'null' : typeof source}`);
  }
  const root = template.value;
  if (!isObject(root)) throw new TemplateError('the template is not an object (a mapping at its top level)', template.file);

  const candidates = discover(root, baseName(host, template.file));
  if (candidates.length === 0) {
    throw new TemplateError(
      'no state machine found: expected a resource of Type AWS::StepFunctions::StateMachine or AWS::Serverless::StateMachine, Serverless stepFunctions.stateMachines, or an ASL definition (StartAt and States)',
      template.file,
    );
  }
  const scope = templateScope(root, options);
  const readFile = async (name: string): Promise<{ text: string; file: string }> => {
    const h = requireHost(host, `Reading the definition file '${name}'`);
    const file = h.resolve(baseDir, name);
    return { text: h.read(file), file };
  };
  const machines: LoadedStateMachine[] = [];
  for (const candidate of candidates) machines.push(await loadMachine(candidate, { root, template, scope, readFile, parse: parseText }));
  return machines;
}
