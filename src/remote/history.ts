/** History events from GetExecutionHistory in the engine's shape (ISO timestamps, plain details). */
import type { HistoryEvent } from '../runtime/history.js';

/** One SDK history event → the shape `execution.history` has in-process. */
export function fromSdkEvent(e: Record<string, unknown>): HistoryEvent {
  const ts = e.timestamp;
  const out: Record<string, unknown> = {
    id: e.id,
    // The SDK leaves a member out when the service sent none; AWS's first events link to 0.
    previousEventId: e.previousEventId ?? 0,
    timestamp: ts instanceof Date ? ts.toISOString() : new Date(Number(ts) * 1000).toISOString(),
    type: e.type,
  };
  for (const [key, value] of Object.entries(e)) {
    // A JSON round trip drops members the SDK set to undefined.
    if (key.endsWith('EventDetails') && value !== undefined && value !== null) out[key] = JSON.parse(JSON.stringify(value)) as unknown;
  }
  return out as HistoryEvent;
}
