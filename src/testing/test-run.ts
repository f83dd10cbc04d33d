import { StateMachine, type RunOptions } from '../runtime/state-machine.js';
import { VirtualClock, type Clock } from '../runtime/clock.js';
import type { Execution, ExecutionResult } from '../runtime/execution.js';
import type { HistoryEvent } from '../runtime/history.js';
import type { TaskResolver } from '../tasks/types.js';
import { visitedStates } from './history.js';
import { loadMockConfig, MockConfigError, type MockConfig, type MockConfigFile } from './mock-config.js';
import { mockResolver, type Mocks } from './mocks.js';
import { writeRunReport } from './report.js';
import { watchExecution, watchdogMs, type TestWatchdogError } from './watchdog.js';

/** Options of {@link testRun}: every `RunOptions` field, plus mocks. */
export interface TestRunOptions extends RunOptions {
  /** Mocks by Task state name; they win over `mockConfig`, resolvers, handlers and lambdas. */
  mocks?: Mocks;
  /** An AWS Step Functions Local mock-config file: JSON text, the parsed file, or a `loadMockConfig` result. */
  mockConfig?: MockConfig | MockConfigFile | Readonly<Record<string, unknown>> | string;
  /** The test case of `mockConfig` to run. Required with `mockConfig`. */
  testCase?: string;
  /**
   * The key under `StateMachines` in `mockConfig`. Default: `context.stateMachineName`, else the
   * file's only state machine.
   */
  stateMachine?: string;
  /**
   * Real-time limit, in milliseconds, on a run that makes no progress (writes no history event),
   * such as a mock that never settles: the execution is stopped and `testRun` rejects with a
   * `TestWatchdogError` naming the Task state. With a real `clock`, only a pending Task counts
   * (a long Wait is not a hang). Default 5000; `Infinity` turns it off.
   */
  watchdogMs?: number;
  /**
   * A file to write the execution viewer to (one self-contained HTML page: the graph coloured by
   * outcome, the event timeline, each state's input and output) when the run does not succeed,
   * including when the watchdog gives up. Nothing is written for a SUCCEEDED run.
   */
  reportOnFailure?: string;
}

/** What {@link testRun} resolves to: the execution's result plus what tests assert on. */
export interface TestRunResult extends ExecutionResult {
  readonly execution: Execution;
  readonly history: readonly HistoryEvent[];
  /** State names in the order they were entered (see `visitedStates`). */
  readonly visitedStates: string[];
  /** The clock the run used (a `VirtualClock` unless one was passed). */
  readonly clock: Clock;
}

/**
 * Runs a machine once for a test: on a VirtualClock starting at 2024-01-01T00:00:00Z (so waits
 * and retry backoff take no real time and timestamps are reproducible), with inline mocks and/or
 * a mock-config test case. The mock config is validated against the definition before the run.
 *
 * A watchdog on real time guards against a handler or mock that never settles (see
 * `watchdogMs`): virtual time stands still while a handler runs, so no timeout in the definition
 * could end such a run.
 *
 * @throws MockConfigError when the mock config is invalid or does not fit the machine.
 * @throws TestWatchdogError when the run made no progress for `watchdogMs` of real time.
 * @throws when `reportOnFailure` is set, the run failed, and the report cannot be written.
 * @example
 * const r = await testRun(definition, { orderId: 1 }, { mocks: { Charge: { ok: true } } });
 * expect(r.status).toBe('SUCCEEDED');
 * expect(r.visitedStates).toEqual(['Charge', 'Done']);
 */
export async function testRun(machine: StateMachine | object | string, input?: unknown, options: TestRunOptions = {}): Promise<TestRunResult> {
  const { mocks, mockConfig, testCase, stateMachine, watchdogMs: watchdog, reportOnFailure, ...run } = options;
  const limit = watchdogMs(watchdog, 'testRun');
  const m = isStateMachine(machine) ? machine : new StateMachine(machine);
  const resolvers: TaskResolver[] = [];
  if (mocks) resolvers.push(mockResolver(mocks));
  if (mockConfig !== undefined) resolvers.push(configResolver(m, mockConfig, testCase, stateMachine ?? run.context?.stateMachineName));
  else if (testCase !== undefined) throw new MockConfigError(`testCase '${testCase}' was given without a mockConfig`, '');
  const clock = run.clock ?? new VirtualClock('2024-01-01T00:00:00Z');
  const execution = m.start(input, { ...run, clock, resolvers: [...resolvers, ...(run.resolvers ?? [])] });
  const report = (title: string) => writeRunReport(reportOnFailure!, m.definition, execution.history, title);
  const onExpire = reportOnFailure
    ? async (e: TestWatchdogError) => {
        await report(`testRun: stopped by the watchdog (${execution.name})`);
        e.message += ` The run so far is drawn in ${reportOnFailure}.`;
      }
    : undefined;
  const result = await watchExecution(execution, limit, { caller: 'testRun', virtualClock: isVirtual(clock), onExpire });
  if (reportOnFailure && result.status !== 'SUCCEEDED') await report(`testRun: ${result.status}${result.error ? ` (${result.error})` : ''} (${execution.name})`);
  return { ...result, execution, history: execution.history, visitedStates: visitedStates(execution), clock };
}

function configResolver(m: StateMachine, source: NonNullable<TestRunOptions['mockConfig']>, testCase: string | undefined, name: string | undefined): TaskResolver {
  const config = isLoaded(source) ? source : loadMockConfig(source);
  if (testCase === undefined) throw new MockConfigError(`Choose a test case with the testCase option; cases: ${config.stateMachines.map((s) => config.testCases(s).join(', ')).join('; ')}`, '');
  let machineName = name;
  if (machineName === undefined) {
    if (config.stateMachines.length !== 1) {
      throw new MockConfigError(`The mock config defines ${config.stateMachines.length} state machines; choose one with the stateMachine option`, '/StateMachines');
    }
    machineName = config.stateMachines[0]!;
  }
  return config.resolver(machineName, testCase, m.model);
}

// Duck-typed, not instanceof: the CommonJS build bundles the engine into each entry, so a
// StateMachine from 'asl-runtime' is not an instance of the class 'asl-runtime/testing' sees.
function isStateMachine(v: unknown): v is StateMachine {
  return !!v && typeof v === 'object' && typeof (v as StateMachine).start === 'function' && typeof (v as StateMachine).run === 'function';
}

function isVirtual(clock: Clock): boolean {
  return typeof (clock as VirtualClock).advance === 'function';
}

function isLoaded(v: unknown): v is MockConfig {
  return !!v && typeof v === 'object' && typeof (v as MockConfig).resolver === 'function';
}
