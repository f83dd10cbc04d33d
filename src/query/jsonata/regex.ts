/**
 * Routes the regex literals of a parsed JSONata expression to the linear-time engine.
 *
 * jsonata's `RegexEngine` option is a process-wide setting that any other `jsonata()` call
 * resets, so instead each `/…/` node of the parsed tree is turned into a reference to a
 * matcher bound on that expression alone. The matcher has the shape jsonata's own regex
 * closures have (`$match`, `$contains`, `$replace`, `$split` call it).
 */
import type jsonata from 'jsonata';
import { compileSafeRegex, UnsupportedRegexError, type SafeRegex } from '../regex.js';

/** jsonata's match record: the match, its offsets, groups, and a `next()` for the following one. */
interface JsonataMatch {
  match: string;
  start: number;
  end: number;
  /** A group that did not take part is `undefined`, as with a native RegExp. */
  groups: (string | undefined)[];
  next: () => JsonataMatch | undefined;
}

interface AstNode {
  type?: unknown;
  value?: unknown;
  position?: unknown;
  [key: string]: unknown;
}

/**
 * Replaces every regex literal in `expression`'s tree by a matcher running on re2js. A
 * pattern RE2 cannot run becomes a matcher that throws, so the expression fails with a clear
 * cause when (and only when) it uses that pattern.
 */
export function installSafeRegexes(expression: jsonata.Expression): void {
  const assign = expression.assign as (name: string, value: unknown) => void;
  let count = 0;
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const n = node as AstNode;
    if (n.type === 'regex' && n.value instanceof RegExp) {
      const name = `asl regex ${count++}`;
      assign(name, matcherFor(n.value, n.position));
      n.type = 'variable';
      n.value = name;
      return;
    }
    for (const key of Object.keys(n)) visit(n[key]);
  };
  visit(expression.ast());
}

function matcherFor(literal: RegExp, position: unknown): (text: string, from?: number) => JsonataMatch | undefined {
  const flags = literal.flags.replace('g', '');
  let re: SafeRegex;
  try {
    re = compileSafeRegex(literal.source, flags);
  } catch (err) {
    const message = err instanceof UnsupportedRegexError ? err.message : String(err);
    return () => {
      throw new UnsupportedRegexError(message);
    };
  }
  const closure = (text: string, from = 0): JsonataMatch | undefined => {
    const m = re.find(text, from);
    if (!m) return undefined;
    return {
      match: m.text,
      start: m.index,
      end: m.end,
      groups: [...m.groups],
      next() {
        if (m.end >= text.length) return undefined;
        const following = closure(text, m.end);
        // As jsonata: a zero-length match after the first would never progress.
        if (following && following.match === '') {
          throw { code: 'D1004', position, value: literal.source };
        }
        return following;
      },
    };
  };
  return closure;
}
