/**
 * `java.util.Random`'s 48-bit linear congruential generator (multiplier 0x5DEECE66D, addend 0xB,
 * seed scrambled with the multiplier, as the Java platform documentation specifies). AWS's
 * service is written in Java, so a seeded States.MathRandom and JSONata's `$random(seed)` give
 * the sequence a `new Random(seed)` would. BigInt keeps the 48-bit arithmetic exact.
 */
const MULTIPLIER = 0x5deece66dn;
const ADDEND = 0xbn;
const MASK = (1n << 48n) - 1n;

/** A `java.util.Random` seeded with `seed` (a Java long). */
export class JavaRandom {
  private seed: bigint;

  constructor(seed: bigint) {
    this.seed = (seed ^ MULTIPLIER) & MASK;
  }

  /** `Random.next(bits)`: the top `bits` bits of the next state, as a signed 32-bit int. */
  private next(bits: number): number {
    this.seed = (this.seed * MULTIPLIER + ADDEND) & MASK;
    return Number(BigInt.asIntN(32, this.seed >> BigInt(48 - bits)));
  }

  /** `Random.nextInt(bound)` for 0 < bound <= 2^31 - 1: uniform in [0, bound). */
  nextInt(bound: number): number {
    let r = this.next(31);
    const m = bound - 1;
    if ((bound & m) === 0) {
      return Number((BigInt(bound) * BigInt(r)) >> 31n);
    }
    // Java rejects values from the incomplete last interval; `| 0` mirrors its int overflow.
    for (let u = r; ((u - (r = u % bound) + m) | 0) < 0; u = this.next(31));
    return r;
  }

  /** `Random.nextDouble()`: 53 random bits (26 then 27) scaled into [0, 1). */
  nextDouble(): number {
    const high = this.next(26);
    const low = this.next(27);
    return (high * 2 ** 27 + low) * 2 ** -53;
  }
}

/**
 * The first `nextDouble()` of a generator seeded with `seed`, as AWS's `$random(seed)` gives
 * (seed 42 yields 0.7275636800328681). A fractional seed is truncated toward zero and wrapped
 * to 64 bits, as a Java `(long)` cast of a double does within range.
 */
export function seededRandom(seed: number): number {
  return new JavaRandom(BigInt.asIntN(64, BigInt(Math.trunc(seed)))).nextDouble();
}
