/**
 * The last step of loading a definition: `${X}` placeholders are filled from
 * DefinitionSubstitutions and the user's substitutions, and every placeholder still left becomes
 * an UNRESOLVED_PLACEHOLDER diagnostic at its path, saying which option fills it. Nothing is
 * left as `${X}` silently, to fail later at run time as "No handler for '${X}'".
 */
import type { Diagnostic } from '../definition/diagnostic.js';
import { toPointer } from '../validate/diagnostics.js';
import type { Unresolved } from './intrinsics.js';
import { fill, PLACEHOLDER } from './sub.js';

type Path = (string | number)[];

/** The state a path is in: the name after the last `States` key. */
function stateOf(path: Path): string | undefined {
  for (let i = path.length - 2; i >= 0; i--) if (path[i] === 'States' && typeof path[i + 1] === 'string') return path[i + 1] as string;
  return undefined;
}

/** A diagnostic for a placeholder at `path` that nothing filled. */
export function unresolvedDiagnostic(name: string, path: Path, note: Unresolved | undefined): Diagnostic {
  const why = note ? `: ${note.why}` : ' (no substitution was given for it)';
  const option = note?.fill === 'parameters' ? `parameters: { "${name}": "…" } (CLI: --parameters file.json)` : `substitutions: { "${name}": "…" } (CLI: --sub ${name}=…)`;
  const stateName = stateOf(path);
  return {
    severity: 'ERROR',
    code: 'UNRESOLVED_PLACEHOLDER',
    message: `The placeholder '\${${name}}' was not filled${why}. Supply it with ${option}.`,
    location: toPointer(path),
    path,
    ...(stateName !== undefined ? { stateName } : {}),
  };
}

/**
 * Fills placeholders in every string (keys included) of `value`; reports the ones left, except
 * the `literal` ones the template escaped on purpose (`${!Name}` in an Fn::Sub).
 */
export function substitute(
  value: unknown,
  values: ReadonlyMap<string, string>,
  notes: ReadonlyMap<string, Unresolved>,
  literal: ReadonlySet<string> = new Set(),
): { value: unknown; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = (text: string, path: Path): void => {
    for (const m of text.matchAll(PLACEHOLDER)) {
      const name = m[1]!.trim();
      if (!literal.has(name)) diagnostics.push(unresolvedDiagnostic(name, path, notes.get(name)));
    }
  };
  const walk = (v: unknown, path: Path): unknown => {
    if (typeof v === 'string') {
      const out = fill(v, values);
      if (out.includes('${')) report(out, path);
      return out;
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...path, i]));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        const key = fill(k, values);
        if (key.includes('${')) report(key, [...path, k]);
        Object.defineProperty(out, key, { value: walk(item, [...path, key]), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return v;
  };
  return { value: walk(value, []), diagnostics };
}
