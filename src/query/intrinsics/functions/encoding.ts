/** Intrinsics for data encoding and decoding (Base64 of the UTF-8 bytes of a string). */
import { fail, limitedStringArg } from './args.js';
import type { IntrinsicDefinition } from './types.js';

/** `States.Base64Encode(string)`: input of up to 10,000 characters. */
export const base64Encode: IntrinsicDefinition = {
  name: 'States.Base64Encode',
  minArgs: 1,
  maxArgs: 1,
  invoke(args) {
    return Buffer.from(limitedStringArg(this.name, args, 0), 'utf8').toString('base64');
  },
};

/** Standard alphabet; padding optional, as Java's decoder accepts, but never a lone last character. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

/** `States.Base64Decode(base64)`: input of up to 10,000 characters, decoded as UTF-8. */
export const base64Decode: IntrinsicDefinition = {
  name: 'States.Base64Decode',
  minArgs: 1,
  maxArgs: 1,
  invoke(args) {
    const encoded = limitedStringArg(this.name, args, 0);
    // Node's decoder silently skips invalid characters; AWS fails instead.
    if (!BASE64.test(encoded)) fail(this.name, 'the input is not a valid Base64 string');
    return Buffer.from(encoded, 'base64').toString('utf8');
  },
};
