/**
 * `StringMatches` of a Choice rule: `*` matches any run of characters (also none); `\*` is a
 * literal asterisk and `\\` a literal backslash (Choice state docs, "StringMatches": "escape the
 * asterisk with a backslash"). A backslash before any other character stands for that character.
 *
 * Matching never backtracks: the pattern is split at its stars into literal segments; the first
 * must be a prefix, the last a suffix, and the middle ones are found left to right, each at its
 * earliest position (taking the earliest is always safe, since any later fit leaves less room).
 * The cost is O(input length × pattern length) at worst, whatever the input holds.
 */
export type WildcardMatcher = (value: string) => boolean;

/** Compiles a StringMatches pattern once into a linear-time matcher. */
export function compileWildcard(pattern: string): WildcardMatcher {
  const segments = splitAtStars(pattern);
  if (segments.length === 1) {
    const literal = segments[0]!;
    return (value) => value === literal;
  }
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  const middle = segments.slice(1, -1).filter((s) => s !== '');
  const fixed = first.length + last.length;
  return (value) => {
    if (value.length < fixed || !value.startsWith(first) || !value.endsWith(last)) return false;
    let at = first.length;
    const end = value.length - last.length;
    for (const segment of middle) {
      const found = value.indexOf(segment, at);
      if (found < 0 || found + segment.length > end) return false;
      at = found + segment.length;
    }
    return true;
  };
}

/** The literal text between unescaped stars: `a*b\*c` → `['a', 'b*c']`. */
function splitAtStars(pattern: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      current += pattern[++i]!;
    } else if (c === '*') {
      segments.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  segments.push(current);
  return segments;
}
