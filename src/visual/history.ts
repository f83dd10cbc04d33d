/**
 * Reads an execution history for the viewer: our `execution.history`, or a
 * `get-execution-history` export from AWS (`{ "events": [...] }`, timestamps as ISO text or
 * epoch seconds, as the AWS CLI prints them).
 */
import { AslUsageError } from '../errors.js';

/** One history event, with its time as epoch milliseconds and its details member unwrapped. */
export interface TraceEvent {
  readonly id: number;
  readonly previousEventId: number;
  /** Epoch milliseconds; NaN when the export had no readable timestamp. */
  readonly time: number;
  readonly type: string;
  /** The event's `…EventDetails` member, when it has one. */
  readonly details: Readonly<Record<string, unknown>> | undefined;
}

/**
 * What the visual functions accept as a history: an array of events, `{ events }` (AWS's export)
 * or `{ history }` (`asl-runtime run --format json --history`), also as JSON text.
 */
export type HistoryInput = readonly object[] | { readonly events: readonly object[] } | { readonly history: readonly object[] } | string;

/** Normalises a history; throws {@link AslUsageError} when it is not a list of events. */
export function readHistory(history: HistoryInput): TraceEvent[] {
  let value: unknown = history;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch (error) {
      throw new AslUsageError(`The history is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const list = Array.isArray(value) ? value : !isRecord(value) ? undefined : Array.isArray(value.events) ? value.events : Array.isArray(value.history) ? value.history : undefined;
  if (list === undefined) throw new AslUsageError('The history must be an array of events or an object with an "events" array (aws stepfunctions get-execution-history).');
  const events = list.map((raw: unknown, i: number) => readEvent(raw, i));
  // AWS CLI exports can be in reverse order (--reverse-order); the viewer reads them by id.
  return events.sort((a, b) => a.id - b.id);
}

function readEvent(raw: unknown, index: number): TraceEvent {
  if (!isRecord(raw) || typeof raw.type !== 'string' || typeof raw.id !== 'number') {
    throw new AslUsageError(`History event #${index + 1} is not an event: it needs a numeric "id" and a string "type".`);
  }
  const key = Object.keys(raw).find((k) => k.endsWith('EventDetails') && isRecord(raw[k]));
  return {
    id: raw.id,
    previousEventId: typeof raw.previousEventId === 'number' ? raw.previousEventId : 0,
    time: readTime(raw.timestamp),
    type: raw.type,
    details: key === undefined ? undefined : (raw[key] as Record<string, unknown>),
  };
}

/** ISO text, epoch seconds (a number or numeric text, as the AWS CLI writes) or a Date. */
function readTime(value: unknown): number {
  if (typeof value === 'number') return value * 1000;
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string') return Number.NaN;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  return Date.parse(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
