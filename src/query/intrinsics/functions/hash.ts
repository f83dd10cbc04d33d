/** Intrinsic for hash calculation. */
import { createHash } from 'node:crypto';
import { fail, limitedStringArg, stringArg } from './args.js';
import type { IntrinsicDefinition } from './types.js';

/** The algorithms AWS documents, mapped to Node's names for them. */
const ALGORITHMS: Readonly<Record<string, string>> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/** `States.Hash(data, algorithm)`: lower-case hex digest of the UTF-8 bytes of `data`. */
export const hash: IntrinsicDefinition = {
  name: 'States.Hash',
  minArgs: 2,
  maxArgs: 2,
  invoke(args) {
    const data = limitedStringArg(this.name, args, 0);
    const algorithm = stringArg(this.name, args, 1);
    const nodeName = Object.hasOwn(ALGORITHMS, algorithm) ? ALGORITHMS[algorithm] : undefined;
    if (!nodeName) {
      fail(this.name, `the hashing algorithm must be one of ${Object.keys(ALGORITHMS).join(', ')}, but was '${algorithm}'`);
    }
    return createHash(nodeName).update(data, 'utf8').digest('hex');
  },
};
