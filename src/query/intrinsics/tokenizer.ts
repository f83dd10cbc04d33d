/**
 * Splits intrinsic text into tokens. Paths are taken whole (up to a top-level `,` or `)`), so
 * the engine's JSONPath compiler, not this one, decides what a path means.
 */
import { IntrinsicSyntaxError } from './errors.js';

/** One lexical unit of intrinsic text, with the offset where it starts. */
export type Token =
  | { readonly type: 'name'; readonly text: string; readonly position: number }
  | { readonly type: '(' | ')' | ','; readonly position: number }
  | { readonly type: 'string'; readonly value: string; readonly raw: string; readonly position: number }
  | { readonly type: 'number'; readonly value: number; readonly text: string; readonly position: number }
  | { readonly type: 'path'; readonly text: string; readonly position: number }
  | { readonly type: 'end'; readonly position: number };

/** The characters AWS lets a backslash escape inside an intrinsic string literal. */
const ESCAPABLE = new Set(["'", '{', '}', '\\']);

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;

/** Tokenizes the whole text; throws {@link IntrinsicSyntaxError} at the first bad character. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: c, position: i });
      i++;
    } else if (c === "'") {
      const token = readString(text, i);
      tokens.push(token);
      i = token.end;
    } else if (c === '$') {
      const end = pathEnd(text, i);
      tokens.push({ type: 'path', text: text.slice(i, end), position: i });
      i = end;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      if (!match) throw new IntrinsicSyntaxError(`Invalid number literal`, i);
      tokens.push({ type: 'number', value: Number(match[0]), text: match[0], position: i });
      i += match[0].length;
    } else {
      NAME.lastIndex = i;
      const match = NAME.exec(text);
      if (!match) throw new IntrinsicSyntaxError(`Unexpected character '${c}'`, i);
      tokens.push({ type: 'name', text: match[0], position: i });
      i += match[0].length;
    }
  }
  tokens.push({ type: 'end', position: text.length });
  return tokens;
}

function readString(text: string, start: number): Token & { type: 'string'; end: number } {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'") {
      return { type: 'string', value, raw: text.slice(start + 1, i), position: start, end: i + 1 };
    }
    if (c === '\\') {
      const next = text[i + 1];
      // AWS: "If an open escape backslash \ is found in the intrinsic invocation string, the
      // interpreter will return a runtime error" (Reserved characters in intrinsic functions).
      if (next === undefined || !ESCAPABLE.has(next)) {
        throw new IntrinsicSyntaxError(
          "Invalid escape sequence: only \\', \\{, \\} and \\\\ may follow a backslash",
          i,
        );
      }
      value += next;
      i += 2;
    } else {
      value += c;
      i++;
    }
  }
  throw new IntrinsicSyntaxError('Unterminated string literal', start);
}

/**
 * End of a path argument: the first `,`, `)` or whitespace outside brackets. Brackets may hold
 * quoted names (`$['a, b']`) and filters with parentheses (`$.a[?(@.b > 1)]`).
 */
function pathEnd(text: string, start: number): number {
  const open: string[] = [];
  let quote: string | null = null;
  let i = start;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (open.length > 0 && (c === "'" || c === '"')) {
      quote = c;
    } else if (c === '[' || c === '(') {
      open.push(c === '[' ? ']' : ')');
    } else if (c === ']' || c === ')') {
      if (open.length === 0) break; // the `)` closing the call
      if (open.pop() !== c) throw new IntrinsicSyntaxError('Unbalanced brackets in path', start);
    } else if (open.length === 0 && (c === ',' || c === ' ' || c === '\t' || c === '\n' || c === '\r')) {
      break;
    }
  }
  if (quote) throw new IntrinsicSyntaxError('Unterminated quoted name in path', start);
  if (open.length > 0) throw new IntrinsicSyntaxError('Unbalanced brackets in path', start);
  return i;
}
