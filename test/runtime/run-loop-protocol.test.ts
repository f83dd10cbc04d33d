import { describe, expect, it } from 'vitest';
import { AslUsageError } from '../../src/errors.js';
import { LazyAbort } from '../../src/runtime/abort.js';
import { VirtualClock } from '../../src/runtime/clock.js';
import { Frame, type CompiledState, type ExecutionEnv, type Outcome } from '../../src/runtime/frame.js';
import { CompiledMachine } from '../../src/runtime/machine.js';

/** A thread on a reproducible clock; the loop reads only the clock from the environment. */
function thread(stop = new LazyAbort()): Frame {
  const env = { clock: new VirtualClock(0) } as unknown as ExecutionEnv;
  return new Frame(env, {}, stop, '');
}

/** A state that adds 1 to its input and leads to `next` by name, with a fresh Outcome (the older protocol). */
function step(name: string, next: string | undefined, later = false): CompiledState {
  return {
    name,
    type: 'Pass',
    run(input): Outcome | Promise<Outcome> {
      const o: Outcome = { output: (input as number) + 1, next };
      return later ? Promise.resolve(o) : o;
    },
  };
}

/** A chain S0 → S1 → … of `n` such states. */
function chain(n: number, asyncAt = -1): CompiledMachine {
  const states = new Map<string, CompiledState>();
  for (let i = 0; i < n; i++) states.set(`S${i}`, step(`S${i}`, i + 1 < n ? `S${i + 1}` : undefined, i === asyncAt));
  return new CompiledMachine('S0', states);
}

// The contract between the run loop and the states (see src/runtime/states/common.ts).
describe('run loop protocol', () => {
  it('follows states that return a fresh { output, next }, looking the next state up by name', async () => {
    expect(chain(10).runMaybe(0, thread())).toBe(10);
    await expect(chain(10).run(0, thread())).resolves.toBe(10);
  });

  it('stays synchronous until a state returns a promise, then goes on after it', async () => {
    const r = chain(10, 4).runMaybe(0, thread());
    expect(r).toBeInstanceOf(Promise);
    await expect(r).resolves.toBe(10);
  });

  it('under a reproducible clock, gives the host a turn before the 64th state of a slice', async () => {
    expect(chain(63).runMaybe(0, thread())).toBe(63);
    const r = chain(64).runMaybe(0, thread());
    expect(r).toBeInstanceOf(Promise);
    await expect(r).resolves.toBe(64);
  });

  it('does not start a state once the thread is stopped, and fails with the stop reason', async () => {
    const stop = new LazyAbort();
    const frame = thread(stop);
    const seen: string[] = [];
    const states = new Map<string, CompiledState>([
      ['A', { name: 'A', type: 'Pass', run: (v) => (seen.push('A'), stop.abort('halt'), { output: v, next: 'B' }) }],
      ['B', { name: 'B', type: 'Pass', run: (v) => (seen.push('B'), { output: v, next: undefined }) }],
    ]);
    expect(() => new CompiledMachine('A', states).runMaybe(1, frame)).toThrow('halt');
    expect(seen).toEqual(['A']);
    await expect(new CompiledMachine('A', states).run(1, thread(stop))).rejects.toBe('halt');
  });

  it('a transition to a state the machine does not have fails as a usage error, never a crash', async () => {
    const states = new Map<string, CompiledState>([['A', step('A', 'Nowhere')]]);
    await expect(new CompiledMachine('A', states).run(0, thread())).rejects.toBeInstanceOf(AslUsageError);
    await expect(new CompiledMachine('Missing', states).run(0, thread())).rejects.toBeInstanceOf(AslUsageError);
  });
});
