/**
 * Reading request members with AWS's constraints: required members, string lengths, names,
 * ARNs, JSON text, page sizes and tokens. Every violation is a typed {@link ApiError}.
 */
import { ApiError, validationError } from './protocol.js';

/** A request body: the JSON object the client sent. */
export type Body = Readonly<Record<string, unknown>>;

/** A required string member of at most `max` characters. */
export function required(body: Body, member: string, max = 256): string {
  const v = body[member];
  if (v === undefined || v === null) throw validationError(`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  return checkString(v, member, max);
}

/** An optional string member of at most `max` characters. */
export function optional(body: Body, member: string, max = 256): string | undefined {
  const v = body[member];
  return v === undefined || v === null ? undefined : checkString(v, member, max);
}

function checkString(v: unknown, member: string, max: number): string {
  if (typeof v !== 'string') throw new ApiError('SerializationException', `Member '${member}' must be a string`);
  if (v.length > max) {
    throw validationError(`1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
  }
  return v;
}

/** An optional boolean member. */
export function flag(body: Body, member: string): boolean | undefined {
  const v = body[member];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new ApiError('SerializationException', `Member '${member}' must be a boolean`);
  return v;
}

/** An optional member that must be one of `values`. */
export function oneOf<T extends string>(body: Body, member: string, values: readonly T[]): T | undefined {
  const v = optional(body, member);
  if (v === undefined) return undefined;
  if (!(values as readonly string[]).includes(v)) {
    throw validationError(`1 validation error detected: Value '${v}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(', ')}]`);
  }
  return v as T;
}

// AWS: names must not contain whitespace, brackets, wildcards, these specials or control characters.
const BAD_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

/** A resource or execution name: 1–80 characters without the characters AWS forbids. */
export function checkName(name: string, what: string): string {
  if (name.length < 1 || name.length > 80 || BAD_NAME.test(name)) throw new ApiError('InvalidName', `Invalid Name: '${name}' (${what} names are 1 to 80 characters without whitespace, brackets, wildcards or the characters " # % \\ ^ | ~ \` $ & , ; : /)`);
  return name;
}

/** JSON text of an input or output member; `InvalidExecutionInput`-style errors are the caller's. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** `maxResults`: 0 (the default) means `fallback`; otherwise 1 to 1000. */
export function pageSize(body: Body, fallback = 100): number {
  const v = body.maxResults;
  if (v === undefined || v === null || v === 0) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 1000) {
    throw validationError(`1 validation error detected: Value '${String(v)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000`);
  }
  return v;
}

/**
 * One page of `items` after `nextToken` (an opaque offset bound to `scope`, so a token from
 * one listing is refused by another: AWS answers that with `InvalidToken`).
 */
export function page<T>(items: readonly T[], body: Body, scope: string, fallback = 100): { items: T[]; nextToken?: string } {
  const size = pageSize(body, fallback);
  const token = optional(body, 'nextToken', 1024);
  let start = 0;
  if (token !== undefined) {
    const decoded = decodeToken(token);
    if (!decoded || decoded.scope !== scope || decoded.offset > items.length) throw new ApiError('InvalidToken', `Invalid Token: '${token}'`);
    start = decoded.offset;
  }
  const slice = items.slice(start, start + size);
  const end = start + slice.length;
  return end < items.length ? { items: slice, nextToken: encodeToken(scope, end) } : { items: slice };
}

function encodeToken(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ s: scope, o: offset })).toString('base64url');
}

function decodeToken(token: string): { scope: string; offset: number } | undefined {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { s?: unknown; o?: unknown };
    return typeof v.s === 'string' && Number.isInteger(v.o) && (v.o as number) >= 0 ? { scope: v.s, offset: v.o as number } : undefined;
  } catch {
    return undefined;
  }
}
