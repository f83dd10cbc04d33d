/**
 * `java.util.Random`'s 48-bit linear congruential generator, so that a seeded States.MathRandom
 * is reproducible the way a Java service seeding `new Random(seed)` would be. BigInt keeps the
 * 48-bit arithmetic exact.
 */
const MULTIPLIER = 0x5deece66dn;
const ADDEND = 0xbn;
const MASK = (1n << 48n) - 1n;

/** A `java.util.Random` seeded with `seed`. */
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

  /** `Random.nextInt(bound)` for 0 < bound ≤ 2^31 - 1: uniform in [0, bound). */
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
}
