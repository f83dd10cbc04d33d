/**
 * `asl-runtime/remote`: run the same tests against a Step Functions endpoint.
 *
 * - {@link RemoteStateMachine}: `start`, `run`, `result`, `history`, `stop` over an `SFNClient`
 *   (`@aws-sdk/client-sfn`, an optional peer dependency loaded only here).
 * - {@link startServer}: the `asl-runtime serve` endpoint, started in-process (for a test
 *   setup file).
 *
 * Test in-process in milliseconds with `StateMachine`; before a release, run the same suite
 * against AWS with `RemoteStateMachine` (see docs/server.md).
 * @packageDocumentation
 */
export { RemoteStateMachine, RemoteExecution, type RemoteOptions, type CreateRemoteOptions, type MachineUnderTest, type ExecutionUnderTest } from './remote-state-machine.js';
export type { SfnClientLike } from './sdk.js';
export { startServer, type ServerOptions, type RunningServer, type Handlers } from '../server/index.js';
