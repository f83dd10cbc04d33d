import { parseDefinition } from '../definition/parse.js';
import { AslUsageError, StatesError } from '../errors.js';
import { VirtualClock } from '../runtime/clock.js';
import type { ContextOverrides } from '../runtime/context.js';
import type { InspectStep } from '../runtime/dataflow/inspect.js';
import { Execution } from '../runtime/execution.js';
import type { Frame } from '../runtime/frame.js';
import { detailsOf, type HistoryEvent } from '../runtime/history.js';
import { findCatcher, findRetrier, retryDelayMs } from '../runtime/retry.js';
import { StateMachine, type RunOptions } from '../runtime/state-machine.js';
import type { Catcher, Retrier } from '../definition/types.js';
import type { TaskResolver } from '../tasks/types.js';
import type { InspectionData } from './inspection.js';
import { mockResolver, type MockOutcome, type Mocks } from './mocks.js';
import { isolate } from './one-state.js';
import { watchExecution, watchdogMs } from './watchdog.js';

/** TestState's outcome (AWS TestState API, "status"). */
export type TestStateStatus = 'SUCCEEDED' | 'FAILED' | 'RETRIABLE' | 'CAUGHT_ERROR';

/**
 * A mocked outcome of the tested Task, as in AWS's TestState `mock`. `result` is the service's
 * response: JSON text as AWS takes it, or the value itself (a string is always read as JSON
 * text, so the string value `"ok"` is written `'"ok"'`).
 */
export type TestStateMock = { readonly result: unknown } | { readonly errorOutput: { readonly error: string; readonly cause?: string } };

/** Options of {@link testState}, after AWS's TestState request. */
export interface TestStateOptions {
  /** The state to test when `definition` is a whole machine (default: its StartAt). */
  stateName?: string;
  /** The state's input (a value; AWS takes it as JSON text). */
  input?: unknown;
  /** The tested Task's outcome, instead of calling a handler. Task states only. */
  mock?: TestStateMock;
  /** Mocks by state name for Tasks inside a tested Map or Parallel (an asl-runtime extension). */
  mocks?: Mocks;
  /** Variables in scope when the state starts. */
  variables?: Record<string, unknown>;
  /** Identity fields of the context object. */
  context?: ContextOverrides;
  /** INFO (default): status, output, error, next state. DEBUG/TRACE: plus `inspectionData`. */
  inspectionLevel?: 'INFO' | 'DEBUG' | 'TRACE';
  /** `retrierRetryCount`: how many retries already happened, to test the retrier's limit and backoff. */
  stateConfiguration?: { retrierRetryCount?: number };
  /** Handlers, lambdas and resolvers for unmocked Tasks, and the random source for jitter. */
  handlers?: RunOptions['handlers'];
  lambdas?: RunOptions['lambdas'];
  resolvers?: RunOptions['resolvers'];
  random?: RunOptions['random'];
  /**
   * Real-time limit, in milliseconds, on a run that makes no progress, such as a handler or
   * function mock that never settles: the run is stopped and `testState` rejects with a
   * `TestWatchdogError` naming the state. Default 5000; `Infinity` turns it off.
   */
  watchdogMs?: number;
}

/** TestState's answer. `output` is a value (AWS returns JSON text). */
export interface TestStateResult {
  status: TestStateStatus;
  /** The state it transitions to (SUCCEEDED, CAUGHT_ERROR); absent for End, Succeed, Fail. */
  nextState?: string;
  output?: unknown;
  error?: string;
  cause?: string;
  /** Only at DEBUG and TRACE. */
  inspectionData?: InspectionData;
}

/**
 * Runs one state in isolation, like AWS's TestState API: a one-state machine around it runs on
 * the engine (same data flow, Retry and Catch code as a real run) on a VirtualClock.
 *
 * - SUCCEEDED: the state completed; `nextState` is where it would go.
 * - FAILED: it failed and no retrier or catcher applies (or its retries are used up).
 * - RETRIABLE: a retrier would retry it; `inspectionData.errorDetails` has the retrier's index
 *   and backoff. `stateConfiguration.retrierRetryCount` = n tests "on retry n".
 * - CAUGHT_ERROR: a catcher caught it; `nextState` is the catcher's Next, `output` its output.
 *
 * @throws AslValidationError when `definition` is JSON text that does not parse.
 * @throws AslUsageError when the options are misused (a `mock` for a state that is not a Task, a bad `retrierRetryCount`).
 * @throws TestWatchdogError when a handler or mock has not settled within `watchdogMs` of real time.
 *
 * Deviations: `mock` serves Task states only (test Map/Parallel with `mocks` for their inner
 * Tasks); RETRIABLE is reported for Task states (a Map or Parallel retrier really re-runs).
 *
 * @example
 * const r = await testState({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['States.ALL'] }], End: true },
 *   { input: {}, mock: { errorOutput: { error: 'Boom' } }, inspectionLevel: 'DEBUG' });
 * // r.status === 'RETRIABLE', r.inspectionData.errorDetails → { retryIndex: 0, retryBackoffIntervalSeconds: 1 }
 */
export async function testState(definition: object | string, options: TestStateOptions = {}): Promise<TestStateResult> {
  // JSON text that does not parse is a definition error, reported as StateMachine reports it.
  const parsed: unknown = typeof definition === 'string' ? parseDefinition(definition) : definition;
  const variables = options.variables ?? {};
  const { name, state, machine } = isolate(parsed, options.stateName, options.variables);
  const type = state.Type as string;
  const retryCount = options.stateConfiguration?.retrierRetryCount ?? 0;
  if (!Number.isInteger(retryCount) || retryCount < 0) throw new AslUsageError('testState: retrierRetryCount must be a non-negative integer');
  const limit = watchdogMs(options.watchdogMs, 'testState');
  const resolvers: TaskResolver[] = [];
  if (options.mock) {
    if (type !== 'Task') throw new AslUsageError(`testState: 'mock' replaces a Task's work; the ${type} state '${name}' cannot take one (use 'mocks' for the Tasks inside it)`);
    resolvers.push(mockResolver({ [name]: mockOutcome(options.mock) }));
  }
  if (options.mocks) resolvers.push(mockResolver(options.mocks));

  const clock = new VirtualClock('2024-01-01T00:00:00Z');
  const sm = new StateMachine(machine);
  const input = options.input === undefined ? {} : options.input;
  const run = new Watch(name, retryCount, type === 'Task');
  const opts: RunOptions = {
    clock,
    context: options.context,
    handlers: options.handlers,
    lambdas: options.lambdas,
    resolvers: [...resolvers, ...(options.resolvers ?? [])],
    random: options.random,
  };
  // The execution's own inspect hook reports the tested state's data flow as the engine computes
  // it. `settings` is StateMachine's internal builder of ExecutionSettings (see its @internal note).
  const settings = sm.settings(opts);
  const execution = new Execution({ ...settings, inspect: (frame, step, value) => run.inspect(frame, step, value) }, options.variables && Object.keys(options.variables).length ? { variables, input } : input);
  run.stop = () => execution.stop();
  execution.on('event', (e) => run.see(e));
  const final = await watchExecution(execution, limit, { caller: 'testState', virtualClock: true });
  const { result, errorDetails } = run.outcome(final, state as { Retry?: Retrier[]; Catch?: Catcher[] });
  if ((options.inspectionLevel ?? 'INFO') !== 'INFO') {
    const data: InspectionData = { input };
    for (const key of INSPECTED) if (run.steps.has(key)) Object.assign(data, { [key]: run.steps.get(key) });
    const all = { ...variables, ...run.assigned };
    if (Object.keys(all).length) data.variables = all;
    if (errorDetails) data.errorDetails = errorDetails;
    result.inspectionData = data;
  }
  return result;
}

/** The hook's steps that AWS's InspectionData reports, in its order. */
const INSPECTED = [
  'afterInputPath',
  'afterParameters',
  'afterArguments',
  'result',
  'afterResultSelector',
  'afterResultPath',
  'afterItemsPath',
  'afterItemSelector',
  'maxConcurrency',
  'toleratedFailureCount',
  'toleratedFailurePercentage',
] as const satisfies readonly (InspectStep & keyof InspectionData)[];

/** The one-attempt mock: every attempt gets the same outcome, so Retry runs as configured. */
function mockOutcome(mock: TestStateMock): MockOutcome {
  if ('errorOutput' in mock) return { throw: { error: mock.errorOutput.error, cause: mock.errorOutput.cause } };
  if (!('result' in mock)) throw new AslUsageError("testState: mock needs 'result' or 'errorOutput'");
  if (typeof mock.result !== 'string') return { return: mock.result };
  try {
    return { return: JSON.parse(mock.result) as unknown };
  } catch (e) {
    throw new AslUsageError(`testState: a string mock.result must be JSON text (${(e as Error).message}); for the string value "x" write '"x"'`);
  }
}

/**
 * Follows the one-state run. The tested state's values come from the execution's inspect hook,
 * on its own thread and first pass only; the run is stopped once the state has exited (so a
 * self-loop runs once) or once a retry starts beyond `retrierRetryCount` (the engine really
 * retried, so the error was retriable). Only attempts and their errors are read from history.
 */
class Watch {
  /** The tested state's inspected values. */
  readonly steps = new Map<InspectStep, unknown>();
  /** The variables it assigned. */
  readonly assigned: Record<string, unknown> = {};
  exited = false;
  retriable = false;
  lastError: { error: string; cause?: string } | undefined;
  /** Stops the execution; set once it exists. */
  stop: () => void = () => {};
  private scheduled = 0;

  constructor(
    private readonly name: string,
    private readonly retryCount: number,
    /** Only a Task's own attempts are counted; a Map's or Parallel's inner Tasks schedule too. */
    private readonly countAttempts: boolean,
  ) {}

  /** The execution's inspect hook. */
  inspect(frame: Frame, step: InspectStep, value: unknown): void {
    if (this.exited || frame.threadId !== '' || frame.visit.name !== this.name) return;
    if (step === 'assigned') Object.assign(this.assigned, value);
    else this.steps.set(step, value);
    if (step === 'nextState') {
      this.exited = true;
      this.stop();
    }
  }

  /** Counts the tested Task's attempts and keeps the last error it recorded. */
  see(e: HistoryEvent): void {
    if (this.exited) return;
    if (this.countAttempts && (e.type === 'TaskScheduled' || e.type === 'LambdaFunctionScheduled' || e.type === 'ActivityScheduled')) {
      // Attempt number `retryCount + 2` means the engine retried after the simulated n-th retry.
      if (++this.scheduled > this.retryCount + 1) {
        this.retriable = true;
        this.stop();
      }
      return;
    }
    if (e.type.endsWith('Failed') || e.type.endsWith('TimedOut')) {
      const d = detailsOf(e) as { error?: unknown; cause?: unknown } | undefined;
      if (typeof d?.error === 'string') this.lastError = { error: d.error, cause: typeof d.cause === 'string' ? d.cause : undefined };
    }
  }

  outcome(
    final: { status: string; error?: string; cause?: string },
    state: { Retry?: Retrier[]; Catch?: Catcher[] },
  ): { result: TestStateResult; errorDetails?: InspectionData['errorDetails'] } {
    if (this.retriable && this.lastError) {
      const i = findRetrier(state.Retry, this.lastError.error);
      const r = state.Retry![i]!;
      // The delay before retry n+1, without jitter draws beyond the engine's own formula.
      const seconds = retryDelayMs(r, this.retryCount + 1, () => 1) / 1000;
      return { result: { status: 'RETRIABLE', ...errorFields(this.lastError) }, errorDetails: { retryIndex: i, retryBackoffIntervalSeconds: seconds } };
    }
    if (this.exited) {
      const next = this.steps.get('nextState') as string | undefined;
      const output = this.steps.get('output');
      const caught = this.steps.get('errorOutput') as { Error: string; Cause: string } | undefined;
      const result: TestStateResult = caught
        ? { status: 'CAUGHT_ERROR', output, ...errorFields({ error: caught.Error, cause: caught.Cause }) }
        : { status: 'SUCCEEDED', output };
      if (next !== undefined) result.nextState = next;
      if (!caught) return { result };
      const catcher = findCatcher(state.Catch, caught.Error);
      return { result, errorDetails: { catchIndex: catcher ? state.Catch!.indexOf(catcher) : -1 } };
    }
    if (final.status === 'FAILED') return { result: { status: 'FAILED', ...errorFields({ error: final.error ?? 'States.Runtime', cause: final.cause }) } };
    // Stopped before the state ended: cannot happen unless the engine changes.
    throw new StatesError(final.error ?? 'States.Runtime', final.cause ?? `testState: the run ended as ${final.status}`);
  }
}

function errorFields(e: { error: string; cause?: string }): { error: string; cause?: string } {
  return e.cause ? { error: e.error, cause: e.cause } : { error: e.error };
}
