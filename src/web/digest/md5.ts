/** MD5 (RFC 1321), for States.Hash only: it is broken for security. */
import { padTo64, wordsToHex } from './hex.js';

/** Per-round shift amounts (RFC 1321 §3.4). */
const S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
/** floor(abs(sin(i + 1)) * 2^32). */
const K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 0x1_0000_0000) >>> 0);

const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));

/** Lower-case hex MD5 of `bytes`. */
export function md5(bytes: Uint8Array): string {
  const m = padTo64(bytes, true);
  const h = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]);
  // Every index below is in bounds (m holds whole 16-word blocks, g < 16, i < 64 = K.length,
  // S has 16 entries), so the hot loop uses '!' rather than a branch per access.
  for (let block = 0; block < m.length; block += 16) {
    let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!;
    for (let i = 0; i < 64; i++) {
      const round = i >> 4;
      const [f, g] =
        round === 0 ? [(b & c) | (~b & d), i] : round === 1 ? [(d & b) | (~d & c), (5 * i + 1) % 16] : round === 2 ? [b ^ c ^ d, (3 * i + 5) % 16] : [c ^ (b | ~d), (7 * i) % 16];
      const next = (b + rotl((a + f + K[i]! + m[block + g]!) | 0, S[round * 4 + (i % 4)]!)) | 0;
      a = d;
      d = c;
      c = b;
      b = next;
    }
    h[0] = h[0]! + a;
    h[1] = h[1]! + b;
    h[2] = h[2]! + c;
    h[3] = h[3]! + d;
  }
  return wordsToHex(h, true);
}
