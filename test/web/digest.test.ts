/** The built-in digests (States.Hash, $hash, the definition hash) agree with node:crypto on any input. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AslUsageError } from '../../src/errors.js';
import { DIGESTS, digestText } from '../../src/web/digest/index.js';

const NODE_NAMES: Readonly<Record<string, string>> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

describe('digests', () => {
  it('match node:crypto for every length across the block boundaries (0 to 300 bytes)', () => {
    for (const name of Object.keys(DIGESTS)) {
      for (let n = 0; n <= 300; n++) {
        const text = 'a'.repeat(n);
        expect(digestText(name, text), `${name} of ${n} bytes`).toBe(createHash(NODE_NAMES[name]!).update(text, 'utf8').digest('hex'));
      }
    }
  });

  it('match node:crypto on arbitrary Unicode text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(DIGESTS)), fc.string({ unit: 'grapheme', maxLength: 400 }), (name, text) => {
        expect(digestText(name, text)).toBe(createHash(NODE_NAMES[name]!).update(text, 'utf8').digest('hex'));
      }),
      { numRuns: 300 },
    );
  });

  it('refuse a name that is not an algorithm, even one on Object.prototype', () => {
    expect(() => digestText('toString', 'x')).toThrow(AslUsageError);
    expect(() => digestText('SHA-3', 'x')).toThrow(AslUsageError);
  });
});
