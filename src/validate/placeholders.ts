/**
 * `${X}` placeholders a template left behind (SAM `DefinitionSubstitutions`, `Fn::Sub`,
 * Terraform `templatefile`). In a Resource they are errors (see resources.ts); in any other
 * string a warning, since a literal may legitimately contain `${…}` text.
 */
import { placeholders } from '../definition/resource.js';
import { quote, type Collector, type Path } from './diagnostics.js';
import { walkValues } from './expressions.js';

/** "the placeholder ${X}, which nothing substituted; supply it with …" for a list of names. */
export function placeholderHint(names: readonly string[]): string {
  const list = names.map((n) => '${' + n + '}').join(', ');
  const first = names[0] ?? 'X';
  const option = /^[A-Za-z0-9_.:-]+$/.test(first) ? first : 'X';
  return `the template placeholder${names.length > 1 ? 's' : ''} ${list}, which nothing substituted; supply ${names.length > 1 ? 'them' : 'it'} with the loader's substitutions: { ${option}: '…' } or the CLI's --sub ${option}=…`;
}

/** Fields whose strings are names, not data: a placeholder there is reported by its own check. */
const SKIP = new Set(['Resource', 'Comment']);

/** Warns about every string below a state (other than its Resource and Comments) holding `${…}`. */
export function warnPlaceholders(out: Collector, node: Record<string, unknown>, at: Path, stateName: string): void {
  for (const key of Object.keys(node)) {
    if (SKIP.has(key)) continue;
    // nested machines' states are checked as states of their own
    if (key === 'Branches' || key === 'ItemProcessor' || key === 'Iterator') continue;
    if (!holdsPlaceholderText(node[key])) continue;
    walkValues(node[key], [...at, key], (value, path, k) => {
      // most strings hold no `${`: skip the regex scan and its arrays for them
      if (k === 'Comment' || typeof value !== 'string' || !value.includes('${')) return;
      const names = placeholders(value);
      if (names.length > 0) out.warn('UNRESOLVED_PLACEHOLDER', path(), `${quote(value)} holds ${placeholderHint(names)}`, stateName);
    });
  }
}

/**
 * Whether any string below `value` contains `${` (a cheap first pass: most fields hold none, and
 * the full walk builds a frame per value). Depth needs no limit here: the definition passed the
 * nesting check before any state is checked, and the stack is an array, not recursion.
 */
function holdsPlaceholderText(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes('${')) return true;
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return false;
}

const SHORT_TAG = /^!(Ref|GetAtt|Sub|Join|Select|Split|If|FindInMap|ImportValue|Base64)\b/;

/**
 * Why a Resource looks like a CloudFormation intrinsic function (`{ "Fn::GetAtt": … }`, `!GetAtt
 * Hello.Arn`), or undefined: the definition is still inside its template, which resolves it.
 */
export function cloudFormationHint(value: unknown): string | undefined {
  let what: string | undefined;
  if (typeof value === 'string') what = SHORT_TAG.exec(value)?.[0];
  else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'))) what = keys[0];
  }
  if (what === undefined) return undefined;
  return `is the CloudFormation intrinsic function ${what}, which the template resolves when it is deployed; load the template with loadStateMachines() (or run the CLI on the template file) so it becomes an ARN`;
}
