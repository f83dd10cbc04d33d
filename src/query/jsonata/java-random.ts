/**
 * A seeded random number generator with the sequence of `java.util.Random`, which AWS uses for
 * `$random(seed)`: seed 42 yields 0.7275636800328681 on AWS and here.
 *
 * The algorithm is the 48-bit linear congruential generator specified in the Java platform
 * documentation (multiplier 0x5DEECE66D, addend 0xB, seed scrambled with the multiplier).
 */

const MULTIPLIER = 0x5deece66dn;
const ADDEND = 0xbn;
const MASK = (1n << 48n) - 1n;

/**
 * The first `nextDouble()` of a generator seeded with `seed`. A fractional seed is truncated
 * toward zero and wrapped to 64 bits, as a Java `(long)` cast of a double does within range.
 */
export function seededRandom(seed: number): number {
  let state = (BigInt.asIntN(64, BigInt(Math.trunc(seed))) ^ MULTIPLIER) & MASK;
  const next = (bits: number): number => {
    state = (state * MULTIPLIER + ADDEND) & MASK;
    return Number(state >> BigInt(48 - bits));
  };
  const high = next(26);
  const low = next(27);
  return (high * 2 ** 27 + low) * 2 ** -53;
}
