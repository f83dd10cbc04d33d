import { StatesError } from '../../errors.js';
import type { Frame } from '../frame.js';
import { payloadDetails, type HistoryEventType } from '../history.js';
import { jsonSize } from '../json-size.js';
import { MAX_PAYLOAD_BYTES, toJson, toJsonData } from '../payload.js';
import type { ResourceInfo } from './resource.js';

/** The event names of one resource family (Task*, LambdaFunction* or Activity*). */
export type TaskEvents = ReturnType<typeof taskEvents>;

/** A task attempt that ran out of TimeoutSeconds or HeartbeatSeconds: written as …TimedOut, not …Failed. */
export class TimedOut extends StatesError {}

/** The event names of a resource's family: Task*, LambdaFunction* or Activity*. */
export function taskEvents(info: ResourceInfo): Record<'scheduled' | 'startFailed' | 'started' | 'succeeded' | 'failed' | 'timedOut', HistoryEventType> {
  const f = info.family === 'Lambda' ? 'LambdaFunction' : info.family;
  return {
    scheduled: `${f}Scheduled` as HistoryEventType,
    startFailed: `${f}StartFailed` as HistoryEventType,
    started: `${f}Started` as HistoryEventType,
    succeeded: `${f}Succeeded` as HistoryEventType,
    failed: `${f}Failed` as HistoryEventType,
    timedOut: `${f}TimedOut` as HistoryEventType,
  };
}

/**
 * What the events of one Task state's attempts share, made once when the state compiles: the
 * event names, and the resource fields Task* events carry (`{ resourceType, resource }`; none for
 * Lambda and Activity events). Details are built from it and the attempt's payload only when the
 * history is read (Frame.emitWith), so an attempt keeps two references per event.
 */
export class TaskEventShape {
  readonly names: TaskEvents;
  /** Task*: the `{ resourceType, resource }` every event starts with. */
  readonly taskFamily: boolean;
  private last: ScheduledShape | undefined;

  constructor(
    readonly info: ResourceInfo,
    /** The state's Resource text (what Lambda and Activity events name). */
    readonly resourceText: string,
  ) {
    this.names = taskEvents(info);
    this.taskFamily = info.family === 'Task';
  }

  /** A fresh copy of the fields every event of the family starts with (`{}` for Lambda and Activity). */
  common(): Record<string, unknown> {
    return this.taskFamily ? { resourceType: this.info.resourceType, resource: this.info.resource } : {};
  }

  /** The fixed part of a Scheduled event; the same object while the region and timeouts stay the same. */
  scheduled(region: string, timeoutS: number | undefined, heartbeatS: number | undefined): ScheduledShape {
    const l = this.last;
    if (l !== undefined && l.region === region && l.timeoutS === timeoutS && l.heartbeatS === heartbeatS) return l;
    return (this.last = { shape: this, region, timeoutS, heartbeatS });
  }
}

/** A Scheduled event's fields other than the payload (`timeoutS` undefined: the default, not written). */
export interface ScheduledShape {
  readonly shape: TaskEventShape;
  readonly region: string;
  readonly timeoutS: number | undefined;
  readonly heartbeatS: number | undefined;
}

/**
 * `…Scheduled` details: Task* `{ resourceType, resource, region, parameters }`, Lambda and
 * Activity `{ resource, input, inputDetails }`, then the timeouts that were set.
 */
export function scheduledDetails(s: ScheduledShape, params: unknown): Record<string, unknown> {
  const shape = s.shape;
  const json = toJson(params);
  const d: Record<string, unknown> = shape.taskFamily
    ? { resourceType: shape.info.resourceType, resource: shape.info.resource, region: s.region, parameters: json }
    : { resource: shape.resourceText, input: json, inputDetails: { truncated: jsonSize(params) > MAX_PAYLOAD_BYTES } };
  if (s.timeoutS !== undefined) d.timeoutInSeconds = s.timeoutS;
  if (s.heartbeatS !== undefined) d.heartbeatInSeconds = s.heartbeatS;
  return d;
}

/** Task* `…Started` details: the resource fields. */
export function startedDetails(shape: TaskEventShape, _unused: undefined): Record<string, unknown> {
  return shape.common();
}

/** `…Succeeded` details with the result (execution data included). */
export function succeededDetails(shape: TaskEventShape, result: unknown): Record<string, unknown> {
  const output = toJson(result);
  return shape.taskFamily
    ? { resourceType: shape.info.resourceType, resource: shape.info.resource, output, outputDetails: { truncated: false } }
    : { output, outputDetails: { truncated: false } };
}

/** `…Succeeded` details without execution data. */
export function succeededBareDetails(shape: TaskEventShape, _result: unknown): Record<string, unknown> {
  return shape.common();
}

/** TaskSubmitted (a `.sync` job or a callback's message was handed over): `json` is the service's response. */
export function emitSubmitted(frame: Frame, shape: TaskEventShape, json: string): void {
  const d = shape.common();
  if (frame.env.includeData) {
    d.output = json;
    d.outputDetails = payloadDetails(json);
  }
  frame.emit('TaskSubmitted', d);
}

/** What a handler reported with `ctx.submitted()`, as JSON text (`null` when it is not JSON). */
export function submittedJson(output: unknown): string {
  const data = toJsonData(output);
  return data.ok ? data.json : 'null';
}

/** `…Started`: Task* events carry the resource fields, Lambda ones nothing. */
export function emitStarted(frame: Frame, shape: TaskEventShape): void {
  if (shape.taskFamily) frame.emitWith(shape.names.started, startedDetails, shape, undefined);
  else frame.emit(shape.names.started);
}

/** What a Task state's attempts share, made when it compiles. */
export interface TaskProgram {
  readonly name: string;
  /** The Resource text. */
  readonly resource: string;
  readonly info: ResourceInfo;
  readonly events: TaskEventShape;
}
