/** Intrinsic for hash calculation. */
import { DIGESTS, digestText } from '../../../web/digest/index.js';
import { fail, limitedStringArg, stringArg } from './args.js';
import type { IntrinsicDefinition } from './types.js';

/** `States.Hash(data, algorithm)`: lower-case hex digest of the UTF-8 bytes of `data` (MD5, SHA-1, SHA-256, SHA-384 or SHA-512). */
export const hash: IntrinsicDefinition = {
  name: 'States.Hash',
  minArgs: 2,
  maxArgs: 2,
  invoke(args) {
    const data = limitedStringArg(this.name, args, 0);
    const algorithm = stringArg(this.name, args, 1);
    if (!Object.hasOwn(DIGESTS, algorithm)) {
      fail(this.name, `the hashing algorithm must be one of ${Object.keys(DIGESTS).join(', ')}, but was '${algorithm}'`);
    }
    return digestText(algorithm, data);
  },
};
