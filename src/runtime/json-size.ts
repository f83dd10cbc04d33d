/**
 * Exact UTF-8 size of a value's JSON text, without building the text. Values inside an
 * execution are never mutated (templates and ResultPath build new objects and share the rest),
 * so each object's size is remembered: a state that changes one field of a large input pays
 * only for the path it changed.
 */
const sizes = new WeakMap<object, number>();
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

export function jsonSize(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return stringSize(value);
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4;
    case 'boolean':
      return value ? 4 : 5;
    case 'object': {
      if (value === null) return 4;
      const known = sizes.get(value);
      if (known !== undefined) return known;
      let size: number;
      let entries: number;
      if (Array.isArray(value)) {
        entries = value.length;
        size = 2 + Math.max(0, value.length - 1);
        for (const item of value) size += item === undefined || typeof item === 'function' ? 4 : jsonSize(item);
      } else {
        size = 2;
        let first = true;
        const keys = Object.keys(value);
        entries = keys.length;
        for (const key of keys) {
          const v = (value as Record<string, unknown>)[key];
          if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
          size += (first ? 0 : 1) + stringSize(key) + 1 + jsonSize(v);
          first = false;
        }
      }
      // Remembering costs more than recounting a small object; big ones are worth it.
      if (entries > 16 || size > 1024) sizes.set(value, size);
      return size;
    }
    default:
      return 0;
  }
}

/** Bytes of a JSON string literal: quotes, escapes and UTF-8 for non-ASCII. */
export function stringSize(s: string): number {
  // Printable ASCII without quote or backslash: one byte per character (the usual case).
  if (PLAIN.test(s)) return s.length + 2;
  let size = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) size += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 2 : 6;
    else if (c === 0x22 || c === 0x5c) size += 2;
    else if (c < 0x80) size += 1;
    else if (c < 0x800) size += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        size += 4;
        i++;
      } else size += 6; // a lone surrogate is escaped as \uXXXX
    } else if (c >= 0xdc00 && c <= 0xdfff) size += 6;
    else size += 3;
  }
  return size;
}
