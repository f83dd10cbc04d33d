import { StatesError, type TaskHandler } from '../../src/index.js';

/**
 * The fixed set of stand-in task handlers a conformance case may name. Each one stands for a
 * service whose behaviour the case needs (a result, an error, a slow call), so cases stay pure data.
 */
export const STAND_INS = {
  /** Returns its input unchanged, as an identity Lambda would. */
  echo: async (input: unknown) => input,
  /** Fails with the error and cause named in its input (`{ error, cause }`), or CustomError. */
  'fail-with-error': async (input: { error?: string; cause?: string } | null) => {
    throw new StatesError(input?.error ?? 'CustomError', input?.cause ?? 'This is a custom error');
  },
  /** Fails its first two attempts with TransientError, then returns how many attempts it took. */
  'fail-twice-then-succeed': async (_input: unknown, ctx) => {
    if (ctx.attempt < 2) throw new StatesError('TransientError', `attempt ${ctx.attempt + 1} failed`);
    return { attempts: ctx.attempt + 1 };
  },
  /** Always fails with TransientError; the cause counts the attempt (1-based). */
  'count-attempts': async (_input: unknown, ctx) => {
    throw new StatesError('TransientError', `attempt ${ctx.attempt + 1} failed`);
  },
  /**
   * Attempt n fails with the n-th name of `input.errors` (cause `attempt n`); once the list is
   * used up it returns `{ attempts }`. Drives the guide's multi-retrier scenarios.
   */
  'fail-in-sequence': async (input: { errors?: string[] } | null, ctx) => {
    const error = input?.errors?.[ctx.attempt];
    if (error !== undefined) throw new StatesError(error, `attempt ${ctx.attempt + 1}`);
    return { attempts: ctx.attempt + 1 };
  },
  /** Never answers: sleeps an hour of (virtual) time, so TimeoutSeconds decides. */
  'never-return': async (_input: unknown, ctx) => {
    await ctx.clock.sleep(3_600_000, ctx.signal);
    return { late: true };
  },
} satisfies Record<string, TaskHandler>;

export type StandInName = keyof typeof STAND_INS;

/** Whether `name` is one of the stand-ins above (case files are untyped JSON). */
export function isStandIn(name: string): name is StandInName {
  return Object.hasOwn(STAND_INS, name);
}
