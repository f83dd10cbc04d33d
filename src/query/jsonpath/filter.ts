/**
 * Filters (`[?( … )]`) for jsonpath-plus, which walks the rest of an indefinite path: its
 * `eval` option accepts a script class, and this one evaluates the filter with Jayway's
 * semantics (filter-parse.ts, filter-eval.ts) instead of as JavaScript. So `$` inside a
 * filter is the document root, a missing field is no match rather than a TypeError, and
 * regexes cannot backtrack.
 */
import { compileFilter, type FilterPredicate } from './filter-eval.js';
import { FilterSyntaxError, parseFilter } from './filter-parse.js';

const compiled = new Map<string, FilterPredicate>();

/** Parses and compiles a filter body once. Throws {@link FilterSyntaxError}. */
export function filterFor(body: string): FilterPredicate {
  let f = compiled.get(body);
  if (!f) {
    f = compileFilter(parseFilter(body));
    compiled.set(body, f);
  }
  return f;
}

/** jsonpath-plus hands over the filter with `@…` renamed to its sandbox names; undo that. */
function unmangle(code: string): string {
  return code.replace(/_\$_(v|root|parentProperty|parent|property|path)/g, (_m, name: string) => (name === 'v' ? '@' : `@${name}`));
}

/** The script class jsonpath-plus instantiates per filter text (it caches the instances). */
export class JaywayFilterScript {
  /** jsonpath-plus keys its script cache with `String(eval) + code` for every item; keep it short. */
  static toString(): string {
    return 'jayway';
  }
  private readonly test: FilterPredicate;
  constructor(code: string) {
    this.test = filterFor(unmangle(code));
  }
  runInNewContext(context: Record<string, unknown>): boolean {
    return this.test(context._$_v, context._$_root);
  }
}

/**
 * The bodies of the filters in a path's text (after its root), checked once at compile time.
 * Throws {@link FilterSyntaxError} for a filter that does not parse and for script
 * expressions `[( … )]`, which Jayway does not have.
 */
export function checkFilters(rest: string): void {
  let i = 0;
  while (i < rest.length) {
    const c = rest[i]!;
    if (c === "'" || c === '"') {
      i = skipQuoted(rest, i);
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      while (rest[j] === ' ') j++;
      if (rest[j] === '(') throw new FilterSyntaxError(`Script expressions '[( … )]' are not supported; use a filter '[?( … )]'`);
      if (rest[j] === '?') {
        if (rest[j + 1] !== '(') throw new FilterSyntaxError(`Expected '(' after '[?'`);
        const end = closingParen(rest, j + 1);
        filterFor(rest.slice(j + 2, end));
        i = end + 1;
        continue;
      }
    }
    i++;
  }
}

function skipQuoted(s: string, i: number): number {
  const q = s[i];
  let j = i + 1;
  while (j < s.length && s[j] !== q) j += s[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** Index of the `)` closing the `(` at `open`, skipping quoted strings and escapes. */
function closingParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === "'" || c === '"') i = skipQuoted(s, i) - 1;
    else if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  throw new FilterSyntaxError(`Unbalanced '(' in filter`);
}
