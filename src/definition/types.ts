/**
 * The Amazon States Language as TypeScript types: one interface per state `Type`, joined in a
 * discriminated union. The validator guarantees a definition has this shape before the
 * interpreter sees it, so the interpreter can trust these types.
 */

export type QueryLanguage = 'JSONPath' | 'JSONata';

/** Any JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A payload template (JSONPath mode) or a value with `{% %}` expressions (JSONata mode). */
export type Template = Json;

/** A state machine, or a nested one (Parallel branch, Map ItemProcessor). */
export interface MachineDefinition {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, StateDefinition>>;
  readonly Comment?: string;
  readonly Version?: string;
  readonly TimeoutSeconds?: number;
  readonly QueryLanguage?: QueryLanguage;
}

export interface Retrier {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds?: number;
  readonly MaxAttempts?: number;
  readonly BackoffRate?: number;
  readonly MaxDelaySeconds?: number;
  readonly JitterStrategy?: 'FULL' | 'NONE';
  readonly Comment?: string;
}

export interface Catcher {
  readonly ErrorEquals: readonly string[];
  readonly Next: string;
  readonly ResultPath?: string | null;
  readonly Assign?: Template;
  readonly Output?: Template;
  readonly Comment?: string;
}

interface StateBase {
  readonly Comment?: string;
  readonly QueryLanguage?: QueryLanguage;
  readonly InputPath?: string | null;
  readonly OutputPath?: string | null;
  readonly Assign?: Template;
  readonly Output?: Template;
}

interface Transition {
  readonly Next?: string;
  readonly End?: boolean;
}

interface ResultHandling {
  readonly ResultPath?: string | null;
  readonly ResultSelector?: Template;
  readonly Retry?: readonly Retrier[];
  readonly Catch?: readonly Catcher[];
}

export interface PassState extends StateBase, Transition {
  readonly Type: 'Pass';
  readonly Parameters?: Template;
  readonly Result?: Json;
  readonly ResultPath?: string | null;
}

export interface TaskState extends StateBase, Transition, ResultHandling {
  readonly Type: 'Task';
  readonly Resource: string;
  readonly Parameters?: Template;
  readonly Arguments?: Template;
  readonly TimeoutSeconds?: number | string;
  readonly TimeoutSecondsPath?: string;
  readonly HeartbeatSeconds?: number | string;
  readonly HeartbeatSecondsPath?: string;
  readonly Credentials?: Template;
}

export interface ChoiceRule {
  readonly Next?: string;
  readonly Variable?: string;
  readonly Condition?: string | boolean;
  readonly And?: readonly ChoiceRule[];
  readonly Or?: readonly ChoiceRule[];
  readonly Not?: ChoiceRule;
  readonly Assign?: Template;
  readonly Output?: Template;
  readonly Comment?: string;
  readonly [operator: string]: unknown;
}

export interface ChoiceState extends StateBase {
  readonly Type: 'Choice';
  readonly Choices: readonly ChoiceRule[];
  readonly Default?: string;
}

export interface WaitState extends StateBase, Transition {
  readonly Type: 'Wait';
  readonly Seconds?: number | string;
  readonly SecondsPath?: string;
  readonly Timestamp?: string;
  readonly TimestampPath?: string;
}

export interface SucceedState extends StateBase {
  readonly Type: 'Succeed';
}

export interface FailState {
  readonly Type: 'Fail';
  readonly Comment?: string;
  readonly QueryLanguage?: QueryLanguage;
  readonly Error?: string;
  readonly ErrorPath?: string;
  readonly Cause?: string;
  readonly CausePath?: string;
}

export interface ParallelState extends StateBase, Transition, ResultHandling {
  readonly Type: 'Parallel';
  readonly Branches: readonly MachineDefinition[];
  readonly Parameters?: Template;
  readonly Arguments?: Template;
}

export interface ItemProcessor extends MachineDefinition {
  readonly ProcessorConfig?: {
    readonly Mode?: 'INLINE' | 'DISTRIBUTED';
    readonly ExecutionType?: 'STANDARD' | 'EXPRESS';
  };
}

export interface MapState extends StateBase, Transition, ResultHandling {
  readonly Type: 'Map';
  readonly ItemProcessor?: ItemProcessor;
  /** Legacy name of ItemProcessor. */
  readonly Iterator?: ItemProcessor;
  readonly ItemsPath?: string;
  readonly Items?: Json;
  readonly ItemSelector?: Template;
  /** Legacy name of ItemSelector. */
  readonly Parameters?: Template;
  readonly MaxConcurrency?: number | string;
  readonly MaxConcurrencyPath?: string;
  readonly ToleratedFailureCount?: number | string;
  readonly ToleratedFailureCountPath?: string;
  readonly ToleratedFailurePercentage?: number | string;
  readonly ToleratedFailurePercentagePath?: string;
  readonly ItemReader?: Readonly<Record<string, Json>>;
  readonly ItemBatcher?: Readonly<Record<string, Json>>;
  readonly ResultWriter?: Readonly<Record<string, Json>>;
  readonly Label?: string;
}

export type StateDefinition =
  | PassState
  | TaskState
  | ChoiceState
  | WaitState
  | SucceedState
  | FailState
  | ParallelState
  | MapState;

export type StateType = StateDefinition['Type'];
