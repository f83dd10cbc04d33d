import type { ParallelState } from '../../definition/types.js';
import { StatesError } from '../../errors.js';
import type { StateFlow } from '../dataflow/flow.js';
import type { Frame } from '../frame.js';
import type { CompiledMachine } from '../machine.js';
import { retrying } from '../retry.js';
import { AlreadyReported, enter, exit, guarded, nextOf, toStatesError, type CompiledState, type Transitions } from './common.js';

/**
 * Parallel: runs every branch on the same input at once; the result is the branches' outputs in
 * branch order. The first branch to fail stops the others and fails the state with its error.
 */
export function compileParallel(name: string, def: ParallelState, flow: StateFlow, branches: readonly CompiledMachine[], transitions: Transitions): CompiledState {
  const next = transitions.to(nextOf(def));
  return {
    name,
    type: 'Parallel',
    run(raw, frame) {
      enter(frame, 'Parallel', name, raw, true);
      return guarded(frame, 'Parallel', name, raw, async () => {
        const selected = flow.select(raw, frame);
        const params = await flow.parameters(selected, raw, frame);
        const results = await retrying(
          frame,
          def.Retry,
          async (attempt) => {
            frame.emit('ParallelStateStarted');
            try {
              return await runAll(branches, params, frame, attempt);
            } catch (e) {
              throw toStatesError(e, frame);
            }
          },
          // Recorded AWS histories: a retried attempt goes straight to the next ParallelStateStarted;
          // ParallelStateFailed is written once, when the state finally fails.
          (err) => {
            frame.emit('ParallelStateFailed', { error: err.error, cause: err.cause });
            throw new AlreadyReported(err.error, err.cause);
          },
        );
        frame.emit('ParallelStateSucceeded');
        const output = await flow.finish(raw, selected, results, frame);
        return exit(frame, 'Parallel', name, output, next);
      }, flow, def.Catch);
    },
  };
}

async function runAll(branches: readonly CompiledMachine[], input: unknown, frame: Frame, attempt: number): Promise<unknown[]> {
  const { abort, unlink } = frame.childGroup();
  let firstError: unknown;
  try {
    const runs = branches.map((b, i) => {
      const child = frame.child(abort, `${frame.threadId}${frame.visit.name}[${attempt}][${i}]/`, frame.lastEventId);
      branchThreads.add(child);
      return b.run(input, child).catch((e: unknown) => {
        if (firstError === undefined) {
          firstError = e;
          abort.abort(e);
        }
        throw e;
      });
    });
    const settled = await Promise.allSettled(runs);
    if (firstError !== undefined) throw firstError instanceof StatesError ? firstError : toStatesError(firstError, frame);
    return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value);
  } finally {
    unlink();
  }
}

/** The threads of Parallel branches (not the Map iterations nested in them). */
const branchThreads = new WeakSet<Frame>();

/**
 * Whether `frame` is a Parallel branch's own thread. Its Tasks keep their asynchronous steps, so
 * branches interleave in history as they always have; a Map's iterations may not (state-map-inline).
 */
export function isParallelBranch(frame: Frame): boolean {
  return branchThreads.has(frame);
}
