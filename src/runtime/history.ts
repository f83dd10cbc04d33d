/**
 * AWS-shaped history events (GetExecutionHistory): sequential ids, previousEventId, timestamp,
 * type and one `…EventDetails` member, typed per event type.
 */
import { MAX_PAYLOAD_BYTES, utf8Size } from './payload.js';

/** Every history event type this interpreter emits (the list a snapshot's events are checked against). */
export const HISTORY_EVENT_TYPES = [
  'ExecutionStarted', 'ExecutionSucceeded', 'ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut',
  'PassStateEntered', 'PassStateExited',
  'TaskStateEntered', 'TaskStateExited', 'TaskStateAborted',
  'TaskScheduled', 'TaskStarted', 'TaskStartFailed', 'TaskSubmitted', 'TaskSubmitFailed',
  'TaskSucceeded', 'TaskFailed', 'TaskTimedOut',
  'LambdaFunctionScheduled', 'LambdaFunctionScheduleFailed', 'LambdaFunctionStarted', 'LambdaFunctionStartFailed',
  'LambdaFunctionSucceeded', 'LambdaFunctionFailed', 'LambdaFunctionTimedOut',
  'ActivityScheduled', 'ActivityScheduleFailed', 'ActivityStarted', 'ActivitySucceeded', 'ActivityFailed', 'ActivityTimedOut',
  'ChoiceStateEntered', 'ChoiceStateExited',
  'WaitStateEntered', 'WaitStateExited', 'WaitStateAborted',
  'SucceedStateEntered', 'SucceedStateExited',
  'FailStateEntered',
  'ParallelStateEntered', 'ParallelStateStarted', 'ParallelStateSucceeded', 'ParallelStateFailed',
  'ParallelStateAborted', 'ParallelStateExited',
  'MapStateEntered', 'MapStateStarted', 'MapIterationStarted', 'MapIterationSucceeded', 'MapIterationFailed',
  'MapIterationAborted', 'MapStateSucceeded', 'MapStateFailed', 'MapStateAborted', 'MapStateExited',
  'MapRunStarted', 'MapRunSucceeded', 'MapRunFailed', 'MapRunAborted',
  'EvaluationFailed',
] as const;

/** Every history event type this interpreter emits. */
export type HistoryEventType = (typeof HISTORY_EVENT_TYPES)[number];

/** `{ truncated }`: whether a payload string was cut at AWS's 256 KiB. */
export interface PayloadDetails {
  readonly truncated: boolean;
}

/** An error and its cause, as failure events carry them. */
export interface ErrorDetails {
  readonly error?: string;
  readonly cause?: string;
}

interface InputDetails {
  readonly input?: string;
  readonly inputDetails?: PayloadDetails;
}

interface OutputDetails {
  readonly output?: string;
  readonly outputDetails?: PayloadDetails;
}

/** A service integration's identity in Task* events. */
interface TaskResourceDetails {
  readonly resourceType: string;
  readonly resource: string;
}

/** The details member each event type carries (AWS's HistoryEvent shapes); types not listed carry none. */
export interface HistoryEventDetails {
  ExecutionStarted: InputDetails & { readonly roleArn?: string };
  ExecutionSucceeded: OutputDetails;
  ExecutionFailed: ErrorDetails;
  ExecutionAborted: ErrorDetails;
  ExecutionTimedOut: ErrorDetails;
  StateEntered: InputDetails & { readonly name: string };
  StateExited: OutputDetails & {
    readonly name: string;
    readonly assignedVariables?: Readonly<Record<string, string>>;
    readonly assignedVariablesDetails?: PayloadDetails;
  };
  TaskScheduled: TaskResourceDetails & {
    readonly region: string;
    readonly parameters: string;
    readonly timeoutInSeconds?: number;
    readonly heartbeatInSeconds?: number;
  };
  TaskStarted: TaskResourceDetails;
  TaskSubmitted: TaskResourceDetails & OutputDetails;
  TaskSucceeded: TaskResourceDetails & OutputDetails;
  TaskFailed: TaskResourceDetails & ErrorDetails;
  TaskTimedOut: TaskResourceDetails & ErrorDetails;
  TaskStartFailed: TaskResourceDetails & ErrorDetails;
  TaskSubmitFailed: TaskResourceDetails & ErrorDetails;
  LambdaFunctionScheduled: InputDetails & { readonly resource: string; readonly timeoutInSeconds?: number; readonly heartbeatInSeconds?: number };
  LambdaFunctionSucceeded: OutputDetails;
  LambdaFunctionFailed: ErrorDetails;
  LambdaFunctionTimedOut: ErrorDetails;
  LambdaFunctionStartFailed: ErrorDetails;
  LambdaFunctionScheduleFailed: ErrorDetails;
  ActivityScheduled: InputDetails & { readonly resource: string; readonly timeoutInSeconds?: number; readonly heartbeatInSeconds?: number };
  ActivityStarted: { readonly workerName?: string };
  ActivitySucceeded: OutputDetails;
  ActivityFailed: ErrorDetails;
  ActivityTimedOut: ErrorDetails;
  ActivityScheduleFailed: ErrorDetails;
  ParallelStateFailed: ErrorDetails;
  MapStateStarted: { readonly length: number };
  MapStateFailed: ErrorDetails;
  MapIterationStarted: { readonly name: string; readonly index: number };
  MapIterationSucceeded: { readonly name: string; readonly index: number };
  MapIterationFailed: { readonly name: string; readonly index: number };
  MapIterationAborted: { readonly name: string; readonly index: number };
  MapRunStarted: { readonly mapRunArn: string };
  MapRunFailed: ErrorDetails;
  EvaluationFailed: ErrorDetails & { readonly state: string; readonly location?: string };
}

/** The details member's name: `stateEnteredEventDetails` for every …StateEntered, else `<camelCaseType>EventDetails`. */
export type DetailsKey<T extends HistoryEventType> = T extends `${string}StateEntered`
  ? 'stateEnteredEventDetails'
  : T extends `${string}StateExited`
    ? 'stateExitedEventDetails'
    : `${Uncapitalize<T>}EventDetails`;

type DetailsOf<T extends HistoryEventType> = T extends `${string}StateEntered`
  ? HistoryEventDetails['StateEntered']
  : T extends `${string}StateExited`
    ? HistoryEventDetails['StateExited']
    : T extends keyof HistoryEventDetails
      ? HistoryEventDetails[T]
      : never;

/** One event of a given type, with its details typed. */
export type HistoryEventOf<T extends HistoryEventType> = {
  readonly id: number;
  readonly previousEventId: number;
  /** ISO-8601 time from the execution's clock. */
  readonly timestamp: string;
  readonly type: T;
} & ([DetailsOf<T>] extends [never] ? unknown : { readonly [K in DetailsKey<T>]?: DetailsOf<T> });

/**
 * One history event, as AWS's GetExecutionHistory returns it: a union keyed by `type`, so
 * narrowing on `type` types its details member (`e.type === 'TaskFailed'` gives
 * `e.taskFailedEventDetails?.error`).
 */
export type HistoryEvent = { [T in HistoryEventType]: HistoryEventOf<T> }[HistoryEventType];

/** Narrows an event to one type. */
export function isEvent<T extends HistoryEventType>(event: HistoryEvent, type: T): event is Extract<HistoryEvent, { type: T }> {
  return event.type === type;
}

/** Any `…StateEntered` event. */
export type StateEnteredEvent = Extract<HistoryEvent, { type: `${string}StateEntered` }>;
/** Any `…StateExited` event. */
export type StateExitedEvent = Extract<HistoryEvent, { type: `${string}StateExited` }>;

/** True for a state's Entered event (any state type); narrows its `stateEnteredEventDetails`. */
export function isStateEntered(event: HistoryEvent): event is StateEnteredEvent {
  return event.type.endsWith('StateEntered');
}

/** True for a state's Exited event (any state type); narrows its `stateExitedEventDetails`. */
export function isStateExited(event: HistoryEvent): event is StateExitedEvent {
  return event.type.endsWith('StateExited');
}

/** The details member of an event, whatever its type (undefined for types that carry none). */
export function detailsOf(event: HistoryEvent): Readonly<Record<string, unknown>> | undefined {
  return (event as unknown as Record<string, Readonly<Record<string, unknown>> | undefined>)[detailsKey(event.type)];
}

/** `{ truncated }` companion of a payload field: payload strings in events are capped at 256 KiB, as on AWS. */
export function payloadDetails(json: string): { truncated: boolean } {
  return { truncated: utf8Size(json) > MAX_PAYLOAD_BYTES };
}

const detailsKeys = new Map<string, string>();

/** The name of the details member for an event type (AWS groups state events by kind). */
export function detailsKey(type: HistoryEventType): string {
  let key = detailsKeys.get(type);
  if (key === undefined) {
    if (type.endsWith('StateEntered')) key = 'stateEnteredEventDetails';
    else if (type.endsWith('StateExited')) key = 'stateExitedEventDetails';
    else key = type[0]!.toLowerCase() + type.slice(1) + 'EventDetails';
    detailsKeys.set(type, key);
  }
  return key;
}

export type HistoryListener = (event: HistoryEvent) => void;

/**
 * A payload waiting to become JSON text. State inputs and outputs are never mutated, so the
 * text is the same whenever it is made; most histories are never read in full, and the states
 * then pay nothing for it.
 */
export class LazyJson {
  constructor(readonly value: unknown) {}
}

/** Marks a state event written without its payload (includeExecutionData: false). */
export const NO_PAYLOAD: unique symbol = Symbol('no payload');

/** Events that end an execution: always written, even at the history limit. */
export const TERMINAL: ReadonlySet<HistoryEventType> = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut']);

/** AWS's hard quota of events in one Standard execution's history. */
export const MAX_HISTORY_EVENTS = 25_000;
