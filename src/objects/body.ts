/** Helpers over object bodies: byte ranges, collecting and line splitting. */
import { ObjectStoreError } from './types.js';

/** A body of one chunk. */
export async function* bodyOf(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** The bytes of a `Body` given as text or bytes. */
export function toBytes(body: string | Uint8Array): Uint8Array {
  return typeof body === 'string' ? new TextEncoder().encode(body) : body;
}

/** Reads a whole body (only for small objects: manifests, service integration payloads). */
export async function readAll(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const c of body) {
    parts.push(c);
    size += c.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Reads a whole body as UTF-8 text. */
export async function readText(body: AsyncIterable<Uint8Array>): Promise<string> {
  return new TextDecoder().decode(await readAll(body));
}

/** Decodes a body into text chunks, never splitting a multi-byte character. */
export async function* textChunks(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const c of body) {
    const s = decoder.decode(c, { stream: true });
    if (s) yield s;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** Splits a body into lines (LF or CRLF), the last one without a newline included. */
export async function* lines(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  let carry = '';
  for await (const chunk of textChunks(body)) {
    const text = carry + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield text.slice(start, end);
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  if (carry) yield carry.endsWith('\r') ? carry.slice(0, -1) : carry;
}

/** The inclusive byte span a `Range` header asks of an object of `size` bytes. */
export function byteRange(range: string | undefined, size: number): { start: number; end: number } {
  if (range === undefined) return { start: 0, end: size - 1 };
  const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (!m || (m[1] === '' && m[2] === '')) throw new ObjectStoreError('InvalidArgument', `Invalid Range: ${range}`);
  if (m[1] === '') {
    const n = Number(m[2]);
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) throw new ObjectStoreError('InvalidRange', 'The requested range is not satisfiable');
  return { start, end };
}

/** An opaque continuation token for the key a listing stopped after. */
export function tokenFor(key: string): string {
  return encodeURIComponent(key);
}

export function keyOfToken(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  try {
    return decodeURIComponent(token);
  } catch {
    throw new ObjectStoreError('InvalidArgument', 'The continuation token provided is incorrect');
  }
}

/** S3 orders keys by their UTF-8 bytes, which is code point order (not UTF-16 unit order). */
export function compareKeys(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(j)!;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return a.length - i - (b.length - j);
}

/** S3's page size limits: default and maximum 1,000 keys. */
export function pageSize(maxKeys: number | undefined): number {
  if (maxKeys === undefined) return 1000;
  if (!Number.isInteger(maxKeys) || maxKeys < 0) throw new ObjectStoreError('InvalidArgument', `MaxKeys must be a non-negative integer, got ${String(maxKeys)}`);
  return Math.min(maxKeys, 1000);
}
