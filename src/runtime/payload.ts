import { AslUsageError, StatesError, StatesErrors } from '../errors.js';
import { textDepthExceeds, tooDeepProblem } from '../query/json-depth.js';
import { copyJsonData } from './json-copy.js';
import { jsonSize } from './json-size.js';

/** AWS's payload quota: 256 KiB of UTF-8 for inputs, outputs, results and variables. */
export const MAX_PAYLOAD_BYTES = 262_144;

/** Byte size of a JSON text in UTF-8, without encoding short strings. */
export function utf8Size(text: string): number {
  // A UTF-16 code unit is at most 3 UTF-8 bytes, so short strings need no exact count.
  return text.length * 3 <= MAX_PAYLOAD_BYTES ? text.length : utf8Length(text);
}

/** UTF-8 length of a string, counted without encoding it (web-standard: no Buffer). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else bytes += 3; // lone surrogates encode as U+FFFD (3 bytes), as Buffer and TextEncoder do
  }
  return bytes;
}

/** JSON text of an internal (already JSON-safe) value. */
export function toJson(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/** AWS's States.DataLimitExceeded for a state or task result over the quota. */
export function dataLimitExceeded(owner: string): StatesError {
  return new StatesError(
    StatesErrors.DataLimitExceeded,
    `The state/task '${owner}' returned a result with a size exceeding the maximum number of bytes service limit.`,
  );
}

/**
 * Copies a value from outside (execution input, a handler's result) into plain JSON data.
 * Returns the problem instead of silently dropping data: functions, symbols, BigInts,
 * circular references and `undefined` are not JSON; data nested more than 1,000 levels deep
 * is refused too (see query/json-depth.ts).
 */
export function toJsonData(value: unknown): { ok: true; value: unknown; json: string } | { ok: false; problem: string } {
  if (value === undefined) return { ok: false, problem: 'the value is undefined' };
  let problem: string | undefined;
  let json: string | undefined;
  try {
    json = JSON.stringify(value, function (key, v: unknown) {
      const t = typeof v;
      if (t === 'function' || t === 'symbol' || t === 'bigint') {
        problem ??= `${key ? `the field '${key}' holds` : 'it is'} a ${t}, which JSON cannot represent`;
        return undefined;
      }
      if (t === 'number' && !Number.isFinite(v as number)) {
        problem ??= `${key ? `the field '${key}' holds` : 'it is'} ${String(v)}, which JSON cannot represent`;
      }
      return v;
    });
  } catch (e) {
    // A stack overflow here means deep nesting; other throws (a getter, toJSON) keep their message.
    if (e instanceof RangeError) return { ok: false, problem: tooDeepProblem() };
    return { ok: false, problem: e instanceof Error ? e.message : String(e) };
  }
  if (problem) return { ok: false, problem };
  if (json === undefined) return { ok: false, problem: 'it has no JSON representation' };
  if (textDepthExceeds(json)) return { ok: false, problem: tooDeepProblem() };
  return { ok: true, value: JSON.parse(json) as unknown, json };
}

/**
 * For `start(input)`: the input as JSON data and the exact UTF-8 size of its JSON text. Plain
 * data is copied and sized in one walk; JSON text is parsed, and anything else goes through its
 * JSON text. Non-JSON input, or input over the quota, is a usage error.
 */
export function executionInput(input: unknown): { value: unknown; size: number } {
  if (input === undefined) return { value: {}, size: 2 };
  const plain = copyJsonData(input);
  if (plain !== undefined && plain.size <= MAX_PAYLOAD_BYTES) return plain;
  const data = toJsonData(input);
  if (!data.ok) throw new AslUsageError(`Execution input is not JSON-serialisable: ${data.problem}`);
  if (utf8Size(data.json) > MAX_PAYLOAD_BYTES) {
    throw new AslUsageError(`Execution input is ${utf8Size(data.json)} bytes; AWS accepts at most ${MAX_PAYLOAD_BYTES} (256 KiB).`);
  }
  return { value: data.value, size: jsonSize(data.value) };
}
