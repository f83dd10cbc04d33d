/**
 * How many cases the property tests run. `npm test` runs a small, fixed-seed budget; `npm run fuzz`
 * sets FUZZ_RUNS (see vitest.fuzz.config.ts) and a time-based seed, printed with each summary so a
 * finding can be replayed with FUZZ_SEED.
 */
import fc from 'fast-check';

const runs = Number(process.env.FUZZ_RUNS);

/** True under `npm run fuzz`. */
export const FUZZING = Number.isInteger(runs) && runs > 0;

/** Per-test timeout: generous, because a property test's time grows with its budget. */
export const TIMEOUT = FUZZING ? 4 * 3600_000 : 120_000;

/**
 * Cases for a validator property: `small` normally; when fuzzing, `share` of FUZZ_RUNS (the four
 * validate() properties take a quarter each, so FUZZ_RUNS is the validate() case count).
 */
export function validateRuns(small: number, share = 0.25): number {
  return FUZZING ? Math.max(small, Math.floor(runs * share)) : small;
}

/** Cases for an execution property: a tenth of FUZZ_RUNS when fuzzing. */
export function executionRuns(small: number): number {
  return FUZZING ? Math.max(small, Math.floor(runs / 10)) : small;
}

/** fast-check parameters: a fixed seed unless FUZZ_SEED is set, so `npm test` is repeatable. */
export function params(numRuns: number): fc.Parameters<unknown> {
  return { numRuns, seed: SEED, endOnFailure: true };
}

const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : FUZZING ? Date.now() % 2 ** 31 : 20260101;

/** Problems found over a run, grouped by kind, with the first few examples of each. */
export class Findings {
  private readonly byKind = new Map<string, { count: number; examples: string[] }>();
  cases = 0;
  private readonly started = Date.now();
  /** Counts of outcomes worth reporting (e.g. execution statuses), not problems. */
  private readonly tally = new Map<string, number>();

  count(outcome: string): void {
    this.tally.set(outcome, (this.tally.get(outcome) ?? 0) + 1);
  }

  add(kind: string, example: unknown): void {
    let entry = this.byKind.get(kind);
    if (entry === undefined) this.byKind.set(kind, (entry = { count: 0, examples: [] }));
    entry.count++;
    if (entry.examples.length < 3) entry.examples.push(typeof example === 'string' ? example : safeJson(example));
  }

  /** `kind: count` lines with examples, for the failure message. */
  list(): string[] {
    return [...this.byKind].map(([kind, e]) => `${kind}: ${e.count}\n    ${e.examples.map((x) => x.slice(0, 2000)).join('\n    ')}`);
  }

  /** One line for the fuzz report: cases, rate, findings. */
  summary(name: string): string {
    const seconds = (Date.now() - this.started) / 1000;
    const total = [...this.byKind.values()].reduce((n, e) => n + e.count, 0);
    const tally = this.tally.size > 0 ? ` [${[...this.tally].map(([k, n]) => `${k} ${n}`).join(', ')}]` : '';
    return `[property] ${name} (seed ${SEED}): ${this.cases} cases in ${seconds.toFixed(1)} s (${Math.round(this.cases / Math.max(seconds, 0.001))}/s), ${total} findings${tally}`;
  }
}

/** JSON for a report, tolerant of cycles and getters that throw. */
export function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return '<unprintable: reading it threw>';
  }
}
