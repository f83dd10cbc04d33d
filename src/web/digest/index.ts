/**
 * Synchronous message digests in plain TypeScript, so the core needs no `node:crypto` (Web
 * Crypto's digest is asynchronous, and States.Hash and the definition hash are not).
 */
import { AslUsageError } from '../../errors.js';
import { md5 } from './md5.js';
import { sha1 } from './sha1.js';
import { sha256 } from './sha256.js';
import { sha384, sha512 } from './sha512.js';

/** The algorithms, by the names States.Hash takes. */
export const DIGESTS: Readonly<Record<string, (bytes: Uint8Array) => string>> = {
  MD5: md5,
  'SHA-1': sha1,
  'SHA-256': sha256,
  'SHA-384': sha384,
  'SHA-512': sha512,
};

const encoder = new TextEncoder();

/**
 * Lower-case hex digest of the UTF-8 bytes of `text`.
 * @throws {@link AslUsageError} for a name that is not a key of {@link DIGESTS} (callers check first).
 */
export function digestText(algorithm: keyof typeof DIGESTS, text: string): string {
  const digest = Object.hasOwn(DIGESTS, algorithm) ? DIGESTS[algorithm] : undefined;
  if (digest === undefined) throw new AslUsageError(`unknown digest algorithm '${algorithm}'; expected one of ${Object.keys(DIGESTS).join(', ')}`);
  return digest(encoder.encode(text));
}

export { md5, sha1, sha256, sha384, sha512 };
