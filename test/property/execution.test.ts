/**
 * Property tests of generated executions (issue 11 §6): with a generic task resolver, a
 * VirtualClock and an execution signal with a real-time deadline, every execution settles,
 * `run()` never rejects, nothing pollutes Object.prototype, and a failure's error name is an
 * AWS one (`States.*`) or one the definition, input or a handler chose, never a JavaScript
 * internal such as TypeError or RangeError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StatesError } from '../../src/errors.js';
import { VirtualClock } from '../../src/runtime/clock.js';
import { StateMachine } from '../../src/runtime/state-machine.js';
import type { TaskResolver } from '../../src/tasks/types.js';
import { validate } from '../../src/validate/index.js';
import { definitionArb, FAIL_ERRORS, HANDLER_ERRORS, INPUT_STRINGS, inputArb } from './arbitraries.js';
import { executionRuns, Findings, FUZZING, params, safeJson, TIMEOUT } from './budget.js';

/** Real time an execution may take before its signal aborts it. */
const DEADLINE_MS = 300;
/** Real time after the deadline before an unsettled execution counts as hung. */
const GRACE_MS = 3000;

/** Answers every resource the generators use; unknown ones echo their input. */
const resolver: TaskResolver = {
  resolve({ resource }) {
    switch (resource) {
      case 'arn:aws:states:::fail':
        return { invoke: () => { const e = new Error('boom'); e.name = 'HandlerError'; throw e; } };
      case 'arn:aws:states:::states-error':
        return { invoke: () => { throw new StatesError('Custom.Error', 'custom cause'); } };
      case 'arn:aws:states:::undefined':
        return { invoke: () => undefined };
      case 'arn:aws:states:::slow':
        // real asynchrony (a handler holds a VirtualClock, so it must not sleep on it)
        return { invoke: (input) => new Promise((resolve) => setImmediate(() => resolve(input))) };
      case 'arn:aws:states:::abortable':
        // settles on abort the usual way, without checking `signal.aborted` first
        return { invoke: (input, ctx) => new Promise((resolve, reject) => {
          ctx.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
          setImmediate(() => resolve(input));
        }) };
      default:
        return { invoke: (input) => input };
    }
  },
};

/** Error names a failed execution may report besides `States.*` and strings of the definition or input. */
const CHOSEN_NAMES = new Set<string>([...FAIL_ERRORS, ...HANDLER_ERRORS, ...INPUT_STRINGS]);

/** Own property names of the built-in prototypes, to detect pollution. */
function prototypeKeys(): string {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype]
    .map((p) => Reflect.ownKeys(p).map(String).sort().join(',')).join('|');
}

function realDelay(ms: number): Promise<'hung'> {
  return new Promise((resolve) => { setTimeout(() => resolve('hung'), ms).unref(); });
}

async function checkExecution(definition: Record<string, unknown>, input: unknown, findings: Findings): Promise<void> {
  if (!validate(definition).valid) {
    findings.count('skipped (invalid)'); // the validator properties cover invalid definitions
    return;
  }
  findings.cases++;
  const repro = () => `definition ${safeJson(definition)} input ${safeJson(input)}`;
  const protoBefore = prototypeKeys();
  const machine = new StateMachine(definition, { resolvers: [resolver] });
  const signal = AbortSignal.timeout(DEADLINE_MS);
  let outcome: Awaited<ReturnType<StateMachine['run']>> | 'hung' | { rejected: unknown };
  try {
    outcome = await Promise.race([
      machine.run(input, { clock: new VirtualClock(Date.UTC(2024, 0, 1)), signal }).catch((e: unknown) => ({ rejected: e })),
      realDelay(DEADLINE_MS + GRACE_MS),
    ]);
  } catch (error) {
    outcome = { rejected: error };
  }
  if (prototypeKeys() !== protoBefore || ({} as Record<string, unknown>).polluted !== undefined) findings.add('built-in prototype polluted', repro());
  if (outcome === 'hung') {
    findings.add(`did not settle ${GRACE_MS} ms after its signal aborted`, repro());
    return;
  }
  if ('rejected' in outcome) {
    const e = outcome.rejected;
    findings.add('run() rejected', `${e instanceof Error ? `${e.name}: ${e.message}` : String(e)} for ${repro()}`);
    return;
  }
  findings.count(outcome.status);
  if (!['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'].includes(outcome.status)) findings.add(`unexpected status ${outcome.status}`, repro());
  if (outcome.status === 'FAILED') {
    const name = outcome.error ?? '';
    // a Fail state may take its name from the definition or the input (ErrorPath), e.g. "1"
    const chosen = CHOSEN_NAMES.has(name) || safeJson(input).includes(JSON.stringify(name)) || safeJson(definition).includes(JSON.stringify(name));
    if (!name.startsWith('States.') && !chosen) findings.add(`failed with error name ${JSON.stringify(name)}`, `${outcome.cause ?? ''} for ${repro()}`);
  }
}

describe('generated executions', () => {
  it('settle, never reject, never pollute prototypes, and fail only with AWS-style error names', async () => {
    const findings = new Findings();
    await fc.assert(
      fc.asyncProperty(definitionArb({ wild: false }), inputArb, (definition, input) => checkExecution(definition, input, findings)),
      params(executionRuns(60)),
    );
    if (FUZZING) console.log(findings.summary('executions'));
    expect(findings.list()).toEqual([]);
  }, TIMEOUT);
});
