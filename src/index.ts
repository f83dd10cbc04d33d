/**
 * asl-runtime: validate, run and test Amazon States Language state machines in-process.
 * @packageDocumentation
 */
export { StateMachine, type MachineOptions, type RunOptions } from './runtime/state-machine.js';
export { Execution, type ExecutionResult, type ExecutionStatus } from './runtime/execution.js';
export { RealClock, VirtualClock, type Clock } from './runtime/clock.js';
export { MAX_HISTORY_EVENTS, isEvent, detailsOf, type HistoryEvent, type HistoryEventType, type HistoryEventOf, type HistoryEventDetails, type ErrorDetails, type PayloadDetails } from './runtime/history.js';
export { ReplayDivergence } from './runtime/history-replay.js';
export type { ContextObject, ContextOverrides } from './runtime/context.js';
export { loadStateMachines, TemplateError, type LoadedStateMachine, type LoadOptions, type PseudoParameters, type SourcePosition } from './templates/index.js';
export { validate, formatDiagnostics, type ValidateOptions } from './validate/index.js';
export type { Diagnostic, ValidationResult } from './definition/diagnostic.js';
export { DIAGNOSTIC_CODES, type DiagnosticCode } from './definition/diagnostic-codes.js';
export type { ValidatedDefinition, ValidatedState } from './definition/validated.js';
export type { MachineDefinition, StateDefinition, StateType, QueryLanguage } from './definition/types.js';
export { StatesError, StatesErrors, AslValidationError, AslUsageError } from './errors.js';
export type { TaskHandler, TaskContext, TaskResolver, ResolvedTask, LambdaHandler, LambdaContext } from './tasks/types.js';
export { Runtime, SnapshotAlreadyResumedError, type RuntimeOptions, type StartableMachine, type ChildExecution } from './tasks/hub.js';
export { TaskTokenError } from './tasks/tokens.js';
export type { ActivityTask } from './tasks/activities.js';
export { SNAPSHOT_FORMAT, InvalidSnapshotError, type ExecutionSnapshot } from './runtime/snapshot.js';
export type { ExecutionStore, StoredExecution, WriteOptions } from './store/execution-store.js';
export { StoreConflictError, StoreCorruptError, StoreLockTimeoutError } from './store/errors.js';
export { MemoryExecutionStore } from './store/memory-store.js';
// FileExecutionStore needs node:fs; it is exported by 'asl-runtime/node'.
export { MemoryObjectStore, S3ObjectStore, ObjectStoreError, type ObjectStore, type ObjectStoreErrorCode, type S3ClientLike, type GetObjectRequest, type GetObjectOutput, type ListObjectsV2Request, type ListObjectsV2Output, type ObjectSummary, type PutObjectRequest, type PutObjectOutput } from './objects/index.js';
// DirectoryObjectStore reads folders (node:fs); it is exported by 'asl-runtime/node'.
export type { MapRun, MapRunExecution, MapRunCounts } from './runtime/states/map-run.js';
