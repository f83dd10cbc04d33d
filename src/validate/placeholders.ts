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
    walkValues(node[key], [...at, key], (value, path, k) => {
      if (k === 'Comment' || typeof value !== 'string') return;
      const names = placeholders(value);
      if (names.length > 0) out.warn('UNRESOLVED_PLACEHOLDER', path, `${quote(value)} holds ${placeholderHint(names)}`, stateName);
    });
  }
}
