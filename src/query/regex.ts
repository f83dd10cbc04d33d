/**
 * Regular expressions written by the definition's author (JSONata `/…/` literals, the JSONPath
 * filter operator `=~` and `.match(/…/)`) run on re2js, a linear-time engine: no pattern and no
 * input can make matching backtrack catastrophically. RE2 has no backreferences and no
 * lookahead; a pattern that uses them is refused with {@link UnsupportedRegexError}.
 * Captureless lookbehinds are supported (re2js evaluates them in linear time too).
 */
import type * as Re2 from 're2js';
import { lazyRequire } from '../lazy-require.js';

// Loaded on the first pattern: re2js takes ~30 ms to import, and most definitions have no regex.
const re2 = lazyRequire<typeof Re2>('re2js');

/** A pattern the linear-time engine cannot run, or that does not parse. */
export class UnsupportedRegexError extends Error {
  override readonly name = 'UnsupportedRegexError';
}

/** One match: where it starts and ends (UTF-16 offsets) and its capture groups. */
export interface RegexMatch {
  readonly index: number;
  readonly end: number;
  readonly text: string;
  /** Capture groups 1…n; a group that did not take part is `undefined`. */
  readonly groups: readonly (string | undefined)[];
}

/** A compiled pattern; stateless, so one instance may serve concurrent evaluations. */
export interface SafeRegex {
  /** The pattern as written, e.g. `(a+)+$`. */
  readonly source: string;
  readonly flags: string;
  /** The first match at or after `from`, or undefined. */
  find(text: string, from?: number): RegexMatch | undefined;
  /** True when the pattern matches anywhere in `text`. */
  test(text: string): boolean;
}

function flagBits(RE2JS: typeof Re2.RE2JS): Readonly<Record<string, number>> {
  return {
    i: RE2JS.CASE_INSENSITIVE,
    m: RE2JS.MULTILINE,
    s: RE2JS.DOTALL,
    // Global, unicode and indices change how callers iterate, not what matches.
    g: 0,
    u: 0,
    d: 0,
  };
}

let FLAG_BITS: Readonly<Record<string, number>> | undefined;

/** Compiles a JavaScript-syntax pattern. Throws {@link UnsupportedRegexError}. */
export function compileSafeRegex(source: string, flags = ''): SafeRegex {
  const { RE2JS } = re2();
  FLAG_BITS ??= flagBits(RE2JS);
  let bits = RE2JS.LOOKBEHINDS;
  for (const f of flags) {
    const bit = FLAG_BITS[f];
    if (bit === undefined) throw new UnsupportedRegexError(`The regular expression /${source}/${flags} uses the flag '${f}', which is not supported.`);
    bits |= bit;
  }
  let re: Re2.RE2JS;
  try {
    re = RE2JS.compile(RE2JS.translateRegExp(source), bits);
  } catch (err) {
    throw new UnsupportedRegexError(describeProblem(source, flags, err));
  }
  const groupCount = re.groupCount();
  return {
    source,
    flags,
    test: (text) => re.test(text),
    find(text, from = 0) {
      if (from > text.length) return undefined;
      const m = re.matcher(text);
      if (!m.find(from)) return undefined;
      const groups: (string | undefined)[] = [];
      for (let g = 1; g <= groupCount; g++) groups.push(m.group(g) ?? undefined);
      return { index: m.start(), end: m.end(), text: m.group() ?? '', groups };
    },
  };
}

/** A plain-words reason, naming the RE2 limitation when that is the cause. */
function describeProblem(source: string, flags: string, err: unknown): string {
  const detail = err instanceof Error ? err.message : String(err);
  const shown = `/${source}/${flags}`;
  if (/\\[1-9]|\\k</.test(source)) {
    return `The regular expression ${shown} uses a backreference, which the linear-time regex engine (RE2) does not support.`;
  }
  if (/\(\?[=!]/.test(source)) {
    return `The regular expression ${shown} uses a lookahead, which the linear-time regex engine (RE2) does not support.`;
  }
  return `The regular expression ${shown} is not supported by the linear-time regex engine (RE2): ${detail}`;
}
