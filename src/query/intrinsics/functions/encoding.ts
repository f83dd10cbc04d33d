/** Intrinsics for data encoding and decoding (Base64 of the UTF-8 bytes of a string). */
import { base64ToBytes, bytesToBase64 } from '../../../web/base64.js';
import { fail, limitedStringArg } from './args.js';
import type { IntrinsicDefinition } from './types.js';

/** `States.Base64Encode(string)`: input of up to 10,000 characters. */
export const base64Encode: IntrinsicDefinition = {
  name: 'States.Base64Encode',
  minArgs: 1,
  maxArgs: 1,
  invoke(args) {
    return bytesToBase64(new TextEncoder().encode(limitedStringArg(this.name, args, 0)));
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
    // Lenient decoders skip invalid characters; AWS fails instead.
    if (!BASE64.test(encoded)) fail(this.name, 'the input is not a valid Base64 string');
    // Invalid UTF-8 becomes U+FFFD, as Java's String(bytes, UTF_8) does.
    return new TextDecoder('utf-8').decode(base64ToBytes(encoded));
  },
};
