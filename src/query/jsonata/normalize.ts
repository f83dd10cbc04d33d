/**
 * Turning a JSONata result into a plain JSON value the engine can serialise, compare and store.
 *
 * JSONata marks arrays it builds as sequences (extra `sequence`, `keepSingleton`, … properties)
 * and may return functions, `NaN` or `Infinity`. The result here is a fresh copy made of plain
 * arrays and plain objects only, so it shares nothing with the evaluation's inputs.
 */

/** Why a value cannot be represented as JSON, for the error cause. */
export class NotJsonError extends Error {
  override readonly name = 'NotJsonError';
}

function isJsonataFunction(value: object): boolean {
  const v = value as { _jsonata_function?: unknown; _jsonata_lambda?: unknown };
  return v._jsonata_function === true || v._jsonata_lambda === true;
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/**
 * A plain-JSON copy of `value`. Object members whose value is `undefined` are dropped and
 * `undefined` array items become `null`, as `JSON.stringify` does. Throws {@link NotJsonError}
 * for a function (a JSONata lambda, function reference or regex) or a non-finite number.
 */
export function toPlainJson(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new NotJsonError(String(value));
      return value;
    case 'undefined':
      return undefined;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const out: unknown[] = new Array(value.length);
        for (let i = 0; i < value.length; i++) {
          const item = toPlainJson(value[i]);
          out[i] = item === undefined ? null : item;
        }
        return out;
      }
      if (isJsonataFunction(value)) throw new NotJsonError('a function');
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const member = toPlainJson((value as Record<string, unknown>)[key]);
        if (member !== undefined) setOwn(out, key, member);
      }
      return out;
    }
    default:
      // function, bigint, symbol
      throw new NotJsonError(typeof value === 'function' ? 'a function' : `a ${typeof value}`);
  }
}

/** A deep copy of a JSON literal from the definition, deep-frozen so no caller can change it. */
export function frozenCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(out, key, frozenCopy((value as Record<string, unknown>)[key]));
  return Object.freeze(out);
}
