/** Lower-case hex of 32-bit words, big-endian (SHA) or little-endian (MD5). */
export function wordsToHex(words: ArrayLike<number>, littleEndian = false): string {
  let out = '';
  for (let i = 0; i < words.length; i++) {
    const w = words[i]! >>> 0; // i < words.length
    out += littleEndian
      ? [w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, w >>> 24].map((b) => b.toString(16).padStart(2, '0')).join('')
      : w.toString(16).padStart(8, '0');
  }
  return out;
}

/**
 * The message padded as MD5, SHA-1 and SHA-256 need it (a 1 bit, zeros, the bit length in the
 * last 8 bytes) and read as 32-bit words.
 */
export function padTo64(bytes: Uint8Array, littleEndian: boolean): Uint32Array {
  const blocks = Math.ceil((bytes.length + 9) / 64);
  const padded = new Uint8Array(blocks * 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = bytes.length * 8;
  // Lengths up to 2^53 bits: split into high and low words.
  const high = Math.floor(bits / 0x1_0000_0000);
  const low = bits >>> 0;
  if (littleEndian) {
    view.setUint32(padded.length - 8, low, true);
    view.setUint32(padded.length - 4, high, true);
  } else {
    view.setUint32(padded.length - 8, high, false);
    view.setUint32(padded.length - 4, low, false);
  }
  const words = new Uint32Array(padded.length / 4);
  for (let i = 0; i < words.length; i++) words[i] = view.getUint32(i * 4, littleEndian);
  return words;
}
