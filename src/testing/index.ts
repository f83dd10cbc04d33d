/**
 * `asl-runtime/testing`: unit-test state machines in milliseconds, without Docker or network.
 *
 * - {@link mockResolver} / {@link withMocks}: mock Task states by name, attempt by attempt.
 * - {@link loadMockConfig}: AWS Step Functions Local `MockConfigFile.json`, unchanged.
 * - {@link testRun}: one run on a VirtualClock with mocks and/or a mock-config test case;
 *   `reportOnFailure: 'run.html'` writes the execution viewer when it does not succeed.
 * - {@link testState}: one state in isolation, like AWS's TestState API.
 * - {@link visitedStates}, {@link normaliseHistory}: assertions and snapshots.
 * - {@link TestWatchdogError}: what `testRun` and `testState` reject with when a handler or mock
 *   never settles (option `watchdogMs`, default 5 s of real time), so a test cannot hang.
 *
 * Virtual time: a `VirtualClock` (re-exported here) skips ahead by itself whenever every
 * execution on it waits only for timers (a Wait, a retry backoff, a timeout), so a one-year Wait
 * ends at once while history timestamps show the simulated time. Time never moves while a task
 * handler runs, unless the handler sleeps on `context.clock`. With
 * `new VirtualClock(start, { autoAdvance: false })` time moves only by `await clock.advance(ms)`,
 * which fires every timer due on the way, in order: use it to observe a run mid-wait.
 * @packageDocumentation
 */
export { mockResolver, withMocks, type Mock, type Mocks, type MockOutcome, type MockValue, type MockThrow, type MockReturn, type MockFunction } from './mocks.js';
export { loadMockConfig, MockConfigError, type MockConfig, type MockConfigFile, type MockedResponseEntry } from './mock-config.js';
export { testRun, type TestRunOptions, type TestRunResult } from './test-run.js';
export { testState, type TestStateOptions, type TestStateResult, type TestStateStatus, type TestStateMock } from './test-state.js';
export type { InspectionData } from './inspection.js';
export { visitedStates, normaliseHistory } from './history.js';
export { TestWatchdogError, DEFAULT_WATCHDOG_MS } from './watchdog.js';
export type { PendingTask, TaskPhase } from './pending-tasks.js';
export { VirtualClock } from '../runtime/clock.js';
