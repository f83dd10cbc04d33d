/**
 * A JSON scanner that maps JSON pointers to line/column positions, finds the position of syntax
 * errors and reports duplicate object keys. Iterative (no recursion), so any nesting depth is safe.
 */
import { toPointer, type Path } from './diagnostics.js';

/** 1-based line and column (column counted in UTF-16 code units). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A duplicate key found in an object, with the path of the second occurrence. */
export interface DuplicateKey {
  readonly path: (string | number)[];
  readonly offset: number;
}

/** What {@link scanJson} learns about a text. */
export interface JsonScan {
  /** Set when the text is not valid JSON. */
  readonly error?: { readonly message: string; readonly offset: number };
  readonly duplicates: DuplicateKey[];
  /** pointer → offset of the key (object members) or of the value (array items, root). */
  readonly offsets: Map<string, number>;
}

interface Frame {
  readonly kind: 'object' | 'array';
  readonly pointer: string;
  readonly path: (string | number)[];
  readonly keys: Set<string> | undefined;
  index: number;
}

const WS = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** Characters that may follow a backslash in a JSON string (besides `u`). */
const ESCAPES = new Set([...'"\\/bfnrt'].map((c) => c.charCodeAt(0)));

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** Deepest path length whose positions are recorded (deeper locations map to an ancestor). */
const MAX_RECORDED_DEPTH = 64;

/** Scans JSON text once: positions of every member up to a depth, syntax error, duplicate keys. */
export function scanJson(text: string): JsonScan {
  const offsets = new Map<string, number>();
  const duplicates: DuplicateKey[] = [];
  const stack: Frame[] = [];
  let i = 0;
  const fail = (message: string, offset: number): JsonScan => ({ error: { message, offset }, duplicates, offsets });
  const skip = (): void => {
    WS.lastIndex = i;
    WS.test(text);
    i = WS.lastIndex;
  };
  const describe = (at: number): string => (at >= text.length ? 'unexpected end of JSON text' : `unexpected character ${JSON.stringify(text[at])}`);
  // A loop, not a RegExp: a backtracking RegExp over a multi-megabyte string overflows the stack.
  /** Index after the closing quote of the string starting at `i`, or -1 when it is malformed. */
  const stringEnd = (): number => {
    let j = i + 1;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c === 0x22) return j + 1;
      if (c < 0x20) return -1;
      if (c === 0x5c) {
        const n = text.charCodeAt(j + 1);
        if (n === 0x75) {
          for (let k = j + 2; k < j + 6; k++) if (!isHex(text.charCodeAt(k))) return -1;
          j += 6;
          continue;
        }
        if (!ESCAPES.has(n)) return -1;
        j += 2;
        continue;
      }
      j++;
    }
    return -1;
  };
  /** Skips a string; with `decode`, returns its value. Undefined when the string is malformed. */
  const readString = (decode: boolean): string | undefined => {
    const end = stringEnd();
    if (end < 0) return undefined;
    const value = decode ? (JSON.parse(text.slice(i, end)) as string) : '';
    i = end;
    return value;
  };
  const stringError = (): JsonScan => {
    let j = i + 1;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c === 0x22) break;
      if (c < 0x20) return fail('control character in string', j);
      if (c === 0x5c) {
        const n = text[j + 1];
        if (n === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return fail('invalid \\u escape in string', j);
          j += 6;
          continue;
        }
        if (n === undefined || !'"\\/bfnrt'.includes(n)) return fail('invalid escape in string', j);
        j += 2;
        continue;
      }
      j++;
    }
    return fail('unterminated string', i);
  };

  // `pending` describes where the next value goes: pointer/path and whether it is recorded.
  let pendingPointer = '';
  let pendingPath: (string | number)[] = [];
  let expectValue = true;
  for (;;) {
    skip();
    if (expectValue) {
      if (!offsets.has(pendingPointer)) offsets.set(pendingPointer, i);
      const c = text[i];
      if (c === '{' || c === '[') {
        const kind = c === '{' ? 'object' : 'array';
        stack.push({ kind, pointer: pendingPointer, path: pendingPath, keys: kind === 'object' ? new Set() : undefined, index: 0 });
        i++;
        skip();
        const close = kind === 'object' ? '}' : ']';
        if (text[i] === close) {
          i++;
          stack.pop();
          expectValue = false;
          if (stack.length === 0) break;
          continue;
        }
        if (kind === 'object') {
          const err = readKey();
          if (err) return err;
        } else {
          const top = stack[stack.length - 1]!; // the array just pushed
          setPending(top, 0);
        }
        continue;
      }
      if (c === '"') {
        if (readString(false) === undefined) return stringError();
      } else if (c === 't' || c === 'f' || c === 'n') {
        const word = c === 't' ? 'true' : c === 'f' ? 'false' : 'null';
        if (text.startsWith(word, i)) i += word.length;
        else return fail(describe(i), i);
      } else {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) return fail(describe(i), i);
        i = NUMBER.lastIndex;
      }
      expectValue = false;
      if (stack.length === 0) break;
      continue;
    }
    // after a value inside a container (a value at depth 0 ends the loop, so the stack is not empty)
    const top = stack[stack.length - 1]!;
    const c = text[i];
    if (c === ',') {
      i++;
      skip();
      top.index++;
      if (top.kind === 'object') {
        const err = readKey();
        if (err) return err;
      } else {
        setPending(top, top.index);
      }
      continue;
    }
    if ((c === '}' && top.kind === 'object') || (c === ']' && top.kind === 'array')) {
      i++;
      stack.pop();
      if (stack.length === 0) break;
      continue;
    }
    return fail(`${describe(i)}; expected ',' or '${top.kind === 'object' ? '}' : ']'}'`, i);
  }
  skip();
  if (i < text.length) return fail(`${describe(i)} after the end of the JSON value`, i);
  return { duplicates, offsets };

  function setPending(top: Frame, key: string | number): void {
    expectValue = true;
    // beyond the recorded depth, children share their container's (truncated) location
    if (top.path.length >= MAX_RECORDED_DEPTH) {
      pendingPath = top.path;
      pendingPointer = top.pointer;
      return;
    }
    pendingPath = [...top.path, key];
    pendingPointer = top.pointer + '/' + String(key).replace(/~/g, '~0').replace(/\//g, '~1');
  }
  function readKey(): JsonScan | undefined {
    const top = stack[stack.length - 1]!; // only called inside an object
    if (text[i] !== '"') return fail(`${describe(i)}; expected a property name in double quotes`, i);
    const keyOffset = i;
    const key = readString(true);
    if (key === undefined) return stringError();
    setPending(top, key);
    if (top.keys!.has(key)) duplicates.push({ path: top.path.length >= MAX_RECORDED_DEPTH ? [...top.path, key] : pendingPath, offset: keyOffset });
    else top.keys!.add(key);
    if (!offsets.has(pendingPointer)) offsets.set(pendingPointer, keyOffset);
    skip();
    if (text[i] !== ':') return fail(`${describe(i)}; expected ':'`, i);
    i++;
    return undefined;
  }
}

/** Converts offsets to line/column, with a lazily built table of line starts. */
export class LineIndex {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}

  /** 1-based line/column of a UTF-16 offset. */
  position(offset: number): Position {
    if (this.starts === undefined) {
      const starts = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) starts.push(i + 1);
      this.starts = starts;
    }
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      // lo <= mid <= hi are valid indices of the (non-empty) table
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }
}

/** Position of the most specific recorded location on `path` (falls back to ancestors). */
export function locate(scan: JsonScan, lines: LineIndex, path: Path): Position {
  for (let n = Math.min(path.length, MAX_RECORDED_DEPTH); n >= 0; n--) {
    const offset = scan.offsets.get(toPointer(path.slice(0, n)));
    if (offset !== undefined) return lines.position(offset);
  }
  return { line: 1, column: 1 };
}
