// Shared by the scenarios: each runs in its own process and prints `ready` once the package is
// loaded, then exactly one JSON line with its result.
import { writeSync } from 'node:fs';
// Loaded here first, so `ready` below means the package is in memory: the harness's deadline
// then measures the scenario, not Node's start-up on a busy machine.
import 'asl-runtime';

writeSync(1, 'ready\n');

/** Prints the result and ends the process at once (a hung handler must not keep it alive). */
export function report(result) {
  writeSync(1, `${JSON.stringify(result)}\n`);
  process.exit(0);
}

/** status, error and cause of an ExecutionResult, plus anything else worth asserting. */
export function outcome(result, extra = {}) {
  const out = { status: result.status };
  if (result.error !== undefined) out.error = result.error;
  if (result.cause !== undefined) out.cause = result.cause;
  if (result.status === 'SUCCEEDED') out.output = result.output;
  return { ...out, ...extra };
}

/** Task handlers that never settle, counting the calls made with an already-aborted signal. */
export const calls = { total: 0, abortedSignal: 0 };
export const hangs = {
  /** Ignores its signal. */
  ignore: (_input, ctx) => {
    calls.total++;
    if (ctx.signal.aborted) calls.abortedSignal++;
    return new Promise(() => {});
  },
  /** Honours its signal the usual way: rejects when it fires. */
  listen: (_input, ctx) => {
    calls.total++;
    if (ctx.signal.aborted) calls.abortedSignal++;
    return new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
  },
};

export const HANG = 'arn:aws:states:::hang';

/** An endless loop of states that settle at once: Task → Choice → Task (or Pass → Choice → Pass). */
export function instantLoop(kind, extra = {}) {
  const first = kind === 'task' ? { Type: 'Task', Resource: 'arn:aws:states:::echo', Next: 'C' } : { Type: 'Pass', Next: 'C' };
  return {
    ...extra,
    StartAt: 'A',
    States: {
      A: first,
      C: { Type: 'Choice', Choices: [{ Variable: '$.never', IsPresent: true, Next: 'Done' }], Default: 'A' },
      Done: { Type: 'Succeed' },
    },
  };
}
export const echo = { 'arn:aws:states:::echo': (x) => x };
